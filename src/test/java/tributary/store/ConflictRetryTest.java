package tributary.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ConflictRetryTest {

    private final ConflictRetry retry = new ConflictRetry();
    private final AtomicInteger attempts = new AtomicInteger();

    /** What JDBI throws when PostgreSQL stops a statement: the driver's exception as the cause. */
    private static RuntimeException stopped(String sqlState) {
        return new IllegalStateException("statement failed", new SQLException("ERROR: stopped", sqlState));
    }

    @Test
    void aTransactionStoppedByConflictsWithOthersIsRunAgainUntilItGoesThrough() {
        String result = retry.run("test", () -> switch (attempts.incrementAndGet()) {
            case 1 -> throw stopped("40P01");
            case 2 -> throw stopped("40001");
            case 3 -> throw stopped("23505");
            default -> "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void anyOtherFailureIsThrownAtOnceAsItWas() {
        RuntimeException checkViolation = stopped("23514");

        assertThatThrownBy(() -> retry.run("test", () -> {
            attempts.incrementAndGet();
            throw checkViolation;
        })).isSameAs(checkViolation);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void afterTheLastRetryTheLastConflictIsThrown() {
        List<RuntimeException> thrown = new ArrayList<>();

        assertThatThrownBy(() -> retry.run("test", () -> {
            thrown.add(stopped("40P01"));
            throw thrown.get(thrown.size() - 1);
        })).isSameAs(thrown.get(ConflictRetry.MAX_RETRIES));
        assertThat(thrown).hasSize(ConflictRetry.MAX_RETRIES + 1);
    }

    @Test
    void workInsideAnEnclosingTransactionRunsOnce() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThatThrownBy(() -> retry.run("test", () -> {
                attempts.incrementAndGet();
                throw stopped("40P01");
            })).hasRootCauseInstanceOf(SQLException.class);
        } finally {
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
        assertThat(attempts).hasValue(1);
    }
}
