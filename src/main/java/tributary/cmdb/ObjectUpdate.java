package tributary.cmdb;

import java.util.Map;

/** New values for some attributes of an existing object (same value forms as {@link NewObject}). */
public record ObjectUpdate(String className, long id, Map<String, Object> values) {
}
