package tributary.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import tributary.store.EmbeddedPostgresServer;

/**
 * One embedded PostgreSQL server per test JVM (started on first use, stopped at exit), and a fresh database on it
 * for whoever needs one — tests stay independent without paying a server start each.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static String sharedUrl;

    private TestPostgres() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /** A new empty database; returns its JDBC URL (user {@code postgres}, no password). */
    public static String newDatabase() {
        String name = "tributary_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name + EmbeddedPostgresServer.DATABASE_OPTIONS);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    /** The database shared by the Spring contexts of the integration tests (one context, cached by Spring). */
    public static synchronized String sharedDatabaseUrl() {
        if (sharedUrl == null) {
            sharedUrl = newDatabase();
        }
        return sharedUrl;
    }
}
