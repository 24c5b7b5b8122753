package tributary.cli;

/** Process exit codes of every command. */
public final class ExitCode {
    /** Success, no rejected item. */
    public static final int OK = 0;
    /** Completed, with rejected items (rows, replicas). */
    public static final int ITEM_ERRORS = 1;
    /** Refused: bad parameters, authentication, rights, a precondition. */
    public static final int REFUSED = 2;
    /** Crashed: an unexpected error; details are in the log. */
    public static final int CRASHED = 3;

    private ExitCode() {
    }
}
