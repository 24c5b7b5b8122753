package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.test.PeopleCsv;
import tributary.test.TestPostgres;
import tributary.test.TributaryProcess;

/**
 * The built jar, killed with SIGKILL in the middle of a 200,000-row import, then run again with the same command: it
 * resumes from its last committed chunk and ends with every row imported exactly once, one change set, and the totals
 * of an uninterrupted run.
 */
class CsvImportRestartIT {

    static final int ROWS = 200_000;
    /** The advisory locks of running imports (namespace "CSVI", see {@code CsvImportJobRunner}). */
    private static final String IMPORT_LOCKS = "from pg_locks where locktype = 'advisory' and classid::bigint = "
            + 0x43535649L;

    @TempDir
    Path directory;

    @Test
    void aKilledImportResumesAndImportsEveryRowOnce() throws Exception {
        String url = TestPostgres.newDatabase();
        Path orgs = directory.resolve("orgs.csv");
        Files.writeString(orgs, "name,code\nKill Org A,KA\nKill Org B,KB\n");
        Path people = directory.resolve("people.csv");
        try (BufferedWriter writer = Files.newBufferedWriter(people, StandardCharsets.UTF_8)) {
            writer.write("first_name,name,email,org_id->name,employee_number\n");
            for (int i = 0; i < ROWS; i++) {
                writer.write("P" + i + ",Killed " + i + ",p" + i + "@example.org,Kill Org " + (i % 2 == 0 ? "A" : "B") + ",K" + i + "\n");
            }
        }
        assertThat(jar(url, "Organization", orgs).waitFor()).isZero();

        Process first = jar(url, "Person", people);
        long doneBeforeKill = pollUntil(url, first, 30_000) - 2;
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the JVM
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // The outcomes of the people rows (the two organization rows are the other run's).
        long committed = count(url, "select coalesce(sum(row_count), 0) from csvimport.chunk_result") - 2;
        assertThat(committed).as("rows committed when killed").isBetween(doneBeforeKill, (long) ROWS - 1);
        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(committed);

        Process second = jar(url, "Person", people);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(directory.resolve("Person.out"));
        String err = Files.readString(directory.resolve("Person.err"));
        System.out.println("resumed import, standard error:\n" + err);
        assertThat(second.exitValue()).as(err).isZero();
        assertThat(err).containsPattern("Resuming the interrupted import .*: " + committed + " rows already done");
        assertThat(out.lines().toList()).contains("#Data Lines: " + ROWS, "#Created: " + ROWS, "#Issues: 0",
                "#Updated: 0", "#Unchanged: 0");
        // The report says it too, for whoever reads only the report (iTop's form of a note in the summary).
        assertThat(out).containsPattern("(?m)^#Warning: Resuming the interrupted import \\(run 1 of this data, started"
                + " .*\\): " + committed + " rows already done$");

        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(ROWS);
        assertThat(count(url, "select count(distinct lower(employee_number)) from cmdb.contact")).isEqualTo(ROWS);
        assertThat(count(url, "select count(*) from cmdb.change_op where objclass = 'Person' and optype = 'create'")).isEqualTo(ROWS);
        assertThat(count(url, "select count(distinct \"change\") from cmdb.change_op where objclass = 'Person'")).isEqualTo(1);
        assertThat(count(url, "select count(*) from cmdb.change where origin = 'csv-import'")).isEqualTo(2); // orgs, people
    }

    @Test
    void anImportWhoseDatabaseSessionsAreCutFailsCleanlyAndResumes() throws Exception {
        // The server ends every session of the import mid-way (as a database restart or failover would): the chunk
        // being written and the searches running ahead of it fail. Nothing is half-written, the error is one clear line,
        // and the same command then finishes the job.
        String url = TestPostgres.newDatabase();
        int rows = 100_000;
        Path people = peopleOfOneOrganization(url, "Cut", rows);

        Process first = jar(url, "Person", people);
        pollUntil(url, first, 10_000);
        long cut = count(url, "select count(pg_terminate_backend(pid)) from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid()");
        Output stopped = stopped(first, "Person", "the import ends after losing its sessions");
        String out = stopped.out();
        String err = stopped.err();
        System.out.println("import whose " + cut + " sessions were cut, standard output:\n" + out + "standard error:\n" + err);
        assertThat(out).doesNotContain("\tat ")
                .containsPattern("(?m)^#The import stopped: the connection to the database was lost \\(.+\\)$");
        assertThat(err).containsPattern("(?m)^The import stopped before its end: the connection to the database was"
                        + " lost \\(.+\\)\\. The rows done so far are kept\\. Run the same command again to resume it\\.$")
                .as("a lost connection is said in a line: no stack traces").doesNotContain("\tat ");
        long committed = committedPeopleOnly(url, rows);
        assertThat(count(url, "select count(*) from cmdb.change_op where objclass = 'Person'")).isEqualTo(committed);

        out = resumesToTheEnd(url, people, committed, rows);
        assertThat(out.lines().toList()).contains("#Data Lines: " + rows);
        assertThat(count(url, "select count(distinct lower(email)) from cmdb.contact where finalclass = 'Person'"))
                .isEqualTo(rows);
        assertThat(count(url, "select count(*) from cmdb.change_op where objclass = 'Person'")).isEqualTo(rows);
    }

