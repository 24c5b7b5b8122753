package tributary.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.zip.CRC32;
import org.springframework.stereotype.Component;

/**
 * Database sessions of their own for the advisory locks a run holds from its start to its end (an import's own lock, a
 * table's {@link tributary.cmdb.ReconciliationLock}). They are opened beside the connection pool, with its settings:
 * runs waiting for a lock then hold no pooled connection, so the running one always gets the connections it needs,
 * however many wait.
 */
@Component
public class LockSessions {

    private final HikariDataSource pool;

    LockSessions(HikariDataSource pool) {
        this.pool = pool;
    }

    /** A new session, for the caller to close (which releases its session-level locks). */
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "tributary lock");
        // Sent at login then (the driver otherwise sets it just after), so that the server's login checks see it too.
        properties.setProperty("assumeMinServerVersion", "9.0");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    /**
     * An advisory-lock key: {@code namespace} (four letters, one per kind of lock) in the high 32 bits, the CRC-32 of
     * {@code name} in the low ones (two names sharing a key only serialise more than needed).
     */
    public static long key(long namespace, String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (namespace << 32) | crc.getValue();
    }

    /** Takes the session-level advisory lock {@code key} on {@code session} if it is free; whether it did. */
    public static boolean tryLock(Connection session, long key) throws SQLException {
        return queryBoolean(session, "select pg_try_advisory_lock(?)", key);
    }

    /** Takes the session-level advisory lock {@code key} on {@code session}, waiting as long as another holds it. */
    public static void lock(Connection session, long key) throws SQLException {
        queryBoolean(session, "select pg_advisory_lock(?) is not null", key);
    }

    /** Releases a lock taken on the same session. */
    public static void unlock(Connection session, long key) throws SQLException {
        queryBoolean(session, "select pg_advisory_unlock(?)", key);
    }

    /** The session's server process id, as {@code pg_locks.pid} shows it. */
    public static int backendPid(Connection session) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement("select pg_backend_pid()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean queryBoolean(Connection session, String sql, long key) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setLong(1, key);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
