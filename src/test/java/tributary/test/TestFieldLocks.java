package tributary.test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import tributary.cmdb.FieldLock;
import tributary.cmdb.FieldLockProvider;

/**
 * A field-lock provider whose locks the tests declare, standing in for the synchronization engine (which will be
 * the production implementation of the same extension point).
 */
@TestComponent
public class TestFieldLocks implements FieldLockProvider {

    private record Lock(String className, long id, FieldLock lock) {
    }

    private final List<Lock> locks = new CopyOnWriteArrayList<>();

    public void lock(String className, long id, String attribute, long dataSourceId, String dataSourceName) {
        locks.add(new Lock(className, id, new FieldLock(attribute, dataSourceId, dataSourceName)));
    }

    @Override
    public Map<Long, List<FieldLock>> locks(String className, Collection<Long> ids) {
        Map<Long, List<FieldLock>> result = new HashMap<>();
        for (Lock lock : locks) {
            if (lock.className().equals(className) && ids.contains(lock.id())) {
                result.computeIfAbsent(lock.id(), k -> new ArrayList<>()).add(lock.lock());
            }
        }
        return result;
    }
}
