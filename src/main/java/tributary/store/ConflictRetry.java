package tributary.store;

import java.lang.reflect.UndeclaredThrowableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a whole transaction again when it failed on a conflict with a concurrent transaction: PostgreSQL ended it to
 * break a deadlock or on a serialization failure, or a unique index refused a value that the other transaction
 * committed after this one had checked it was free. Such a transaction was rolled back whole and did nothing wrong. Run
 * again, once the other side has finished, it goes through, or its own checks now see the other's value and refuse it
 * with their usual message. Its caller would otherwise get an internal error for what is only a matter of timing (a
 * REST update meeting an import, a deletion meeting a hand edit, two clients creating the same login).
 *
 * <p>The work must start its own transaction and create its state inside (a write context caches its change set,
 * which the rollback took away). Work called inside an enclosing transaction runs once: running it again would repeat
 * only part of that transaction, whose earlier statements PostgreSQL has already aborted.
 */
@Component
public class ConflictRetry {

    /** Conflicts by SQLSTATE: {@code deadlock_detected}, {@code serialization_failure}, {@code unique_violation}. */
    private static final Map<String, String> CONFLICTS = Map.of(
            "40P01", "PostgreSQL ended the transaction to break a deadlock with another one",
            "40001", "PostgreSQL ended the transaction on a serialization failure",
            "23505", "a unique value was taken by another transaction after this one checked it");
    static final int MAX_RETRIES = 3;
    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    private final RetryTemplate retries;

    public ConflictRetry() {
        // Short waits, spread at random so that the two sides of a conflict do not meet again in step.
        RetryPolicy policy = RetryPolicy.builder().maxRetries(MAX_RETRIES).delay(Duration.ofMillis(50))
                .jitter(Duration.ofMillis(40)).multiplier(2).predicate(ConflictRetry::isConflict).build();
        retries = new RetryTemplate(policy);
        retries.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState state) {
                log.warn("{}: {}; running it again (attempt {} of {})", retryable.getName(),
                        conflict(state.getLastException()),
                        state.getExceptions().size() + 1, MAX_RETRIES + 1);
            }
        });
    }

    /**
     * Runs {@code transaction}, which begins and ends a transaction of its own, again after a conflict ({@code name}
     * says what it is in the log). The last failure, when every attempt failed, or the first one that is not a conflict
     * is thrown as it was.
     */
    public <T> T run(String name, Supplier<T> transaction) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return transaction.get();
        }
        try {
            return retries.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    return transaction.get();
                }

                @Override
                public String getName() {
                    return name;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getCause();
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(last);
        }
    }

    /** Whether {@code failure} (or one of its causes) is a conflict with a concurrent transaction. */
    public static boolean isConflict(Throwable failure) {
        return conflict(failure) != null;
    }

    /** What conflict {@code failure} reports, or null when it is not one. */
    private static String conflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String conflict = cause instanceof SQLException sql && sql.getSQLState() != null
                    ? CONFLICTS.get(sql.getSQLState()) : null;
            if (conflict != null) {
                return conflict;
            }
        }
        return null;
    }
}
