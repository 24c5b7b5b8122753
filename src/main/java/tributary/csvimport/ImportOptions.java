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
    /** Default number of rows per chunk for files of {@link #LARGE_FILE_BYTES} or more. */
    public static final int LARGE_FILE_CHUNK_SIZE = 5000;
    public static final long LARGE_FILE_BYTES = 1L << 20;

    /**
     * Rows per chunk when {@code chunk_size} is not given: larger chunks for large files, where each chunk's fixed
     * costs (commit, job-repository updates, a dozen statements) add up (a 1,000,000-row unchanged re-import ran 10 %
     * faster with 5,000 rows than with 1,000, a 100,000-row one, 6 MB, 5 to 10 % faster); small files (under about
     * 15,000 rows) keep small transactions. A restarted import recomputes the
     * same value from the same file, and restart does not depend on it anyway (it skips the rows already read).
     */
    public static int defaultChunkSize(long fileBytes) {
        return fileBytes >= LARGE_FILE_BYTES ? LARGE_FILE_CHUNK_SIZE : DEFAULT_CHUNK_SIZE;
    }

    /** Bytes of the file a default chunk holds at most, on average: its rows, checked and reported, live in the heap. */
    public static final long CHUNK_BYTES = 8L << 20;

    /**
     * {@link #defaultChunkSize(long)}, fewer rows when the file's rows are long on average ({@code lines}: its line
     * count): 1,000 rows of 300 KB made a 300 MB chunk, held several times over (cells, their issue texts, the chunk
     * prepared ahead), and an import with a 512 MB heap ran out of memory, again at each resumption.
     */
    public static int defaultChunkSize(long fileBytes, long lines) {
        long perRow = Math.max(1, fileBytes / Math.max(1, lines));
        return (int) Math.max(1, Math.min(defaultChunkSize(fileBytes), CHUNK_BYTES / perRow));
    }

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
     * A canonical text of every option that changes what the import does or keeps, for the identity of an import. The
     * chunk size does not count, nor the choice between {@code summary} and {@code retcode}; {@code details} does: only
     * such runs keep each row's details line (rendering and storing them was a fifth of an unchanged re-import), so a
     * crashed run is resumed by the same command, or by one asking for the other of the two short reports.
     */
    String fingerprint() {
        String fingerprint = String.join("\u0001", className, String.valueOf((int) dialect.separator()),
                String.valueOf(dialect.qualifier()), dialect.charset().name(),
                dateFormat == null ? "" : dateFormat.pattern(), reconciliationKeys,
                String.valueOf(simulate), comment, String.valueOf(localize));
        return keepsDetails() ? fingerprint + "\u0001details" : fingerprint;
    }

    /** Whether the run keeps each row's details line (output {@code details}). */
    boolean keepsDetails() {
        return output == Output.DETAILS;
    }
}
