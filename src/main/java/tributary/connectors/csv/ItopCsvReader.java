package tributary.connectors.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tributary.util.PhpStrings;
import tributary.util.UnicodeText;

/**
 * Streams the rows of a CSV text the way iTop's {@code import.php} reads it: the first non-blank record is the
 * header, the following ones are data rows numbered from 0.
 *
 * <p>Commons CSV does the splitting; it is configured, and its output post-processed, so that:
 * <ul>
 *   <li>unqualified cells are trimmed, qualified cells kept verbatim (a doubled qualifier is one literal, blanks after
 *       the closing qualifier are ignored), a qualifier inside an unqualified cell is an ordinary character;</li>
 *   <li>a cell that is exactly {@code <NULL>} becomes {@code null};</li>
 *   <li>empty lines and lines of a single empty cell are skipped;</li>
 *   <li>{@code \r\n} inside a qualified cell becomes {@code \n};</li>
 *   <li>text is put in Unicode normalization form C ({@link UnicodeText}): an "e" followed by a combining accent
 *       becomes the one character "é" that other sources write.</li>
 * </ul>
 *
 * <p>Bad input never escapes as an exception: a row whose bytes are invalid for the charset, whose qualified cell is
 * never closed, or which has text right after a closing qualifier comes back as a {@link CsvRow} carrying an
 * {@link CsvRow#error() error}, and the rows after it are read normally. Only an I/O failure, or a parser state
 * nobody expected, ends the reading with a {@link CsvReadException}.
 *
 * <p>Not thread-safe. Closing the reader closes the stream.
 */
public final class ItopCsvReader implements Iterator<CsvRow>, Closeable {

    /** iTop's spelling of a null cell. */
    public static final String NULL_CELL = "<NULL>";
    /**
     * Most characters a row may have (16 Mi). Beyond, the row is reported and the rest of the data is not read: that
     * is what an unterminated qualifier early in a large file looks like, and holding the rest of the file as one
     * cell would exhaust the memory (a 464 MB file took a 512 MB heap down).
     */
    public static final long MAX_ROW_CHARS = 16L * 1024 * 1024;

    // Commons CSV 1.14 has no error codes; these message fragments are pinned by ItopCsvReaderRobustnessTest.
    private static final String COMMONS_UNTERMINATED = "EOF reached before encapsulated token finished";
    private static final String COMMONS_TRAILING_TEXT = "Invalid character between encapsulated token and delimiter";

    private final CsvDialect dialect;
    private final ReportingDecoderReader decoded;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> header;
    private final String headerError;

    /** Physical line on which the last consumed record ended; the next record starts on the line after. */
    private long lastEndLine;
    /** After text following a closing qualifier, Commons resumes mid-record: the rest of that record is dropped. */
    private boolean discardRestOfRecord;
    private long nextIndex;
    private CsvRow lookahead;
    private boolean finished;
    /** A row was too long: nothing after it can be told apart, the data ends there. */
    private boolean abandoned;

    private ItopCsvReader(InputStream input, CsvDialect dialect, long maxRowChars) {
        this.dialect = dialect;
        this.decoded = new ReportingDecoderReader(input, dialect.charset(), maxRowChars);
        try {
            this.parser = CSVParser.builder().setReader(decoded).setFormat(format(dialect)).get();
        } catch (IOException e) {
            throw new CsvReadException("Could not read the CSV data: " + e.getMessage(), 1, e);
        }
        this.records = parser.iterator();
        ParsedRecord first;
        try {
            first = parseNext();
        } catch (CsvReadException e) {
            closeQuietly(e);
            throw e;
        }
        this.header = first == null ? List.of() : headerCells(first.cells());
        this.headerError = first == null ? null : first.error();
    }

    /**
     * Opens a reader on {@code input} and reads the header.
     *
     * @throws CsvReadException if the stream cannot be read (it is then closed)
     */
    public static ItopCsvReader open(InputStream input, CsvDialect dialect) {
        return open(input, dialect, MAX_ROW_CHARS);
    }

