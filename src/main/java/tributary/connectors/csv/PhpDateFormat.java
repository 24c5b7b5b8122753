package tributary.connectors.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A date or date-time format written in PHP's {@code DateTime::createFromFormat} letters, as iTop's
 * {@code date_format} parameter gives it (e.g. {@code Y-m-d H:i:s}, {@code d/m/Y H:i}), turned into a strict
 * {@link DateTimeFormatter}.
 *
 * <p>Supported letters: {@code d j} (day), {@code m n} (month), {@code Y y} (year), {@code H G h g} (hour),
 * {@code i} (minutes), {@code s} (seconds), {@code a A} (am/pm) — the letters iTop's own format conversion knows.
 * A backslash makes the next character literal; any other non-letter is literal. The legacy spelling
 * {@code %Y %m %d %H %i %s %y} is converted first, as iTop does.
 *
 * <p>Parsing is strict where iTop is loose, on purpose:
 * <ul>
 *   <li>an impossible date ({@code 2020-20-03}, and also {@code 2020-02-30}, which PHP would roll over to March)
 *       is rejected;</li>
 *   <li>the cell must match the whole format: with {@code Y-m-d H:i:s}, {@code 2022-10-23 16:25} is rejected
 *       (iTop's pre-pass regex rejects it too);</li>
 *   <li>a date-time read with a format without time part is at midnight (PHP would take the current time);
 *       a format with hours but no seconds reads them as 0, as PHP does;</li>
 *   <li>a format must contain a full date (year, month and day): PHP would fill the missing fields with today's.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class PhpDateFormat {

    /** iTop's internal date format, expected in cells when no {@code date_format} is given. */
    public static final PhpDateFormat INTERNAL_DATE = of("Y-m-d");
    /** iTop's internal date-time format, expected in cells when no {@code date_format} is given. */
    public static final PhpDateFormat INTERNAL_DATE_TIME = of("Y-m-d H:i:s");

    /** The instant iTop renders in the expected format to tell the user what it wants. */
    private static final LocalDateTime SAMPLE = LocalDateTime.of(2022, 10, 23, 16, 25, 33);
    private static final String DATE_LETTERS = "djmnYy";
    private static final String TIME_LETTERS = "HGhgisaA";
    private static final String SUPPORTED = "d j m n Y y H G h g i s a A";

    private final String pattern;
    private final DateTimeFormatter formatter;
    private final boolean hasTime;
    /** Offsets in {@link #pattern} of the first and last date letter, for {@link #datePart()}. */
    private final int dateStart;
    private final int dateEnd;

    private PhpDateFormat(String pattern) {
        this.pattern = pattern;
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseSensitive().parseStrict();
        StringBuilder letters = new StringBuilder();
        int firstDate = -1;
        int lastDate = -1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (++i == pattern.length()) {
                    throw new IllegalArgumentException("The date format '" + pattern + "' ends with an escape character");
                }
                builder.appendLiteral(pattern.charAt(i));
            } else if (isAsciiLetter(c)) {
                appendField(builder, c);
                letters.append(c);
                if (DATE_LETTERS.indexOf(c) >= 0) {
                    firstDate = firstDate < 0 ? i : firstDate;
                    lastDate = i;
                }
            } else {
                builder.appendLiteral(c);
            }
        }
        checkComplete(letters.toString());
        this.formatter = builder.toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        this.hasTime = containsAny(letters.toString(), TIME_LETTERS);
        this.dateStart = firstDate;
        this.dateEnd = lastDate;
    }

    /**
     * Reads a PHP format (legacy {@code %} letters converted).
     *
     * @throws IllegalArgumentException naming the offending part if the format is empty, uses a letter outside the
     *         supported set, lacks part of the date, or uses a 12-hour clock without am/pm
     */
    public static PhpDateFormat of(String phpFormat) {
        Objects.requireNonNull(phpFormat, "phpFormat");
        if (phpFormat.isEmpty()) {
            throw new IllegalArgumentException("The date format is empty");
        }
        return new PhpDateFormat(fromLegacy(phpFormat));
    }

    /** iTop's conversion of the old {@code %} spelling ({@code %Y-%m-%d} → {@code Y-m-d}). */
    static String fromLegacy(String format) {
        String converted = format;
        for (String letter : new String[] {"d", "m", "y", "Y", "H", "i", "s"}) {
            converted = converted.replace("%" + letter, letter);
        }
        return converted;
    }

    /** The PHP format, after legacy conversion. */
    public String pattern() {
        return pattern;
    }

    /** Whether the format has a time part. */
    public boolean hasTime() {
        return hasTime;
    }

    /**
     * The date part, used by iTop for date-only attributes: the text from the first to the last date letter
     * ({@code d/m/Y H:i:s} → {@code d/m/Y}, {@code Y-m-d H:i:s} → {@code Y-m-d}). Itself when there is no time part.
     */
    public PhpDateFormat datePart() {
        if (!hasTime) {
            return this;
        }
        return new PhpDateFormat(pattern.substring(dateStart, dateEnd + 1));
    }

    /**
     * Reads a whole cell as a date in this format (with its time part, if any, which must be present and is then
     * dropped). Empty when the text does not match or is not a real date.
     */
    public Optional<LocalDate> parseDate(String text) {
        return parse(text).map(LocalDateTime::toLocalDate);
    }

    /** Reads a whole cell as a date-time in this format; empty when it does not match or is not a real date. */
    public Optional<LocalDateTime> parseDateTime(String text) {
        return parse(text);
    }

    /** Renders a date or date-time in this format. */
    public String format(TemporalAccessor value) {
        return formatter.format(value);
    }

    /**
     * The instant 2022-10-23 16:25:33 rendered in this format, for iTop's message
     * {@code '<value>' is an invalid value. Expected format: <sample>}.
     */
    public String sample() {
        return formatter.format(SAMPLE);
    }

    /** The strict java.time formatter equivalent to this format. */
    public DateTimeFormatter formatter() {
        return formatter;
    }

    @Override
    public String toString() {
        return pattern;
    }

    private Optional<LocalDateTime> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            TemporalAccessor parsed = formatter.parse(text);
            LocalDate date = parsed.query(TemporalQueries.localDate());
            LocalTime time = hasTime ? parsed.query(TemporalQueries.localTime()) : LocalTime.MIDNIGHT;
            return date == null || time == null ? Optional.empty() : Optional.of(LocalDateTime.of(date, time));
        } catch (DateTimeException e) { // includes DateTimeParseException
            return Optional.empty();
        }
    }

    private void appendField(DateTimeFormatterBuilder builder, char letter) {
        switch (letter) {
            case 'd' -> builder.appendValue(ChronoField.DAY_OF_MONTH, 2);
            case 'j' -> builder.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NOT_NEGATIVE);
            case 'm' -> builder.appendValue(ChronoField.MONTH_OF_YEAR, 2);
            case 'n' -> builder.appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NOT_NEGATIVE);
            case 'Y' -> builder.appendValue(ChronoField.YEAR, 4);
            // PHP reads 70-99 as 19xx and 00-69 as 20xx: a 100-year window starting at 1970.
            case 'y' -> builder.appendValueReduced(ChronoField.YEAR, 2, 2, 1970);
            case 'H' -> builder.appendValue(ChronoField.HOUR_OF_DAY, 2);
            case 'G' -> builder.appendValue(ChronoField.HOUR_OF_DAY, 1, 2, SignStyle.NOT_NEGATIVE);
            case 'h' -> builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 2);
            case 'g' -> builder.appendValue(ChronoField.CLOCK_HOUR_OF_AMPM, 1, 2, SignStyle.NOT_NEGATIVE);
            case 'i' -> builder.appendValue(ChronoField.MINUTE_OF_HOUR, 2);
            case 's' -> builder.appendValue(ChronoField.SECOND_OF_MINUTE, 2);
            case 'a' -> builder.appendText(ChronoField.AMPM_OF_DAY, Map.of(0L, "am", 1L, "pm"));
            case 'A' -> builder.appendText(ChronoField.AMPM_OF_DAY, Map.of(0L, "AM", 1L, "PM"));
            default -> throw new IllegalArgumentException("Unsupported character '" + letter + "' in the date format '"
                    + pattern + "' (supported: " + SUPPORTED + "; escape a literal letter with \\)");
        }
    }

    /** Refuses formats PHP would complete with the current date or time, or that cannot be read back at all. */
    private void checkComplete(String letters) {
        if (!(containsAny(letters, "Yy") && containsAny(letters, "mn") && containsAny(letters, "dj"))) {
            throw new IllegalArgumentException("The date format '" + pattern
                    + "' must contain a year (Y or y), a month (m or n) and a day (d or j)");
        }
        if (containsAny(letters, TIME_LETTERS) && !containsAny(letters, "HGhg")) {
            throw new IllegalArgumentException("The date format '" + pattern
                    + "' has a time part without hours (H, G, h or g)");
        }
        if (containsAny(letters, "hg") && !containsAny(letters, "aA")) {
            throw new IllegalArgumentException("The date format '" + pattern
                    + "' uses a 12-hour clock (h or g) without am/pm (a or A)");
        }
        if (letters.indexOf('s') >= 0 && letters.indexOf('i') < 0) {
            throw new IllegalArgumentException("The date format '" + pattern + "' has seconds (s) without minutes (i)");
        }
    }

    private static boolean containsAny(String letters, String wanted) {
        return letters.chars().anyMatch(letter -> wanted.indexOf(letter) >= 0);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
