package tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.test.TributaryProcess;
import tributary.test.TributaryProcess.Result;

/**
 * The same life cycle against an external PostgreSQL server: the one this machine runs on 127.0.0.1:5432 (user
 * {@code postgres}, override with TRIBUTARY_IT_PG_URL/USER/PASSWORD). Skipped, saying why, where none answers.
 */
class ExternalPostgresIT {

    private static final String SERVER = System.getenv().getOrDefault("TRIBUTARY_IT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("TRIBUTARY_IT_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("TRIBUTARY_IT_PG_PASSWORD", "");

    @TempDir
    Path work;
    String database;
    boolean created;

    @BeforeEach
    void givenAFreshDatabaseOnTheExternalServer() {
        database = "tributary_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres?connectTimeout=3", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
            created = true;
        } catch (SQLException e) {
            assumeTrue(false, "No PostgreSQL server answers at " + SERVER + " as " + USER + " (" + e.getMessage()
                    + "): external-database test skipped");
        }
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        if (!created) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void serveAndCommandsUseTheExternalServerAndNoEmbeddedOne() throws Exception {
        Path home = work.resolve("home");
        Files.writeString(work.resolve("db.params"), """
                spring.datasource.url = %s%s
                spring.datasource.username = %s
                spring.datasource.password = %s
                tributary.home = %s
                auth_user = admin
                auth_pwd = Admin-pwd1
                """.formatted(SERVER, database, USER, PASSWORD, home));
        int port = TributaryProcess.freePort();
        Map<String, String> env = Map.of("TRIBUTARY_ADMIN_PASSWORD", "Admin-pwd1");

        try (TributaryProcess serve = TributaryProcess.start(work, env, "serve", "--server.port=" + port,
                "--param_file=db.params")) {
            serve.awaitRunning(port, Duration.ofSeconds(120));
            Result created = TributaryProcess.run(work, Map.of(), "user", "--action=create", "--login=xena",
                    "--password=Xena-pwd12", "--param_file=db.params");
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            assertThat(TributaryProcess.get(port, "/api/me", "xena:Xena-pwd12").body()).contains("\"login\":\"xena\"");
        }
        try (TributaryProcess serve = TributaryProcess.start(work, Map.of(), "serve", "--server.port=" + port,
                "--param_file=db.params")) {
            serve.awaitRunning(port, Duration.ofSeconds(120));
            assertThat(TributaryProcess.get(port, "/api/me", "xena:Xena-pwd12").statusCode()).isEqualTo(200);
        }
        assertThat(home.resolve("pgdata")).as("no embedded database with an external URL").doesNotExist();
        try (Connection connection = DriverManager.getConnection(SERVER + database, USER, PASSWORD);
             Statement statement = connection.createStatement();
             var rs = statement.executeQuery("select count(*) from cmdb.\"user\" where login in ('admin', 'xena')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