    /** {@link #open(InputStream, CsvDialect)} with another bound on the characters of a row. */
    static ItopCsvReader open(InputStream input, CsvDialect dialect, long maxRowChars) {
        return new ItopCsvReader(input, dialect, maxRowChars);
    }

    /** Opens a reader on a file and reads the header. */
    public static ItopCsvReader open(Path file, CsvDialect dialect) throws IOException {
        InputStream input = Files.newInputStream(file);
        try {
            return open(input, dialect);
        } catch (RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * The Commons CSV settings that reproduce iTop's parser, as far as Commons can express it. Text right after a
     * closing qualifier is an error here (iTop appends it to the cell): Commons' {@code trailingData} option would
     * also append the blanks there, which iTop ignores and which the spec's vectors require ignored.
     */
    static CSVFormat format(CsvDialect dialect) {
        return CSVFormat.Builder.create()
                .setDelimiter(dialect.separator())
                .setQuote(dialect.qualifier())
                .setEscape((Character) null)
                .setCommentMarker((Character) null)
                .setIgnoreSurroundingSpaces(true) // trims unqualified cells, skips blanks around qualified ones
                .setTrim(false)                   // Commons' trim would also trim inside qualifiers
                .setIgnoreEmptyLines(false)       // blank lines come back as records so that line numbers stay exact
                .setTrailingData(false)
                .setLenientEof(false)             // an unterminated qualifier must be reported, not swallowed
                .setNullString(null)
                .get();
    }

    /** The header cells, trimmed; empty when the data has no non-blank line. */
    public List<String> header() {
        return header;
    }

    /** Why the header line is unusable (same texts as {@link CsvRow#error()}), if it is. */
    public Optional<String> headerError() {
        return Optional.ofNullable(headerError);
    }

    /** The dialect the data is read with. */
    public CsvDialect dialect() {
        return dialect;
    }

    @Override
    public boolean hasNext() {
        if (lookahead == null && !finished) {
            ParsedRecord next = parseNext();
            if (next == null) {
                finished = true;
            } else {
                lookahead = new CsvRow(nextIndex++, next.firstLine(), next.cells(), next.error());
            }
        }
        return lookahead != null;
    }

    /**
     * The next data row.
     *
     * @throws NoSuchElementException after the last row
     * @throws CsvReadException       if the stream fails
     */
    @Override
    public CsvRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more CSV rows");
        }
        CsvRow row = lookahead;
        lookahead = null;
        return row;
    }

