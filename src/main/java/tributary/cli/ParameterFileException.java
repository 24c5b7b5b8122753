package tributary.cli;

/**
 * A parameter file named by {@code param_file} could not be found or read. The message is iTop's text
 * ({@code Could not find the parameter file: '<path>'} or {@code Could not load parameter file: '<path>'}),
 * ready to be printed after {@code Error: } or {@code ERROR: } by the calling command.
 */
public final class ParameterFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    ParameterFileException(String message, String path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    static ParameterFileException notFound(String path) {
        return new ParameterFileException("Could not find the parameter file: '" + path + "'", path, null);
    }

    static ParameterFileException unreadable(String path, Throwable cause) {
        return new ParameterFileException("Could not load parameter file: '" + path + "'", path, cause);
    }

    /** The path exactly as the user wrote it (after trimming), as quoted in the message. */
    public String path() {
        return path;
    }
}
