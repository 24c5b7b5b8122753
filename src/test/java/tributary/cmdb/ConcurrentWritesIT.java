package tributary.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tributary.test.IntegrationTestBase;

/**
 * Two writers at once, each in its own transaction, as an import chunk and a REST call are: what each checks must
 * still hold when both have committed (no reference to a deleted object, no loop in a tree).
 */
class ConcurrentWritesIT extends IntegrationTestBase {

    @Autowired
    ObjectService objects;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    WriteContext context;
    String tag;

    @BeforeEach
    void context() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "concurrency " + tag);
    }

    @Test
    void aDeletionWaitsForAWriterStillReferringToTheObjectAndThenSeesItsReference() throws Exception {
        long org = objects.create(context, "Organization", Map.of("name", "Doomed " + tag)).id();
        CountDownLatch commit = new CountDownLatch(1);
        Future<Long> writer = openUntil(commit, () -> objects.create(context, "Person", Map.of("first_name", "Late",
                "name", "Ref " + tag, "org_id", org)).id());

        Future<Object> deletion = CompletableFuture.supplyAsync(() -> objects.delete(context, "Organization", List.of(org)));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock() > 0);
        commit.countDown();
        long person = writer.get(30, TimeUnit.SECONDS);

        // The Person's organization is mandatory and deleted by hand only: the deletion is refused, nothing dangles.
        assertThatThrownBy(() -> deletion.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ObjectService.DeletionRefusedException.class);
        assertThat(objects.get("Organization", org)).isPresent();
        assertThat(objects.get("Person", person).orElseThrow().get("org_id")).isEqualTo(org);
    }

    @Test
    void aWriterWaitingForADeletionFindsTheObjectGone() throws Exception {
        long org = objects.create(context, "Organization", Map.of("name", "Gone " + tag)).id();
        CountDownLatch commit = new CountDownLatch(1);
        Future<Object> deletion = openUntil(commit, () -> objects.delete(context, "Organization", List.of(org)));

        Future<Object> writer = CompletableFuture.supplyAsync(() -> objects.create(context, "Person",
                Map.of("first_name", "Late", "name", "Orphan " + tag, "org_id", org)));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock() > 0);
        commit.countDown();
        deletion.get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> writer.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(ObjectValidationException.class)
                .hasMessageContaining("Target object not found (Organization::" + org + ")");
        assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where name = ?", Long.class, "Orphan " + tag))
                .isZero();
    }

    @Test
    void twoMovesThatWouldCloseALoopTogetherAreTakenOneAfterTheOther() throws Exception {
        long upper = objects.create(context, "Organization", Map.of("name", "Upper " + tag)).id();
        long lower = objects.create(context, "Organization", Map.of("name", "Lower " + tag)).id();
        CountDownLatch commit = new CountDownLatch(1);
        Future<Object> first = openUntil(commit, () -> objects.update(context, "Organization", lower,
                Map.of("parent_id", upper)));

        Future<Object> second = CompletableFuture.supplyAsync(() -> objects.update(context, "Organization", upper,
                Map.of("parent_id", lower)));
        await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock() > 0);
        commit.countDown();
        first.get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasRootCauseInstanceOf(ObjectValidationException.class)
                .hasMessageContaining("Value not allowed [" + lower + "]");
        assertThat(objects.get("Organization", upper).orElseThrow().get("parent_id")).isNull();
        assertThat(objects.get("Organization", lower).orElseThrow().get("parent_id")).isEqualTo(upper);
    }

    private long waitingForALock() {
        return jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and datname = current_database()", Long.class);
    }

    /**
     * Runs {@code work} in a transaction of another thread and returns once it is done, the transaction left open
     * (with the locks it took) until {@code commit} is counted down.
     */
    private <T> Future<T> openUntil(CountDownLatch commit, Supplier<T> work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Future<T> result = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            T value = work.get();
            done.countDown();
            hold(commit);
            return value;
        }));
        assertThat(done.await(30, TimeUnit.SECONDS)).as("the work in the open transaction is done").isTrue();
        return result;
    }

    private static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not let the transaction commit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
