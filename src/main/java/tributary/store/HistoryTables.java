package tributary.store;

/**
 * Where the change history is stored. Creation entries are not rows of their own: each class table's row holds the
 * change set that created it, and {@link #ENTRIES_VIEW} shows them next to the stored entries (see migration V26).
 */
public final class HistoryTables {

    /** The table of the class hierarchy CMDBChangeOp in the model: a view (creation entries are derived). */
    public static final String ENTRIES_VIEW = "change_op";
    /** The stored entries: updates, link-set changes, deletions, and the creations of deleted objects. */
    public static final String STORED_ENTRIES = "change_op_entry";
    /** The column of every class table that holds the change set that created the row's object. */
    public static final String CREATION_COLUMN = "creation_change";
    /** {@code cmdb.change_op_by_id(bigint[])}: the view's rows by id, each found through an index. */
    public static final String BY_ID_FUNCTION = "change_op_by_id";
    /** Creation entry ids: {@code -(object id * ID_FACTOR + table number)}. */
    public static final long ID_FACTOR = 1024;

    private HistoryTables() {
    }

    /** The SQL expression of a creation entry's id, from those of its object's id and its table's number. */
    public static String creationEntryId(String objectId, String tableNumber) {
        return "-(" + objectId + " * " + ID_FACTOR + " + " + tableNumber + ")";
    }
}
