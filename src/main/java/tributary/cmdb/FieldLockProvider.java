package tributary.cmdb;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Extension point through which the synchronization declares the attributes its data sources master. The object
 * service asks every provider bean, once per chunk, and refuses a different value for a locked attribute unless the
 * writer acts as the locking source ({@link WriteContext#asDataSource}).
 */
public interface FieldLockProvider {

    /** The locks held on the given objects of {@code className} (a final class), by object id. */
    Map<Long, List<FieldLock>> locks(String className, Collection<Long> ids);
}
