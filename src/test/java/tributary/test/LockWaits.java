package tributary.test;

import java.time.Duration;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/** Waiting, in a test, until a writer of another thread waits for a row another transaction of the test holds. */
public final class LockWaits {

    /** A transaction waiting for another to end: how PostgreSQL shows a wait for a locked row. */
    private static final String ROW_LOCK_WAITS =
            "select count(*) from pg_locks where locktype = 'transactionid' and not granted";

    private LockWaits() {
    }

    /** Returns once a transaction waits for a row lock; fails if {@code waiter}, which {@code what} names, ends first. */
    public static void awaitRowLockWait(JdbcTemplate jdbc, String what, Future<?> waiter) {
        Awaitility.await(what).atMost(Duration.ofMinutes(1))
                .failFast("it ended instead of waiting", waiter::isDone)
                .until(() -> jdbc.queryForObject(ROW_LOCK_WAITS, Long.class) > 0);
    }
}
