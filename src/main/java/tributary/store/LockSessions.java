package tributary.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
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
}
