package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ReconciliationLock;
import tributary.cmdb.WriteContext;
import tributary.csvimport.ImportTestSupport.Result;
import tributary.csvimport.ImportTestSupport.Transport;
import tributary.test.IntegrationTestBase;
import tributary.test.LockWaits;

/**
 * Imports running at the same time into the same class, over HTTP into the running application: they take turns on
 * the class's table, so overlapping data never creates an object twice; a simulation does not wait.
 */
class CsvImportConcurrencyIT extends IntegrationTestBase {

    @Autowired
    ImportCommand command;
    @Autowired
    ObjectService objects;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @TempDir
    Path directory;

    ImportTestSupport imports;
    String tag;

    @BeforeEach
    void fixture() {
        imports = new ImportTestSupport(command, baseUrl(), directory);
        tag = UUID.randomUUID().toString().substring(0, 8);
        objects.create(WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "fixture"), "Organization",
                java.util.Map.of("name", "Org " + tag));
    }

    /** {@code rows} people of the fixture's organization; with a function column when {@code function} is not null. */
    private byte[] people(int rows, String function) {
        StringBuilder csv = new StringBuilder("first_name,name,email,org_id->name" + (function == null ? "" : ",function")
                + "\n");
        for (int i = 0; i < rows; i++) {
            csv.append("P").append(i).append(",Same ").append(tag).append(' ').append(i).append(",same").append(i)
                    .append('.').append(tag).append("@example.org,Org ").append(tag)
                    .append(function == null ? "" : "," + function).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private long persons() {
        return jdbc.queryForObject("select count(*) from cmdb.contact where finalclass = 'Person' and name like ?",
                Long.class, "Same " + tag + " %");
    }

    private Result importOverHttp(byte[] csv, String... extra) {
        List<String> common = List.of("auth_user=admin", "auth_pwd=" + ADMIN_PASSWORD, "class=Person", "charset=UTF-8",
                "no_localize=1", "chunk_size=200");
        String[] parameters = java.util.stream.Stream.concat(common.stream(), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return imports.run(Transport.HTTP, csv, parameters);
    }

    @Test
    void twoImportsOfTheSamePeopleAtOnceCreateEachPersonOnce() throws Exception {
        // Two different files (the second sets a function too) naming the same 3,000 people, sent at the same moment.
        int rows = 3_000;
        byte[] plain = people(rows, null);
        byte[] withFunction = people(rows, "Tester");
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Result> first = CompletableFuture.supplyAsync(() -> {
            await(start);
            return importOverHttp(plain);
        });
        CompletableFuture<Result> second = CompletableFuture.supplyAsync(() -> {
            await(start);
            return importOverHttp(withFunction);
        });
        start.countDown();
        List<String> a = first.get(3, TimeUnit.MINUTES).lines();
        List<String> b = second.get(3, TimeUnit.MINUTES).lines();

        assertThat(persons()).as("each person once").isEqualTo(rows);
        assertThat(a).contains("#Issues: 0");
        assertThat(b).contains("#Issues: 0");
        // Whichever ran first created everyone; the other found them all.
        if (a.contains("#Created: " + rows)) {
            assertThat(b).contains("#Created: 0", "#Updated: " + rows);
        } else {
            assertThat(b).contains("#Created: " + rows);
            assertThat(a).contains("#Created: 0", "#Unchanged: " + rows);
        }
        assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where name like ? and function = 'Tester'",
                Long.class, "Same " + tag + " %")).isEqualTo(rows);
    }

    @Test
    void moreWaitingImportsThanPooledConnectionsAllFinish() throws Exception {
        // Waiting imports hold sessions of their own, not pooled connections: the running import is never starved of
        // them (the pool has 20), however many wait.
        int imports = 30;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Result>> results = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(imports);
        for (int i = 0; i < imports; i++) {
            String csv = "first_name,name,email,org_id->name\n" + java.util.stream.IntStream.range(0, 20)
                    .mapToObj(p -> "P" + p + ",Same " + tag + " many,many" + p + "@" + tag + ".example.org,Org " + tag)
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n")).replace("many", "many" + i);
            results.add(CompletableFuture.supplyAsync(() -> {
                await(start);
                return importOverHttp(csv.getBytes(StandardCharsets.UTF_8));
            }, clients));
        }
        start.countDown();
        for (CompletableFuture<Result> result : results) {
            assertThat(result.get(3, TimeUnit.MINUTES).lines()).contains("#Created: 20", "#Issues: 0");
        }
        clients.shutdown();
        assertThat(persons()).isEqualTo(imports * 20L);
    }

    @Test
    void anImportWaitsForTheWriterHoldingItsTablesLockAndASimulationDoesNot() throws Exception {
        long key = ReconciliationLock.key("contact");
        String waiting = "select count(*) from pg_locks where locktype = 'advisory' and not granted"
                + " and classid::bigint = " + (key >>> 32) + " and objid::bigint = " + (key & 0xFFFFFFFFL) + " and objsubid = 1";
        try (Connection other = dataSource.getConnection()) {
            ReconciliationLock.acquire(other, "contact", () -> {
                throw new AssertionError("no other writer should hold the lock");
            });
            CompletableFuture<Result> blocked;
            try {
                Result simulation = importOverHttp(people(10, null), "simulate=1");
                assertThat(simulation.lines()).contains("#Simulate: 1", "#Created: 10");

                blocked = CompletableFuture.supplyAsync(() -> importOverHttp(people(10, null)));
                CompletableFuture<Result> importing = blocked;
                Awaitility.await("the import asks for the lock").atMost(Duration.ofMinutes(1))
                        .failFast("the import waits for the lock", importing::isDone)
                        .until(() -> jdbc.queryForObject(waiting, Long.class) > 0);
                assertThat(persons()).as("nothing written while waiting").isZero();
            } finally {
                ReconciliationLock.release(other, "contact");
            }
            assertThat(blocked.get(1, TimeUnit.MINUTES).lines()).contains("#Created: 10", "#Issues: 0");
        }
        assertThat(persons()).isEqualTo(10);
    }

    @Test
    void aChunkWriteThatPostgresqlStopsToBreakADeadlockIsWrittenAgainAndTheImportEndsAsIfUninterrupted()
            throws Exception {
        // Another transaction (a deletion resetting these Persons, a hand edit) holds the second Person's row while the
        // import's chunk, having updated the first, waits for it; that transaction then asks for the first: a deadlock.
        // PostgreSQL stops the side that waited first, the import's. Its write rolls back to the chunk's savepoint,
        // which frees the first Person for the other transaction, and its rows are written again one by one.
        assertThat(importOverHttp(people(2, null)).lines()).contains("#Created: 2", "#Issues: 0");
        long first = personId(0);
        long second = personId(1);
        assertThat(first).isLessThan(second);
        String deadlocks = "select deadlocks from pg_stat_database where datname = current_database()";
        long deadlocksBefore = jdbc.queryForObject(deadlocks, Long.class);
        CompletableFuture<Result> running;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var statement = other.createStatement()) {
                // This transaction looks for a deadlock only after a minute of waiting, the import's after a second
                // (PostgreSQL's default): the import's check finds the cycle first and stops the import's statement.
                statement.execute("set local deadlock_timeout = '1min'");
                statement.executeUpdate("update cmdb.contact set phone = '+1 555 0001' where id = " + second);
                CompletableFuture<Result> importing = CompletableFuture.supplyAsync(
                        () -> importOverHttp(people(2, "Tester")));
                running = importing;
                LockWaits.awaitRowLockWait(jdbc, "the import's chunk waits for the second Person", importing);
                statement.executeUpdate("update cmdb.contact set mobile_phone = '+1 555 0002' where id = " + first);
            }
            other.commit();
        }
        Result result = running.get(2, TimeUnit.MINUTES);
        Awaitility.await("PostgreSQL counts the deadlock it broke").atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(deadlocks, Long.class) == deadlocksBefore + 1);
        assertThat(result.text()).doesNotContain("#The import stopped");
        assertThat(result.lines()).contains("#Issues: 0", "#Created: 0", "#Updated: 2", "#Unchanged: 0");
        assertThat(jdbc.queryForList("select function, coalesce(phone, '') as phone, coalesce(mobile_phone, '') as mobile_phone"
                + " from cmdb.contact where id in (?, ?)"
                + " order by id", first, second)).containsExactly(
                java.util.Map.of("function", "Tester", "phone", "", "mobile_phone", "+1 555 0002"),
                java.util.Map.of("function", "Tester", "phone", "+1 555 0001", "mobile_phone", ""));
        assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op where objkey in (?, ?)"
                + " and optype = 'update' and attcode = 'function'", Long.class, first, second))
                .as("each update once in the history").isEqualTo(2);
    }

    @Test
    void aPersonDeletedWhileTheImportWaitsToUpdateItIsNotReportedAsUpdated() throws Exception {
        // A deletion locks the objects it deletes, then deletes them. The import reconciled its row to the Person
        // before that, and its update waits for the lock: once the deletion commits, there is nothing left to update.
        assertThat(importOverHttp(people(2, null)).lines()).contains("#Created: 2", "#Issues: 0");
        long deleted = personId(0);
        CompletableFuture<Result> running;
        try (Connection deletion = dataSource.getConnection()) {
            deletion.setAutoCommit(false);
            try (var statement = deletion.createStatement()) {
                statement.executeQuery("select id from cmdb.contact where id = " + deleted + " for update").close();
                CompletableFuture<Result> importing = CompletableFuture.supplyAsync(
                        () -> importOverHttp(people(2, "Tester"), "output=details"));
                running = importing;
                LockWaits.awaitRowLockWait(jdbc, "the import's update waits for the deletion", importing);
                statement.executeUpdate("delete from cmdb.contact where id = " + deleted);
            }
            deletion.commit();
        }
        Result result = running.get(2, TimeUnit.MINUTES);
        assertThat(result.lines()).contains("#Issues: 1", "#Created: 0", "#Updated: 1", "#Unchanged: 0");
        assertThat(result.lines()).anyMatch(line -> line.startsWith("0;Issue: Invalid object Person::" + deleted
                + " (no such object: deleted in the meantime?);Person;" + deleted + ";"));
        assertThat(result.lines()).anyMatch(line -> line.startsWith("1;updated 1 cols;Person;" + personId(1) + ";"));
        assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where id = ?", Long.class, deleted)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op where objkey = ? and optype = 'update'",
                Long.class, deleted)).as("no update in the deleted Person's history").isZero();
    }

    private long personId(int row) {
        return jdbc.queryForObject("select id from cmdb.contact where name = ?", Long.class, "Same " + tag + " " + row);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Transport.class)
    void anImportThatCannotOpenItsLockSessionStopsWithItsReason(Transport transport) {
        // PostgreSQL 17 refuses the import's lock session (a login trigger): the run cannot start, and says why in its
        // report, as a run that stopped does, rather than breaking the HTTP answer or crashing the command.
        jdbc.execute("create function public.refuse_lock_sessions() returns event_trigger language plpgsql as $$"
                + " begin if current_setting('application_name') = 'tributary lock' then"
                + " raise exception 'lock sessions refused by the test'; end if; end $$");
        jdbc.execute("create event trigger refuse_lock_sessions on login execute function public.refuse_lock_sessions()");
        Result result;
        try {
            result = imports.run(transport, people(10, null), "auth_user=admin", "auth_pwd=" + ADMIN_PASSWORD,
                    "class=Person", "charset=UTF-8", "no_localize=1");
        } finally {
            jdbc.execute("drop event trigger refuse_lock_sessions");
            jdbc.execute("drop function public.refuse_lock_sessions()");
        }
        assertThat(result.text()).doesNotContain("\tat ")
                .containsPattern("(?m)^#The import stopped: .*lock sessions refused by the test");
        assertThat(result.lines()).as("iTop's summary: every line a '#' line").allMatch(line -> line.startsWith("#"));
        if (transport == Transport.CLI) {
            assertThat(result.exitCode()).isEqualTo(tributary.cli.ExitCode.CRASHED);
        }
        assertThat(persons()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
