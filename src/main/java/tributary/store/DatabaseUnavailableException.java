package tributary.store;

/** The database could not be reached when Tributary started: its message says where, and why, in one line. */
public class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(String where, String reason, Throwable cause) {
        super("cannot connect to the database at " + where + ": " + reason, cause);
    }
}
