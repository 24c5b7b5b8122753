package tributary.cmdb;

/**
 * An attribute of an object mastered by a data source: only that source may change its value.
 *
 * @param attribute      the locked attribute
 * @param dataSourceId   the source holding the lock
 * @param dataSourceName its name, for messages
 */
public record FieldLock(String attribute, long dataSourceId, String dataSourceName) {
}
