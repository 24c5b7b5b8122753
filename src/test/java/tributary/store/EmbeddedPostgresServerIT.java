package tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerIT {

    @TempDir
    Path home;

    @Test
    void aServerThatDiesIsStartedAgainOnItsPortWithItsData() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(home, Map.of())) {
            String url = server.jdbcUrl();
            try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
                connection.createStatement().execute("create table kept (v text); insert into kept values ('before')");
            }
            long pid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());

            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();

            // The same URL works again (the pool of a running process reconnects to it), with what was committed.
            await("the server is back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(SQLException.class).untilAsserted(() -> {
                        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                             ResultSet rs = connection.createStatement().executeQuery("select v from kept")) {
                            rs.next();
                            assertThat(rs.getString(1)).isEqualTo("before");
                        }
                    });
            long newPid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
            assertThat(newPid).isNotEqualTo(pid);
            assertThat(server.port()).isEqualTo(Integer.parseInt(Files.readAllLines(home.resolve("pgdata/postmaster.pid"))
                    .get(3).trim()));
        }
        // Closed: the server is stopped, and stays stopped (the watchdog would restart it within a second).
        await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(home.resolve("pgdata/postmaster.pid")));
    }
}
