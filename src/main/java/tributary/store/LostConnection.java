package tributary.store;

import java.sql.SQLException;

/** Recognises failures caused by a database connection that ended (server restarted or gone, session cut). */
public final class LostConnection {

    private LostConnection() {
    }

    /**
     * Whether {@code failure} or one of its causes comes from a connection that ended: SQLSTATE class 08 or 57P (server
     * shut down), or the pool's closed connection, which is what is left once the pool has closed a connection broken
     * that way (its exception carries no SQLSTATE).
     */
    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))
                    || "Connection is closed".equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }
}
