package tributary.connectors.csv;

/**
 * The CSV data cannot be read any further: the input stream failed, or the parser met a state it has no rule for.
 * Bad rows are not reported this way but as {@link CsvRow#error()}; this exception ends the reading. Its message is
 * meant for the user and names the line.
 */
public final class CsvReadException extends RuntimeException {

    private final long line;

    public CsvReadException(String message, long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** 1-based physical line at which reading stopped. */
    public long line() {
        return line;
    }
}
