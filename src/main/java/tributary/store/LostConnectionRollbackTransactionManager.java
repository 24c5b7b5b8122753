package tributary.store;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, except that rolling back on a connection that was lost counts as done: the
 * server ends the transaction of a session it lost, and the pool never hands that connection out again. Without it,
 * the failed rollback replaced the error that ended the transaction: Spring logged "Application exception overridden
 * by rollback exception" with its stack trace, and callers saw "JDBC rollback failed" instead of what happened.
 */
final class LostConnectionRollbackTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(LostConnectionRollbackTransactionManager.class);

    LostConnectionRollbackTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (RuntimeException e) {
            if (!LostConnection.isCauseOf(e)) {
                throw e;
            }
            log.debug("Rollback on a lost connection: the server has ended its transaction", e);
        }
    }
}
