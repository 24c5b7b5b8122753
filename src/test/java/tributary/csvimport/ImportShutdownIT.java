package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.test.PeopleCsv;
import tributary.test.TestPostgres;
import tributary.test.TributaryProcess;

/**
 * {@code serve} stopped the way a service manager stops it (SIGTERM) in the middle of a long HTTP import: the import
 * stops before its next chunk, its client is told so, and sending the same import again resumes it. And a database
 * that cannot be reached: import.php still answers iTop's way.
 */
class ImportShutdownIT {

    private static final String PASSWORD = "Admin-pwd1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void aServerStoppingDuringAnImportAnswersThatItStoppedAndTheImportResumesLater() throws Exception {
        String url = TestPostgres.newDatabase();
        int rows = 150_000;
        Path people = PeopleCsv.write(work.resolve("people.csv"), "Stop", rows);
        int port = TributaryProcess.freePort();
        TributaryProcess serve = serve(url, port);
        assertThat(post(port, "Organization", "name\nStop Org\n".getBytes(StandardCharsets.UTF_8))).contains("#Created: 1");

        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> post(port, "Person", read(people)));
        await("the import makes progress").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(answer).as("the import is still running").isNotDone();
            return count(url, "select count(*) from cmdb.contact where finalclass = 'Person'") >= 10_000;
        });
        serve.process().destroy(); // SIGTERM

        assertThat(serve.process().waitFor(60, TimeUnit.SECONDS)).as("serve ends").isTrue();
        String stopped = answer.get(10, TimeUnit.SECONDS);
        assertThat(stopped).contains("#The import stopped: the server is stopping");
        // An expected stop is logged in one line, not as errors with stack traces (Spring Batch logged 271 lines).
        assertThat(serve.stderr()).contains("The import stopped before its end: the server is stopping")
                .doesNotContain("ERROR").doesNotContain("\tat ");
        long committed = count(url, "select count(*) from cmdb.contact where finalclass = 'Person'");
        assertThat(committed).isBetween(10_000L, rows - 1L);

        TributaryProcess again = serve(url, port);
        try {
            String resumed = post(port, "Person", read(people));
            assertThat(resumed).contains("#Created: " + rows, "#Issues: 0");
            // An HTTP client has no standard error: its answer says that the import was resumed.
            assertThat(resumed).containsPattern("(?m)^#Warning: Resuming the interrupted import \\(run 1 of this data,"
                    + " started .*\\): " + committed + " rows already done$");
            assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(rows);
            assertThat(again.stderr() + again.stdout()).contains(committed + " rows already done");
        } finally {
            again.close();
        }
    }

    @Test
    void aCommandLineImportStoppedBySigtermSaysSoOnItsOutputAndResumesLater() throws Exception {
        String url = TestPostgres.newDatabase();
        int rows = 150_000;
        Path people = PeopleCsv.write(work.resolve("people.csv"), "Term", rows);
        Files.writeString(work.resolve("orgs.csv"), "name\nTerm Org\n");
        assertThat(TributaryProcess.run(work, Map.of("TRIBUTARY_ADMIN_PASSWORD", PASSWORD),
                importArguments(url, "Organization", "orgs.csv")).stdout()).contains("#Created: 1");

        TributaryProcess first = TributaryProcess.start(work, Map.of("TRIBUTARY_ADMIN_PASSWORD", PASSWORD),
                importArguments(url, "Person", people.toString()));
        await("the import makes progress").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(first.process().isAlive()).as("the import is still running").isTrue();
            return count(url, "select count(*) from cmdb.contact where finalclass = 'Person'") >= 10_000;
        });
        first.process().destroy(); // SIGTERM, as a service manager or a terminal's kill sends it

        assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).as("the import ends").isTrue();
        // The report is printed before the database is let go, and the stop is told, not dumped as traces.
        assertThat(first.stdout()).contains("#Class: Person", "#The import stopped: the server is stopping");
        assertThat(first.stderr()).doesNotContain("has been closed", "\tat ");
        long committed = count(url, "select count(*) from cmdb.contact where finalclass = 'Person'");
        assertThat(committed).isBetween(10_000L, rows - 1L);

        TributaryProcess.Result resumed = TributaryProcess.run(work, Map.of("TRIBUTARY_ADMIN_PASSWORD", PASSWORD),
                importArguments(url, "Person", people.toString()));
        assertThat(resumed.stderr()).contains(committed + " rows already done");
        assertThat(resumed.stdout()).contains("#Created: " + rows, "#Issues: 0",
                "#Warning: Resuming the interrupted import (run 1 of this data, started ");
        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(rows);
    }

    private String[] importArguments(String url, String className, String csv) {
        return new String[] {"import", "--tributary.home=" + work.resolve("home"), "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--auth_user=admin",
                "--auth_pwd=" + PASSWORD, "--class=" + className, "--csvfile=" + csv, "--no_localize=1", "--charset=UTF-8"};
    }

    @Test
    void aDatabaseThatCannotBeReachedIsReportedAsTextNotAsAnErrorPage() throws Exception {
        String url = TestPostgres.newDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        int port = TributaryProcess.freePort();
        try (TributaryProcess serve = serve(url, port, "--spring.datasource.hikari.connection-timeout=2000")) {
            assertThat(post(port, "Organization", "name\nUp Org\n".getBytes(StandardCharsets.UTF_8))).contains("#Created: 1");
            try (Connection connection = DriverManager.getConnection(admin, "postgres", "")) {
                connection.createStatement().execute("alter database \"" + database + "\" allow_connections false");
                connection.createStatement().execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = '" + database + "'");
            }
            try {
                HttpResponse<String> down = send(port, "Organization", "name\nDown Org\n".getBytes(StandardCharsets.UTF_8));
                assertThat(down.statusCode()).isEqualTo(200);
                assertThat(down.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
                assertThat(down.body()).startsWith("ERROR: The credentials could not be checked: ");
            } finally {
                try (Connection connection = DriverManager.getConnection(admin, "postgres", "")) {
                    connection.createStatement().execute("alter database \"" + database + "\" allow_connections true");
                }
            }
            // Back: the connections the pool still holds to the ended sessions are replaced as they fail.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(post(port, "Organization", "name\nBack Org\n".getBytes(StandardCharsets.UTF_8)))
                            .contains("#Created: 1"));
        }
    }

    private TributaryProcess serve(String url, int port, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("serve",
                "--server.port=" + port, "--tributary.home=" + work.resolve("home"), "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password="));
        arguments.addAll(List.of(extra));
        TributaryProcess serve = TributaryProcess.start(work, Map.of("TRIBUTARY_ADMIN_PASSWORD", PASSWORD),
                arguments.toArray(String[]::new));
        serve.awaitRunning(port, Duration.ofSeconds(120));
        return serve;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String post(int port, String className, byte[] csv) {
        return send(port, className, csv).body();
    }

    private static HttpResponse<String> send(int port, String className, byte[] csv) {
        String boundary = "----stop" + UUID.randomUUID();
        StringBuilder head = new StringBuilder();
        Map.of("auth_user", "admin", "auth_pwd", PASSWORD, "class", className, "no_localize", "1", "charset", "UTF-8")
                .forEach((name, value) -> head.append("--").append(boundary).append("\r\nContent-Disposition: form-data;"
                        + " name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"csvdata\";"
                + " filename=\"data.csv\"\r\nContent-Type: text/csv\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + csv.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(csv, 0, body, start.length, csv.length);
        System.arraycopy(end, 0, body, start.length + csv.length, end.length);
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webservices/import.php"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("POST import.php failed: " + e, e);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the schema is not there yet
            }
            throw e;
        }
    }
}