    @Test
    void anImportWhoseEmbeddedServerIsKilledSaysSoInAFewLinesAndResumes() throws Exception {
        // The embedded PostgreSQL dies under the import (kill -9 of the postmaster); the process's watchdog starts it
        // again. The import stops, and standard error says what happened and what to do in a few lines: Spring Batch,
        // Spring's transactions, Hikari and zonky logged some 90 lines of stack traces, one of them saying the job
        // "should not be restarted", which the same command then does.
        Path home = directory.resolve("embedded-home");
        Path orgs = directory.resolve("orgs.csv");
        Files.writeString(orgs, "name\nEmbedded Org\n");
        Map<String, String> env = Map.of("TRIBUTARY_ADMIN_PASSWORD", "Admin-pwd1");
        assertThat(TributaryProcess.run(directory, env, embeddedImport(home, "Organization", orgs)).exitCode()).isZero();
        int rows = 100_000;
        Path people = PeopleCsv.write(directory.resolve("people.csv"), "Embedded", rows);

        String out;
        String err;
        try (TributaryProcess importing = TributaryProcess.start(directory, env, embeddedImport(home, "Person", people))) {
            Path pidFile = home.resolve("pgdata/postmaster.pid"); // line 1: the postmaster's pid, line 4: its port
            await("10,000 rows imported").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .failFast("the import ended", () -> !importing.process().isAlive())
                    .ignoreExceptionsMatching(e -> e instanceof IOException || e instanceof SQLException) // starting
                    .until(() -> {
                        String url = "jdbc:postgresql://127.0.0.1:" + Files.readAllLines(pidFile).get(3).trim()
                                + "/tributary";
                        return tableExists(url) && count(url, "select coalesce(sum(row_count), 0)"
                                + " from csvimport.chunk_result") >= 10_000;
                    });
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            assertThat(ProcessHandle.of(postmaster).orElseThrow().destroyForcibly()).isTrue();
            assertThat(importing.process().waitFor(2, TimeUnit.MINUTES)).as("the import ends").isTrue();
            out = importing.stdout();
            err = importing.stderr();
            System.out.println("import whose embedded server was killed, standard error:\n" + err);
            assertThat(importing.process().exitValue()).as(err).isEqualTo(tributary.cli.ExitCode.CRASHED);
        }
        assertThat(out).containsPattern("(?m)^#The import stopped: the connection to the database was lost \\(.+\\)$");
        assertThat(err).containsPattern("(?m)^The import stopped before its end: the connection to the database was"
                        + " lost \\(.+\\)\\. The rows done so far are kept\\. Run the same command again to resume it\\.$")
                .containsPattern("The embedded PostgreSQL \\(pid [0-9]+\\) ended unexpectedly; starting it again")
                .doesNotContain("\tat ").doesNotContain("should not be restarted");
        assertThat(err.lines().filter(line -> !line.startsWith("csv import: ")))
                .as("besides the progress lines: the server's restart and the import's stop").hasSizeLessThanOrEqualTo(4);

        TributaryProcess.Result resumed = TributaryProcess.run(directory, env, embeddedImport(home, "Person", people));
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        // (Chunks commit without waiting for their WAL: the server's crash may have lost the last ones, redone now.)
        assertThat(resumed.stderr()).containsPattern("Resuming the interrupted import .*: [0-9]+ rows already done");
        assertThat(resumed.stdout().lines().toList()).contains("#Created: " + rows, "#Issues: 0");
    }

    /** The arguments of an import into the embedded server of {@code home}. */
    private static String[] embeddedImport(Path home, String className, Path csv) {
        return new String[] {"import", "--tributary.home=" + home, "--auth_user=admin", "--auth_pwd=Admin-pwd1",
                "--class=" + className, "--csvfile=" + csv, "--no_localize=1", "--charset=UTF-8"};
    }

