package tributary.csvimport;

import java.util.Locale;
import tributary.connectors.csv.CsvDialect;
import tributary.connectors.csv.PhpDateFormat;

/**
 * The validated options of one import (services.md §2.2).
 *
 * @param className          class of the objects to load
 * @param dialect            separator, qualifier, charset
 * @param dateFormat         the {@code date_format}, or null when none was given
 * @param reconciliationKeys the {@code reconciliationkeys} parameter as given (blank: class defaults)
 * @param output             output mode
 * @param simulate           dry run: everything is checked, nothing is kept
 * @param comment            change-tracking comment
 * @param localize           header names and enum values are labels ({@code no_localize=0})
 * @param chunkSize          rows per chunk (one transaction)
 */
public record ImportOptions(String className, CsvDialect dialect, PhpDateFormat dateFormat, String reconciliationKeys,
                            Output output, boolean simulate, String comment, boolean localize, int chunkSize) {

    /** Default number of rows per chunk. */
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    /** The three output modes of import.php. */
    public enum Output {
        RETCODE, SUMMARY, DETAILS;

        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Output parse(String value) {
            for (Output output : values()) {
                if (output.parameter().equals(value)) {
                    return output;
                }
            }
            return null;
        }
    }

    /**
     * A canonical text of every option that changes what the import does, for the identity of an import (the output
     * mode and the chunk size do not: a crashed run may be resumed asking for another report).
     */
    String fingerprint() {
        return String.join("\u0001", className, String.valueOf((int) dialect.separator()),
                String.valueOf(dialect.qualifier()), dialect.charset().name(),
                dateFormat == null ? "" : dateFormat.pattern(), reconciliationKeys,
                String.valueOf(simulate), comment, String.valueOf(localize));
    }
}
