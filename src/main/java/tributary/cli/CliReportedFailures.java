package tributary.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import tributary.store.DatabaseUnavailableException;
import tributary.store.InvalidDatabaseUrlException;

/**
 * Start-up failures that the command runner ({@link Cli}) reports itself, in one line: Spring Boot's own report of
 * them, a stack trace of some hundred lines, is left out (the failure goes to the DEBUG log).
 */
final class CliReportedFailures implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger(CliReportedFailures.class);

    @Override
    public boolean reportException(Throwable failure) {
        if (Cli.causeOfType(failure, DatabaseUnavailableException.class) == null
                && Cli.causeOfType(failure, InvalidDatabaseUrlException.class) == null) {
            return false;
        }
        log.debug("Tributary could not start", failure);
        return true;
    }
}
