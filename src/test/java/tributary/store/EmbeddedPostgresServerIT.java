package tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            String value = null;
            while (value == null) {
                assertThat(Instant.now()).as("the server is back").isBefore(deadline);
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     ResultSet rs = connection.createStatement().executeQuery("select v from kept")) {
                    rs.next();
                    value = rs.getString(1);
                } catch (SQLException e) {
                    Thread.sleep(200);
                }
            }
            assertThat(value).isEqualTo("before");
            long newPid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).trim());
            assertThat(newPid).isNotEqualTo(pid);
            assertThat(server.port()).isEqualTo(Integer.parseInt(Files.readAllLines(home.resolve("pgdata/postmaster.pid"))
                    .get(3).trim()));
        }
        // Closed: the server is stopped, and not started again behind its back.
        Thread.sleep(2_500);
        assertThat(Files.exists(home.resolve("pgdata/postmaster.pid"))).isFalse();
    }
}
