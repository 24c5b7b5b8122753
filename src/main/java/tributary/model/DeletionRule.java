package tributary.model;

/** What happens to an object whose external key points to an object being deleted. */
public enum DeletionRule {
    /** The referencing object must be deleted by hand first: the deletion is refused. */
    MANUAL,
    /** The referencing object is deleted with its target. */
    AUTO_DELETE,
    /** The key is emptied (refused when the key is mandatory). */
    RESET
}
