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
    static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$");
    static final Pattern PHONE = Pattern.compile("^[0-9+()./\\-\\s]{1,40}( ?(x|ext\\.?) ?[0-9]{1,8})?$",
            Pattern.CASE_INSENSITIVE);
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
            return null;
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
        if (att.maxLength() > 0 && value.length() > att.maxLength()) {
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
     * noticeable part of a bulk import's time. One {@code @} not first, no space or {@code <>"}, and a dot in the domain
     * with a character on each side.
     */
    static boolean isEmail(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || value.indexOf('@', at + 1) >= 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '<' || c == '>' || c == '"' || c == ' ' || c >= '\t' && c <= '\r') { // \s: space, tab to carriage return
                return false;
            }
        }
        for (int i = at + 2; i < value.length() - 1; i++) {
            if (value.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    /** Whether {@link #PHONE} matches; the common case (digits and separators only) without running it. */
    static boolean isPhone(String value) {
        if (!value.isEmpty() && value.length() <= 40) {
            boolean plain = true;
            for (int i = 0; i < value.length() && plain; i++) {
                char c = value.charAt(i);
                plain = c >= '0' && c <= '9' || "+()./- ".indexOf(c) >= 0 || c >= '\t' && c <= '\r';
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
        try {
            return raw instanceof BigDecimal d ? d : new BigDecimal(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("Not a decimal number [" + raw + "]", false);
        }
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
