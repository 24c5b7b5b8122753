package tributary.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.cli.ExitCode;
import tributary.test.TributaryProcess;

/**
 * Commands and {@code serve} given an external database that cannot be reached: they end within seconds, saying where
 * and why in one line, with exit code 3. A server that accepted connections but never answered kept them waiting
 * forever (even SIGTERM did not end them), and one that refused them printed some 75 lines of stack traces.
 */
class UnreachableDatabaseIT {

    /** JVM and Spring start (4 to 7 s on a 2-core machine), plus one connection attempt of 5 s. */
    private static final Duration FAILS_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void anImportAgainstAPortWhereNothingListensFailsInOneLine() throws Exception {
        int port = TributaryProcess.freePort();

        String err = failsQuickly("import", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/tributary",
                "--auth_user=admin", "--auth_pwd=Admin-pwd1", "--class=Person", "--csvfile=people.csv");

        assertThat(err.lines().toList()).containsExactly(
                "ERROR: cannot connect to the database at 127.0.0.1:" + port + ": ConnectException: Connection refused");
    }

    @Test
    void anImportAgainstAServerThatNeverAnswersGivesUpAfterSeconds() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Never accepted: the kernel completes the connections, and the driver waits for an answer to its request.
            String err = failsQuickly("import", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:"
                            + silent.getLocalPort() + "/tributary", "--auth_user=admin", "--auth_pwd=Admin-pwd1",
                    "--class=Person", "--csvfile=people.csv");

            assertThat(err.lines().toList()).containsExactly("ERROR: cannot connect to the database at 127.0.0.1:"
                    + silent.getLocalPort() + ": Connection attempt timed out.");
        }
    }

    @Test
    void serveAgainstAServerThatNeverAnswersFailsRatherThanWaitSilently() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String err = failsQuickly("serve", "--server.port=" + TributaryProcess.freePort(),
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/tributary");

            assertThat(err).endsWith("ERROR: cannot connect to the database at 127.0.0.1:" + silent.getLocalPort()
                    + ": Connection attempt timed out.\n").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(err.lines()).as("serve's start-up lines and the error").hasSizeLessThanOrEqualTo(4);
        }
    }

    @Test
    void aUrlThatIsNotPostgresqlsIsRefusedInOneLineWithoutItsSecrets() throws Exception {
        // jdbc:postgres:// is a common typo; the pool found no driver for it and Spring printed some 30 lines.
        String err = failsQuickly(ExitCode.REFUSED, "import",
                "--spring.datasource.url=jdbc:postgres://app:S3cret@127.0.0.1:5432/tributary?password=S3cret",
                "--auth_user=admin", "--auth_pwd=Admin-pwd1", "--class=Person", "--csvfile=people.csv");

        assertThat(err.lines().toList()).containsExactly("ERROR: spring.datasource.url is not a PostgreSQL JDBC URL:"
                + " 'jdbc:postgres://127.0.0.1:5432/tributary' (expected jdbc:postgresql://host:port/database)");
    }

    /** Runs the command, which must end with exit code 3 within {@link #FAILS_WITHIN}; returns its standard error. */
    private String failsQuickly(String... args) throws Exception {
        return failsQuickly(ExitCode.CRASHED, args);
    }

    private String failsQuickly(int exitCode, String... args) throws Exception {
        Instant start = Instant.now();
        try (TributaryProcess process = TributaryProcess.start(work, Map.of(), args)) {
            boolean ended = process.process().waitFor(FAILS_WITHIN.toSeconds(), TimeUnit.SECONDS);
            String err = process.stderr();
            System.out.println(args[0] + " ended after " + Duration.between(start, Instant.now()).toMillis()
                    + " ms, standard error:\n" + err);
            assertThat(ended).as("ended within " + FAILS_WITHIN + "; standard error so far:\n" + err).isTrue();
            assertThat(process.process().exitValue()).isEqualTo(exitCode);
            assertThat(process.stdout()).isEmpty();
            return err;
        }
    }
}