    @Test
    void anImportWhoseLockSessionEndsStopsBeforeItsNextChunkAndResumes() throws Exception {
        // Only the session holding the import's advisory lock ends: the job could go on, but then another process could
        // take the lock and resume the same import beside it. The run stops at its next chunk instead.
        String url = TestPostgres.newDatabase();
        int rows = 100_000;
        Path people = peopleOfOneOrganization(url, "Lock", rows);

        Process first = jar(url, "Person", people);
        pollUntil(url, first, 10_000);
        assertThat(count(url, "select count(*) " + IMPORT_LOCKS)).as("the running import's lock").isEqualTo(1);
        assertThat(count(url, "select count(pg_terminate_backend(pid)) " + IMPORT_LOCKS)).isEqualTo(1);
        String out = stopped(first, "Person", "the import stops").out();
        assertThat(out).contains("#The import stopped: the import's lock was lost (the database session holding it"
                + " ended); no chunk was written without it");
        long committed = committedPeopleOnly(url, rows);

        resumesToTheEnd(url, people, committed, rows);
    }

    @Test
    void anImportInterruptedLongerAgoThanTheResumeWindowIsImportedAgainWhole() throws Exception {
        // Resuming skips the rows done for good, whatever happened to their objects since: only a recent run resumes.
        String url = TestPostgres.newDatabase();
        int rows = 100_000;
        Path people = peopleOfOneOrganization(url, "Old", rows);
        long committed = killedAfter10000Rows(url, people, rows);
        // Older than the window: the run's last chunk was committed more than a second ago.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> count(url,
                "select count(*) from batch_step_execution where last_updated > localtimestamp - interval '1100 ms'") == 0);

        Process second = jar(url, "Person", people, "Person", "--tributary.csv-import.resume-within=1s");
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();

        String err = Files.readString(directory.resolve("Person.err"));
        assertThat(second.exitValue()).as(err).isZero();
        assertThat(err).containsPattern("Not resuming the import interrupted on .* \\(run 1 of this data, " + committed
                + " rows done\\): it is older than 1s \\(tributary.csv-import.resume-within\\), so every row is imported"
                + " again").doesNotContain("Resuming");
        assertThat(Files.readString(directory.resolve("Person.out")).lines().toList())
                .contains("#Created: " + (rows - committed), "#Unchanged: " + committed, "#Issues: 0")
                .anyMatch(line -> line.startsWith("#Warning: Not resuming the import interrupted on ")
                        && line.endsWith(": it is older than 1s (tributary.csv-import.resume-within), so every row is"
                        + " imported again"));
        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(rows);
        assertThat(count(url, "select count(*) from batch_job_execution where status = 'ABANDONED'")).isEqualTo(1);
    }

    @Test
    void anImportWhoseObjectsWereChangedSinceItWasInterruptedIsImportedAgainWhole() throws Exception {
        // Resumed, it would skip its done rows and leave what changed them since: not what an uninterrupted run gives.
        String url = TestPostgres.newDatabase();
        int rows = 60_000;
        Path people = peopleOfOneOrganization(url, "Later", rows);
        Process first = jar(url, "Person", people, "Person", "--reconciliationkeys=email");
        pollUntil(url, first, 10_000);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long committed = committedPeopleOnly(url, rows);
        Path fix = directory.resolve("fix.csv");
        Files.writeString(fix, "first_name,name,email,org_id->name\nRenamed,Later 0,Later0@example.org,Later Org\n");
        assertThat(jar(url, "Person", fix, "Fix", "--reconciliationkeys=email").waitFor()).isZero();
        assertThat(text(url, "select first_name from cmdb.contact where email = 'Later0@example.org'")).isEqualTo("Renamed");

        Process second = jar(url, "Person", people, "Person", "--reconciliationkeys=email");
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();

        String err = Files.readString(directory.resolve("Person.err"));
        assertThat(second.exitValue()).as(err).isZero();
        assertThat(err).containsPattern("Not resuming the import interrupted on .* \\(run 1 of this data, " + committed
                + " rows done\\): objects of class Person were changed \\(change set \\d+, by admin\\) since, so every"
                + " row is imported again").doesNotContain("Resuming");
        assertThat(Files.readString(directory.resolve("Person.out")).lines().toList()).contains("#Created: "
                + (rows - committed), "#Updated: 1", "#Unchanged: " + (committed - 1), "#Issues: 0");
        assertThat(text(url, "select first_name from cmdb.contact where email = 'Later0@example.org'")).isEqualTo("P0");
        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(rows);
    }

    @Test
    void aRunLeftUnknownWithAStaleRestartPointIsSettledAndResumesAfterItsCommittedRows() throws Exception {
        // When a commit fails because its session was cut, Spring Batch cannot know whether the server committed the
        // chunk: it marks the run UNKNOWN and refuses to restart it, and its last save may hold an older restart point.
        // Here the database knows what was committed. This run is left in that state by hand: killed, marked UNKNOWN,
        // and given back the restart point it had saved thousands of rows earlier.
        String url = TestPostgres.newDatabase();
        int rows = 100_000;
        Path people = peopleOfOneOrganization(url, "Unknown", rows);
        String lastStep = "(select max(step_execution_id) from batch_step_execution)";

        Process first = jar(url, "Person", people);
        pollUntil(url, first, 10_000);
        String staleContext = text(url, "select short_context from batch_step_execution_context"
                + " where step_execution_id = " + lastStep);
        pollUntil(url, first, count(url, "select sum(row_count) from csvimport.chunk_result") + 10_000);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long committed = committedPeopleOnly(url, rows);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement context = connection.prepareStatement("update batch_step_execution_context"
                     + " set short_context = ?, serialized_context = null where step_execution_id = " + lastStep);
             Statement statement = connection.createStatement()) {
            context.setString(1, staleContext);
            assertThat(context.executeUpdate()).isEqualTo(1);
            assertThat(statement.executeUpdate("update batch_step_execution set status = 'UNKNOWN', exit_code = 'UNKNOWN'"
                    + " where step_execution_id = " + lastStep)).isEqualTo(1);
            assertThat(statement.executeUpdate("update batch_job_execution set status = 'UNKNOWN', exit_code = 'UNKNOWN'"
                    + " where job_execution_id = (select max(job_execution_id) from batch_job_execution)")).isEqualTo(1);
        }

        resumesToTheEnd(url, people, committed, rows);
        assertThat(count(url, "select sum(row_count) from csvimport.chunk_result")).as("outcomes, the orgs' included")
                .isEqualTo(rows + 1);
        assertThat(count(url, "select count(*) from cmdb.change_op where objclass = 'Person'")).isEqualTo(rows);
        assertThat(count(url, "select count(*) from batch_job_execution where status = 'UNKNOWN'")).isZero();
    }

    @Test
    void aResumeRacingTheLastCommitOfARunThatLostItsLockNeverImportsAChunkTwice() throws Exception {
        // The narrowest case of "a live import is never resumed twice": run A has passed its lock check and is committing
        // a chunk when its lock session ends, and run B takes the lock and settles A's run at that very moment. The
        // test makes that moment last: it holds A's step-execution row, so A's commit and B's settlement both wait
        // for it, A first. One of the two must then fail on the row's version; nothing may be imported twice.
        String url = TestPostgres.newDatabase();
        int rows = 100_000;
        Path people = peopleOfOneOrganization(url, "Race", rows);
        Process a = jar(url, "Person", people, "A");
        pollUntil(url, a, 10_000);
        String waitingOnStepRow = "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and regexp_replace(query, '\\s+', ' ', 'g') ilike '%UPDATE BATCH_STEP_EXECUTION SET%'";
        Process b;
        try (Connection holder = DriverManager.getConnection(url, "postgres", "")) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.executeQuery("select 1 from batch_step_execution where step_execution_id ="
                        + " (select max(step_execution_id) from batch_step_execution) for update").close();
            }
            awaitCount(url, waitingOnStepRow, 1, a);
            assertThat(count(url, "select count(pg_terminate_backend(pid)) " + IMPORT_LOCKS)).as("A's lock session ended")
                    .isEqualTo(1);
            b = jar(url, "Person", people, "B");
            awaitCount(url, waitingOnStepRow, 2, b);
            holder.rollback();
        }
        String outA = stopped(a, "A", "A stops: its lock is gone").out();
        String outB = stopped(b, "B", "B stops: A committed the chunk B's settlement had not counted").out();
        System.out.println("run A:\n" + outA + "run B:\n" + outB);
        assertThat(outB).contains("#The import stopped: the interrupted run committed a chunk while this one was taking"
                + " it over; run the same command again to resume it");
        long committed = committedPeopleOnly(url, rows);
        assertThat(count(url, "select count(distinct lower(email)) from cmdb.contact where finalclass = 'Person'"))
                .isEqualTo(committed);

        resumesToTheEnd(url, people, committed, rows);
        assertThat(count(url, "select count(distinct lower(email)) from cmdb.contact where finalclass = 'Person'"))
                .isEqualTo(rows);
        assertThat(count(url, "select count(*) from cmdb.change_op where objclass = 'Person'")).isEqualTo(rows);
        assertThat(count(url, "select sum(row_count) from csvimport.chunk_result")).isEqualTo(rows + 1);
    }

    /** Waits until {@code sql} counts at least {@code expected}; fails if {@code process} ends first. */
    private static void awaitCount(String url, String sql, long expected, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (count(url, sql) < expected) {
            assertThat(process.isAlive()).as("process still running while waiting for: " + sql).isTrue();
            assertThat(Instant.now()).as(sql).isBefore(deadline);
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** What a run printed on standard output and error. */
    private record Output(String out, String err) {
    }

    /** Waits for a run that must stop (exit code 3), and returns what it printed ({@code label}: see {@link #jar}). */
    private Output stopped(Process process, String label, String why) throws Exception {
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(why).isTrue();
        Output output = new Output(Files.readString(directory.resolve(label + ".out")),
                Files.readString(directory.resolve(label + ".err")));
        assertThat(process.exitValue()).as(why + "\n" + output.err()).isEqualTo(tributary.cli.ExitCode.CRASHED);
        return output;
    }

    /** Runs the import of {@code people}, kills it (SIGKILL) once 10,000 rows are done; returns the rows committed. */
    private long killedAfter10000Rows(String url, Path people, int rows) throws Exception {
        Process first = jar(url, "Person", people);
        pollUntil(url, first, 10_000);
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return committedPeopleOnly(url, rows);
    }

    /** The rows the stopped import committed (after the first 10,000, before its end), all there and nothing else. */
    private static long committedPeopleOnly(String url, int rows) throws SQLException {
        long committed = count(url, "select coalesce(sum(row_count), 0) from csvimport.chunk_result") - 1;
        assertThat(committed).isBetween(10_000L, (long) rows - 1);
        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(committed);
        return committed;
    }

    /** Runs the stopped import's command again: it resumes after the committed rows and creates them all. */
    private String resumesToTheEnd(String url, Path people, long committed, int rows) throws Exception {
        Process second = jar(url, "Person", people);
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = Files.readString(directory.resolve("Person.out"));
        String err = Files.readString(directory.resolve("Person.err"));
        assertThat(second.exitValue()).as(err).isZero();
        assertThat(err).containsPattern("Resuming the interrupted import .*: " + committed + " rows already done");
        assertThat(out.lines().toList()).contains("#Created: " + rows, "#Issues: 0");
        assertThat(count(url, "select count(*) from cmdb.contact where finalclass = 'Person'")).isEqualTo(rows);
        return out;
    }

    /** Imports the organization "{name} Org" and writes a CSV of {@code rows} of its people (unique e-mails). */
    private Path peopleOfOneOrganization(String url, String name, int rows) throws Exception {
        Path orgs = directory.resolve("orgs.csv");
        Files.writeString(orgs, "name\n" + name + " Org\n");
        assertThat(jar(url, "Organization", orgs).waitFor()).isZero();
        return PeopleCsv.write(directory.resolve("people.csv"), name, rows);
    }

    private Process jar(String url, String className, Path csv) throws IOException {
        return jar(url, className, csv, className);
    }

    /** The import command, its standard output and error in {@code <label>.out} and {@code <label>.err}. */
    private Process jar(String url, String className, Path csv, String label, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("import", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=", "--tributary.home=" + directory.resolve("home"),
                "--auth_user=admin", "--auth_pwd=Admin-pwd1", "--class=" + className, "--csvfile=" + csv,
                "--no_localize=1", "--charset=UTF-8"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = TributaryProcess.command(command)
                .redirectOutput(directory.resolve(label + ".out").toFile())
                .redirectError(directory.resolve(label + ".err").toFile());
        builder.environment().put("TRIBUTARY_ADMIN_PASSWORD", "Admin-pwd1");
        return builder.start();
    }

    /** Waits until at least {@code rows} row outcomes are committed; fails if the process ends first. */
    private static long pollUntil(String url, Process process, long rows) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("import still running").isTrue();
            long done = tableExists(url) ? count(url, "select coalesce(sum(row_count), 0) from csvimport.chunk_result") : 0;
            if (done >= rows) {
                return done;
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // polls; returns early if the process ends
        }
        throw new AssertionError("the import did not reach " + rows + " rows in time");
    }

    private static boolean tableExists(String url) throws SQLException {
        return count(url, "select count(*) from information_schema.tables where table_schema = 'csvimport'"
                + " and table_name = 'chunk_result'") > 0;
    }

    private static String text(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
