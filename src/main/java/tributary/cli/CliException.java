package tributary.cli;

/** A command refused with a message for the user (exit code {@link ExitCode#REFUSED} unless said otherwise). */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(String message) {
        this(message, ExitCode.REFUSED);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
