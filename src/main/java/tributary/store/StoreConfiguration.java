package tributary.store;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.support.JdbcTransactionManager;
import tributary.app.TributaryProperties;

/**
 * The one PostgreSQL database: the embedded server of the home directory unless
 * {@code spring.datasource.url} names an external one.
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgresServer embeddedPostgresServer(TributaryProperties properties) {
        return EmbeddedPostgresServer.open(properties.home(), properties.store().serverSettings());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            properties.setUrl(server.jdbcUrl());
            properties.setUsername("postgres");
            properties.setPassword("");
        }
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        dataSource.setPoolName("tributary");
        dataSource.addDataSourceProperty("ApplicationName", "tributary");
        // Batched inserts become multi-row statements: about twice as fast for chunk writes.
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
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