    /**
     * Passes over up to {@code count} data rows without building them, e.g. to resume a restarted job; rows with an
     * error count like the others. Returns how many were skipped (fewer at the end of the data).
     */
    public long skip(long count) {
        long skipped = 0;
        if (count > 0 && lookahead != null) {
            lookahead = null;
            skipped++;
        }
        while (skipped < count && !finished) {
            if (parseNext() == null) {
                finished = true;
            } else {
                nextIndex++;
                skipped++;
            }
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    private void closeQuietly(CsvReadException failure) {
        try {
            parser.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** The next non-blank record, cleaned, or null at the end of the data. */
    private ParsedRecord parseNext() {
        while (true) {
            while (discardRestOfRecord) {
                discardRestOfRecord = false;
                nextRecordOrFailure(lastEndLine);
                lastEndLine = parser.getCurrentLineNumber();
            }
            long firstLine = lastEndLine + 1;
            ParsedRecord parsed = nextRecordOrFailure(firstLine);
            lastEndLine = parser.getCurrentLineNumber();
            if (parsed == null) {
                return null;
            }
            boolean invalidBytes = decoded.claimInvalidLines(firstLine, lastEndLine);
            if (parsed.error() != null) {
                return parsed;
            }
            if (isBlank(parsed.cells())) {
                continue;
            }
            return invalidBytes ? parsed.withError(invalidBytesMessage()) : parsed;
        }
    }

    /**
     * Asks Commons for the next record. Its two complaints about qualifiers become a row error; after text behind
     * a closing qualifier, the rest of the record is flagged for discarding.
     */
    private ParsedRecord nextRecordOrFailure(long firstLine) {
        if (abandoned) {
            return null;
        }
        try {
            if (!records.hasNext()) {
                return null;
            }
            ParsedRecord record = new ParsedRecord(clean(records.next().values()), firstLine, null);
            decoded.recordEnded();
            return record;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof ReportingDecoderReader.RecordTooLongException) {
                abandoned = true;
                return new ParsedRecord(List.of(), firstLine, tooLongMessage());
            }
            if (cause instanceof CSVException && message.contains(COMMONS_UNTERMINATED)) {
                return new ParsedRecord(List.of(), firstLine, unterminatedMessage());
            }
            if (cause instanceof CSVException && message.contains(COMMONS_TRAILING_TEXT)) {
                discardRestOfRecord = true;
                return new ParsedRecord(List.of(), firstLine, trailingTextMessage());
            }
            if (cause instanceof CSVException) {
                throw new CsvReadException("The CSV data could not be parsed at line " + firstLine + ": " + message,
                        firstLine, cause);
            }
            throw new CsvReadException("Could not read the CSV data (line " + firstLine + "): " + message,
                    firstLine, cause);
        } catch (RuntimeException e) {
            // Not seen in fuzzing; if Commons ever fails otherwise, the user still gets a line number, not a trace.
            throw new CsvReadException("The CSV data could not be parsed at line " + firstLine + ": " + e, firstLine, e);
        }
    }

    /**
     * Applies the cell rules Commons does not know: {@code <NULL>}, CR LF inside qualified cells, and text in Unicode
     * normalization form C (see {@link UnicodeText}).
     */
    private static List<String> clean(String[] values) {
        for (int i = 0; i < values.length; i++) {
            String value = values[i];
            if (NULL_CELL.equals(value)) {
                values[i] = null;
            } else {
                values[i] = UnicodeText.nfc(value.indexOf('\r') >= 0 ? value.replace("\r\n", "\n") : value);
            }
        }
        return Arrays.asList(values);
    }

    /** iTop skips a line made of one empty cell (a null cell counts as empty). */
    private static boolean isBlank(List<String> cells) {
        return cells.size() == 1 && (cells.get(0) == null || cells.get(0).isEmpty());
    }

    /** iTop trims header names (even qualified ones); a {@code <NULL>} header reads as an empty name. */
    private static List<String> headerCells(List<String> cells) {
        return cells.stream().map(cell -> cell == null ? "" : PhpStrings.trim(cell)).toList();
    }

    private String invalidBytesMessage() {
        return "Invalid " + dialect.charset().name().toUpperCase(Locale.ROOT)
                + " byte sequence in this row (check the charset parameter); the bytes were replaced by U+FFFD";
    }

    private String unterminatedMessage() {
        return "Unterminated text qualifier: a cell of this row opened with " + quotedQualifier()
                + " is not closed before the end of the data";
    }

    private String tooLongMessage() {
        // Which of the two it is cannot be told without reading on, which is what the bound prevents.
        return "This row is longer than " + String.format(Locale.ROOT, "%,d", decoded.maxRecordChars()) + " characters (a"
                + " line that long, or an unterminated text qualifier " + quotedQualifier() + " making the rest of the"
                + " data one cell): the rows after it were not read";
    }

    private String trailingTextMessage() {
        return "Unexpected text after the closing text qualifier " + quotedQualifier()
                + ": a qualified cell must be followed by the separator or the end of the line";
    }

    private String quotedQualifier() {
        return "'" + dialect.qualifier() + "'";
    }

    /** A record as Commons returned it, cleaned, with where it starts and what is wrong with it. */
    private record ParsedRecord(List<String> cells, long firstLine, String error) {

        ParsedRecord withError(String message) {
            return new ParsedRecord(cells, firstLine, message);
        }
    }
}
