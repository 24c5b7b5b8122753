package tributary.connectors.csv;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;

/**
 * How a CSV text is written: cell separator, text qualifier and character set, as iTop's
 * {@code separator}, {@code qualifier} and {@code charset} parameters describe them.
 *
 * @param separator the cell separator
 * @param qualifier the text qualifier enclosing cells, or {@code null} when the data has none (iTop's
 *                  behaviour for an empty {@code qualifier} parameter: no character ever qualifies)
 * @param charset   the encoding of the bytes
 */
public record CsvDialect(char separator, Character qualifier, Charset charset) {

    /** iTop's default separator. */
    public static final char DEFAULT_SEPARATOR = ',';
    /** iTop's default text qualifier. */
    public static final char DEFAULT_QUALIFIER = '"';
    /** iTop's built-in value of {@code csv_file_default_charset}, used when {@code charset} is blank. */
    public static final Charset ITOP_DEFAULT_CHARSET = StandardCharsets.ISO_8859_1;

    public CsvDialect {
        Objects.requireNonNull(charset, "charset");
        if (isLineBreak(separator)) {
            throw new IllegalArgumentException("The separator cannot be a line break");
        }
        if (qualifier != null && isLineBreak(qualifier)) {
            throw new IllegalArgumentException("The text qualifier cannot be a line break");
        }
        if (qualifier != null && qualifier == separator) {
            // iTop would silently read every qualifier as a separator; refusing is clearer.
            throw new IllegalArgumentException(
                    "The separator and the text qualifier must differ, both are '" + separator + "'");
        }
    }

    /** iTop's defaults: {@code ,} and {@code "} in the given charset. */
    public static CsvDialect defaults(Charset charset) {
        return new CsvDialect(DEFAULT_SEPARATOR, DEFAULT_QUALIFIER, charset);
    }

    /**
     * Reads the import parameters as iTop does: values are trimmed, {@code null} means "not given" (default),
     * {@code tab} in any case is the tab character, a blank charset means {@code defaultCharset}.
     *
     * @throws IllegalArgumentException with iTop's message ({@code Separator is limited to one character, found
     *         '<s>'}, {@code Text qualifier is limited to one character, found '<q>'}) or, for what iTop does not
     *         check, a Tributary message ({@code Unknown charset: '<c>'}, equal separator and qualifier)
     */
    public static CsvDialect fromItopParameters(String separator, String qualifier, String charset,
                                                Charset defaultCharset) {
        char separatorChar = parseSeparator(separator);
        Character qualifierChar = parseQualifier(qualifier);
        return new CsvDialect(separatorChar, qualifierChar, parseCharset(charset, defaultCharset));
    }

    /** {@link #fromItopParameters(String, String, String, Charset)} with iTop's built-in default charset. */
    public static CsvDialect fromItopParameters(String separator, String qualifier, String charset) {
        return fromItopParameters(separator, qualifier, charset, ITOP_DEFAULT_CHARSET);
    }

    /** Whether cells may be enclosed in a qualifier. */
    public boolean hasQualifier() {
        return qualifier != null;
    }

    private static char parseSeparator(String parameter) {
        String value = parameter == null ? "" : parameter.trim();
        if (value.toLowerCase(Locale.ROOT).equals("tab")) {
            return '\t';
        }
        // iTop splits nothing on an empty separator (one cell per line); we take the default instead.
        if (value.isEmpty()) {
            return DEFAULT_SEPARATOR;
        }
        // iTop counts bytes; we count UTF-16 chars, so a single non-ASCII character such as '§' is accepted.
        if (value.length() > 1) {
            throw new IllegalArgumentException("Separator is limited to one character, found '" + value + "'");
        }
        return value.charAt(0);
    }

    private static Character parseQualifier(String parameter) {
        if (parameter == null) {
            return DEFAULT_QUALIFIER;
        }
        String value = parameter.trim();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 1) {
            throw new IllegalArgumentException("Text qualifier is limited to one character, found '" + value + "'");
        }
        return value.charAt(0);
    }

    private static Charset parseCharset(String parameter, Charset defaultCharset) {
        String value = parameter == null ? "" : parameter.trim();
        if (value.isEmpty()) {
            return Objects.requireNonNull(defaultCharset, "defaultCharset");
        }
        try {
            return Charset.forName(value);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("Unknown charset: '" + value + "'");
        }
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
