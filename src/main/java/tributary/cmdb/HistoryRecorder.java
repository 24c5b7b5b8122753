package tributary.cmdb;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.springframework.stereotype.Component;
import tributary.store.HistoryTables;

/**
 * Writes change sets and their entries (iTop's CMDBChange / CMDBChangeOp), in bulk. Creation entries are not written
 * here: a created object's row holds its change set, and the history view derives the entry (see HistoryTables).
 */
@Component
class HistoryRecorder {

    /** One history entry. {@code attribute}, {@code oldValue} and {@code newValue} are null for deletions. */
    record Entry(String objectClass, long objectId, String type, String attribute, String oldValue, String newValue) {
        static Entry delete(String objectClass, long objectId) {
            return new Entry(objectClass, objectId, "delete", null, null, null);
        }

        static Entry update(String objectClass, long objectId, String attribute, String oldValue, String newValue) {
            return new Entry(objectClass, objectId, "update", attribute, oldValue, newValue);
        }

        static Entry links(String objectClass, long objectId, String attribute, String description) {
            return new Entry(objectClass, objectId, "links", attribute, null, description);
        }
    }

    private final Jdbi jdbi;

    HistoryRecorder(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The change set of the context, created (in the current transaction) at its first use. */
    long changeOf(WriteContext context) {
        if (context.changeId() == null) {
            long id = jdbi.withHandle(handle -> handle.createQuery("insert into cmdb.change (user_id, user_login, origin,"
                            + " userinfo) values (:userId, :login, :origin, :info) returning id")
                    .bind("userId", context.userId())
                    .bind("login", context.userLogin())
                    .bind("origin", context.origin())
                    .bind("info", context.userInfo())
                    .mapTo(Long.class)
                    .one());
            context.changeId(id);
        }
        return context.changeId();
    }

    void record(WriteContext context, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long change = changeOf(context);
        if (entries.size() >= CopyIn.THRESHOLD) {
            jdbi.useHandle(handle -> CopyIn.copy(handle, "copy cmdb." + HistoryTables.STORED_ENTRIES
                    + " (\"change\", objclass, objkey, optype, attcode, oldvalue, newvalue) from stdin", rows -> {
                        for (Entry entry : entries) {
                            rows.value(change).value(entry.objectClass()).value(entry.objectId()).value(entry.type())
                                    .value(entry.attribute()).value(entry.oldValue()).value(entry.newValue())
                                    .endRow();
                        }
                    }));
            return;
        }
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("insert into cmdb." + HistoryTables.STORED_ENTRIES
                    + " (\"change\", objclass, objkey, optype, attcode, oldvalue, newvalue)"
                    + " values (:change, :class, :key, :type, :att, :old, :new)");
            for (Entry entry : entries) {
                batch.bind("change", change)
                        .bind("class", entry.objectClass())
                        .bind("key", entry.objectId())
                        .bind("type", entry.type())
                        .bind("att", entry.attribute())
                        .bind("old", entry.oldValue())
                        .bind("new", entry.newValue())
                        .add();
            }
            batch.execute();
        });
    }
}
