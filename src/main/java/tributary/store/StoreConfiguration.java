package tributary.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;
import tributary.app.TributaryProperties;

/**
 * The one PostgreSQL database: the embedded server of the home directory unless
 * {@code spring.datasource.url} names an external one.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    /** How long connecting to the database (TCP, then login) may take before the attempt fails. */
    static final int CONNECT_TIMEOUT_SECONDS = 5;

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(TributaryProperties properties) {
        return EmbeddedPostgresServer.open(properties.home(), properties.store().serverSettings());
    }

    /**
     * The connection pool. An external database is connected to at once, so that one that cannot be reached stops
     * the start with one clear message ({@link DatabaseUnavailableException}) instead of a stack trace out of the
     * first component that needed it.
     */
    @Bean
    HikariDataSource dataSource(DataSourceProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded,
                                Environment environment) {
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            properties.setUrl(server.jdbcUrl());
            properties.setUsername("postgres");
            properties.setPassword("");
        } else if (properties.getUrl() != null && Driver.parseURL(properties.getUrl(), null) == null) {
            throw new InvalidDatabaseUrlException(properties.getUrl());
        }
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setPoolName("tributary");
        dataSource.addDataSourceProperty("ApplicationName", "tributary");
        // Batched inserts become multi-row statements: about twice as fast for chunk writes.
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        // The driver's defaults let a connection attempt wait forever for a server that accepts it but never answers
        // (hung, or behind a proxy), and 10 s for one that never accepts it (packets dropped).
        dataSource.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        dataSource.addDataSourceProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        // spring.datasource.hikari.* (which may override the above), before the first connection below.
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(dataSource));
        if (server == null) {
            connectOnce(dataSource);
        }
        return dataSource;
    }

    /** Opens the pool with its first connection (which Flyway then uses), or says why the database cannot be reached. */
    private static void connectOnce(HikariDataSource dataSource) {
        try (Connection ignored = dataSource.getConnection()) {
            // connected: the pool is started
        } catch (SQLException | HikariPool.PoolInitializationException e) {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
            // The driver's own messages say it all ("Connection attempt timed out."); a network error needs its type.
            String reason = root instanceof SQLException && root.getMessage() != null ? root.getMessage()
                    : root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
            throw new DatabaseUnavailableException(hostsAndPorts(dataSource.getJdbcUrl()), reason, e);
        }
    }

    /** {@code host:port} (comma-separated when several) of a PostgreSQL JDBC URL, without its parameters. */
    private static String hostsAndPorts(String url) {
        Properties parsed = url == null ? null : Driver.parseURL(url, null);
        if (parsed == null) {
            return url == null ? "(no URL)" : url.replaceFirst("\\?.*", "");
        }
        String[] hosts = parsed.getProperty(PGProperty.PG_HOST.getName(), "").split(",");
        String[] ports = parsed.getProperty(PGProperty.PG_PORT.getName(), "").split(",");
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            where.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(i < ports.length ? ports[i] : "5432");
        }
        return where.toString();
    }

    /** Spring's JDBC transaction manager, which Spring Batch uses too; see the class for its one difference. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager transactionManager = new LostConnectionRollbackTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(transactionManager));
        return transactionManager;
    }

    /** JDBI over a transaction-aware proxy, so that its work joins Spring (and Spring Batch chunk) transactions. */
    @Bean
    @DependsOnDatabaseInitialization
    Jdbi jdbi(DataSource dataSource) {
        return Jdbi.create(new TransactionAwareDataSourceProxy(dataSource)).installPlugin(new PostgresPlugin());
    }
}
