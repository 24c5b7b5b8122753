package tributary.test;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/** Counts the SQL statements JDBI runs during an action: the "a few statements per chunk, not one per row" checks. */
public final class StatementCounter {

    private StatementCounter() {
    }

    /** The value of {@code action}; the number of statements it ran is added to {@code statements}. */
    public static <T> T counting(Jdbi jdbi, AtomicLong statements, Supplier<T> action) {
        SqlStatements config = jdbi.getConfig(SqlStatements.class);
        SqlLogger previous = config.getSqlLogger();
        config.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        try {
            return action.get();
        } finally {
            config.setSqlLogger(previous);
        }
    }
}
