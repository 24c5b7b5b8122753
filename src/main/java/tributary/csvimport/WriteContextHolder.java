package tributary.csvimport;

import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import tributary.cmdb.WriteContext;

/**
 * The write context of an import: one change set for the whole run, kept across restarts through the step's
 * execution context. After a savepoint was rolled back, the change set it may have created is checked: if it is
 * gone, the next write creates it again (so the import still ends with exactly one change set).
 */
final class WriteContextHolder {

    private final Supplier<WriteContext> fresh;
    private final Jdbi jdbi;
    private WriteContext context;

    WriteContextHolder(Supplier<WriteContext> fresh, Jdbi jdbi, Long existingChangeId) {
        this.fresh = fresh;
        this.jdbi = jdbi;
        this.context = existingChangeId == null ? fresh.get() : fresh.get().resumingChange(existingChangeId);
    }

    WriteContext get() {
        return context;
    }

    /** The change set id to remember, or null before the first write. */
    Long changeId() {
        return context.changeId();
    }

    void afterRollback() {
        Long id = context.changeId();
        if (id != null && jdbi.withHandle(handle -> handle.createQuery("select count(*) from cmdb.change where id = :id")
                .bind("id", id).mapTo(Integer.class).one()) == 0) {
            context = fresh.get();
        }
    }

    /** Starts over with a new context (simulation: each chunk's writes are rolled back, change set included). */
    void reset() {
        context = fresh.get();
    }
}
