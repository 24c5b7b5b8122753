package tributary.cmdb;

import java.sql.Connection;
import java.sql.SQLException;
import tributary.store.LockSessions;

/**
 * The lock a writer that reconciles before it creates (CSV import; the synchronization later) holds on a class
 * hierarchy's table for as long as it runs. Without it, two such writers loading overlapping data at the same time
 * both find an object missing and both create it: a duplicate that every later reconciliation reports as ambiguous.
 *
 * <p>A PostgreSQL session-level advisory lock, taken on a {@link LockSessions} session the writer keeps for its run: it
 * ends with that session, so a killed process frees it. Writers that only create or update given objects (REST) do not take it.
 */
public final class ReconciliationLock {

    /** High 32 bits of the lock keys ("RECN"); the low ones are the CRC-32 of the table name. */
    static final long NAMESPACE = 0x5245434EL;

    private ReconciliationLock() {
    }

    /** The advisory-lock key of a table (two tables sharing a key only serialise more than needed). */
    public static long key(String table) {
        return LockSessions.key(NAMESPACE, table);
    }

    /**
     * Takes the lock of {@code table} on {@code session}, waiting as long as another writer holds it;
     * {@code onWait} runs once, before waiting, when it must wait.
     */
    public static void acquire(Connection session, String table, Runnable onWait) throws SQLException {
        if (LockSessions.tryLock(session, key(table))) {
            return;
        }
        onWait.run();
        LockSessions.lock(session, key(table));
    }

    /** Releases the lock taken by {@link #acquire} on the same session. */
    public static void release(Connection session, String table) throws SQLException {
        LockSessions.unlock(session, key(table));
    }
}
