/**
 * Reading CSV data the way iTop's {@code import.php} does (services.md §2.2–2.4, §2.7 step 1), on Commons CSV.
 *
 * <p>{@link tributary.connectors.csv.CsvDialect} reads the {@code separator}/{@code qualifier}/{@code charset}
 * parameters, {@link tributary.connectors.csv.ItopCsvReader} streams {@link tributary.connectors.csv.CsvRow}s,
 * {@link tributary.connectors.csv.PhpDateFormat} handles {@code date_format}.
 *
 * <p>Where Tributary deliberately differs from iTop (each is a place where iTop silently loses or invents data):
 * <ul>
 *   <li>Bytes invalid for the charset: iTop drops them; here they become U+FFFD and the row carries an error.</li>
 *   <li>Text right after a closing qualifier ({@code "a"x}): iTop appends it to the cell; here the row carries an
 *       error. Commons CSV can either ignore blanks after the qualifier or keep every character there
 *       ({@code trailingData}), not ignore blanks and keep the rest, and the spec's vectors need the blanks ignored.</li>
 *   <li>A qualifier never closed: iTop takes the rest of the data as the cell; here the row carries an error.</li>
 *   <li>A row longer than {@link tributary.connectors.csv.ItopCsvReader#MAX_ROW_CHARS} characters carries an error
 *       and ends the data (the rest of a large file behind an unterminated qualifier would not fit in memory).</li>
 *   <li>Blank lines before the header: iTop's data pass skips the first physical line even when blank, so its header
 *       reappears as a data row; here the header is the first non-blank line and data follows it.</li>
 *   <li>A lone CR ends a line here (Commons CSV); in iTop only LF does.</li>
 *   <li>Trimming of unqualified cells uses {@link java.lang.Character#isWhitespace(char)} (Commons CSV), iTop PHP's
 *       {@code trim()}: they differ only for NUL, form feed, the separators U+001C–U+001F and Unicode spaces.</li>
 *   <li>The UTF-8 byte-order mark is removed for any spelling of UTF-8 (iTop: only the exact {@code UTF-8}).</li>
 *   <li>Dates: impossible dates are rejected rather than rolled over, and formats lacking part of the date are
 *       refused rather than completed with today's date (see {@link tributary.connectors.csv.PhpDateFormat}).</li>
 * </ul>
 */
package tributary.connectors.csv;
