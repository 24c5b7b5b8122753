package tributary.csvimport;

/**
 * A fatal import error (services.md §2.3): the import stops before any row is processed. The message is iTop's text
 * without the leading {@code #}.
 */
public class ImportRefusedException extends RuntimeException {

    private final boolean afterSettings;

    /**
     * @param afterSettings whether the error comes after the settings block was started (header and reconciliation
     *                      errors), which is then printed up to {@code #Data Size}
     */
    public ImportRefusedException(String message, boolean afterSettings) {
        super(message);
        this.afterSettings = afterSettings;
    }

    public boolean afterSettings() {
        return afterSettings;
    }
}
