package tributary.cmdb;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.util.UnicodeText;

/**
 * Turns a value given by a writer (JSON scalar, CSV cell already in internal format, Java value) into the typed
 * value stored for an attribute, or explains why it cannot. Empty strings mean "no value" (null) for every type.
 * Text is stored in Unicode normalization form C ({@link UnicodeText}), whatever the writer.
 * Link sets, case-log inputs and passwords are handled by {@link ObjectService}.
 */
public final class ValueConverter {

    /** Internal date format, iTop's {@code Y-m-d}. */
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    /** Internal date-time format, iTop's {@code Y-m-d H:i:s}. */
    public static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    /**
     * iTop's default {@code email_validation_pattern} ({@code [a-zA-Z0-9._&'-]+@[a-zA-Z0-9.-]+\.[a-zA-Z0-9-]{2,}}),
     * with every other character RFC 5322 allows in a local part ({@code +} above all, as in {@code ada+cmdb@…}).
     * ASCII only: an invisible or look-alike character (no-break space, zero-width space, full-width letters) would
     * make an address that cannot match its twin, which matters to reconciliation on e-mails.
     */
    static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z0-9-]{2,}$");
    /** iTop's default {@code phone_number_validation_pattern} ({@code [0-9.\-\ \+\(\)]+}), plus {@code /} and extensions. */
    static final Pattern PHONE = Pattern.compile("^[0-9+()./\\- ]{1,40}( ?(x|ext\\.?) ?[0-9]{1,8})?$",
            Pattern.CASE_INSENSITIVE);
    /**
     * iTop's decimal shape ({@code AttributeDecimal}: sign, digits, optional fraction; no exponent, ASCII digits only),
     * within what MySQL's DECIMAL (hence any iTop) can hold: 65 digits, 30 of them after the point. Bigger values
     * reached PostgreSQL's own limits, where a single cell could stop a whole import.
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+)(\\.([0-9]*))?");
    private static final int DECIMAL_DIGITS = 65;
    private static final int DECIMAL_FRACTION_DIGITS = 30;
    private static final Pattern URL = Pattern.compile("^(https?|ftp|file)://\\S+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]+$");

    private ValueConverter() {
    }

    /** Thrown for a value an attribute cannot take; the message is the reason part of iTop's wording. */
    public static final class InvalidValueException extends RuntimeException {
        private final boolean formatError;

        InvalidValueException(String reason, boolean formatError) {
            super(reason);
            this.formatError = formatError;
        }

        /** A date in the wrong format: iTop reports these without the "Unexpected value" prefix. */
        public boolean formatError() {
            return formatError;
        }
    }

    /** The typed value of {@code raw} for a scalar attribute. */
    public static Object convert(AttributeDef att, Object raw) {
        if (raw == null || raw instanceof String s && s.isEmpty()) {
            // A boolean has two states, as in iTop: no value is false (a null read as false, written as false again,
            // would log a change nobody sees).
            return att.type() == AttributeType.BOOLEAN ? Boolean.FALSE : null;
        }
        return switch (att.type()) {
            case STRING, TEXT, EMAIL, PHONE, IP_ADDRESS, URL, ENUM, PASSWORD -> text(att, raw);
            case HTML -> html(raw);
            case INTEGER -> integer(raw);
            case DECIMAL -> decimal(raw);
            case BOOLEAN -> bool(raw);
            case DATE -> date(att, raw);
            case DATETIME -> dateTime(att, raw);
            case EXTERNAL_KEY -> key(raw);
            default -> throw new InvalidValueException("cannot be written directly", false);
        };
    }

    private static String text(AttributeDef att, Object raw) {
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            throw new InvalidValueException("a text value is expected", false);
        }
        String value = UnicodeText.nfc(raw.toString());
        // Characters, not UTF-16 units: iTop's VARCHAR(255) in utf8mb4 takes 255 emoji.
        if (att.maxLength() > 0 && value.length() > att.maxLength()
                && value.codePointCount(0, value.length()) > att.maxLength()) {
            throw new InvalidValueException("String too long (maximum " + att.maxLength() + " characters)", false);
        }
        switch (att.type()) {
            case ENUM -> {
                if (!att.values().contains(value)) {
                    throw new InvalidValueException("Value not allowed [" + value + "]", false);
                }
            }
            case EMAIL -> requireFormat(isEmail(value), value);
            case PHONE -> requireFormat(isPhone(value), value);
            case URL -> requireFormat(URL.matcher(value).matches(), value);
            case IP_ADDRESS -> requireFormat(isIpAddress(value), value);
            default -> {
            }
        }
        return value;
    }

    private static void requireFormat(boolean ok, String value) {
        if (!ok) {
            throw new InvalidValueException("Wrong format [" + value + "]", false);
        }
    }

    /**
     * Whether {@link #EMAIL} matches, without running it: imports check every e-mail cell, and the expression was a
     * noticeable part of a bulk import's time. One {@code @} not first, local-part characters before it, and after it
     * domain characters with a last dot that has at least one character before it and two after it.
     */
    static boolean isEmail(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || value.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && ".!#$%&'*+/=?^_`{|}~-".indexOf(c) < 0) {
                return false;
            }
        }
        int lastDot = -1;
        for (int i = at + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                lastDot = i;
            } else if (!isAsciiLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return lastDot > at + 1 && value.length() - lastDot > 2;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** Whether {@link #PHONE} matches; the common case (digits and separators only) without running it. */
    static boolean isPhone(String value) {
        if (!value.isEmpty() && value.length() <= 40) {
            boolean plain = true;
            for (int i = 0; i < value.length() && plain; i++) {
                char c = value.charAt(i);
                plain = c >= '0' && c <= '9' || "+()./- ".indexOf(c) >= 0;
            }
            if (plain) {
                return true;
            }
        }
        return PHONE.matcher(value).matches();
    }

    static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // Literal IPv6 only (the character check above keeps host names out, so no DNS lookup happens).
            InetAddress.getByName(value);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Plain text given for an HTML attribute is stored as a paragraph, as iTop does; HTML is sanitized. */
    private static String html(Object raw) {
        String value = UnicodeText.nfc(raw.toString());
        if (!value.stripLeading().startsWith("<")) {
            return "<p>" + HtmlSanitizer.escape(value) + "</p>";
        }
        return HtmlSanitizer.sanitize(value);
    }

    private static Long integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        String value = raw.toString().trim();
        if (!INTEGER.matcher(value).matches()) {
            throw new InvalidValueException("Not an integer [" + value + "]", false);
        }
        return Long.parseLong(value);
    }

    private static BigDecimal decimal(Object raw) {
        if (raw instanceof BigDecimal d && d.precision() <= DECIMAL_DIGITS && d.scale() <= DECIMAL_FRACTION_DIGITS) {
            return d;
        }
        String value = raw instanceof BigDecimal d ? d.toPlainString() : raw.toString().trim();
        java.util.regex.Matcher parts = DECIMAL.matcher(value);
        if (!parts.matches()) {
            throw new InvalidValueException("Not a decimal number [" + raw + "]", false);
        }
        String whole = parts.group(1).replaceFirst("^0+(?=.)", "");
        String fraction = parts.group(3) == null ? "" : parts.group(3);
        if (fraction.length() > DECIMAL_FRACTION_DIGITS || whole.length() + fraction.length() > DECIMAL_DIGITS) {
            throw new InvalidValueException("Not a decimal number [" + raw + "] (at most " + DECIMAL_DIGITS
                    + " digits, " + DECIMAL_FRACTION_DIGITS + " after the decimal point)", false);
        }
        return new BigDecimal(value);
    }

    private static Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        return switch (raw.toString().trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> true;
            case "0", "false", "no", "off" -> false;
            default -> throw new InvalidValueException("Not a boolean [" + raw + "]", false);
        };
    }

    private static LocalDate date(AttributeDef att, Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        if (raw instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue()).atZone(ZoneId.systemDefault()).toLocalDate();
        }
        try {
            return LocalDate.parse(raw.toString(), DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("Wrong format for date attribute " + att.code() + ", expecting \"Y-m-d\" and got \""
                    + raw + "\"", true);
        }
    }

    private static LocalDateTime dateTime(AttributeDef att, Object raw) {
        if (raw instanceof LocalDateTime d) {
            return d;
        }
        if (raw instanceof Number n) {
            return LocalDateTime.ofInstant(Instant.ofEpochSecond(n.longValue()), ZoneId.systemDefault());
        }
        String value = raw.toString();
        try {
            return LocalDateTime.parse(value, DATETIME);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("Wrong format for date attribute " + att.code()
                    + ", expecting \"Y-m-d H:i:s\" and got \"" + value + "\"", true);
        }
    }

    private static Long key(Object raw) {
        Long id;
        if (raw instanceof Number n && !(raw instanceof BigDecimal) && !(raw instanceof Double) && !(raw instanceof Float)) {
            id = n.longValue();
        } else {
            String value = raw.toString().trim();
            if (!INTEGER.matcher(value).matches()) {
                throw new InvalidValueException("Not a valid object id [" + value + "]", false);
            }
            id = Long.parseLong(value);
        }
        return id <= 0 ? null : id;
    }

    /** The text recorded in the change history and shown in messages for a stored value. */
    public static String toText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof LocalDate d) {
            return DATE.format(d);
        }
        if (value instanceof LocalDateTime d) {
            return DATETIME.format(d);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }
}
