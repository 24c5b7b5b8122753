package tributary.cmdb;

import java.util.Optional;

/**
 * Extension point that may forbid deleting an object, e.g. one created by a data source whose users may not delete
 * its objects. Consulted for every object of a deletion plan.
 */
public interface DeletionGuard {

    /** The reason the writer may not delete this object, if any. */
    Optional<String> refusal(String className, long id, WriteContext context);
}
