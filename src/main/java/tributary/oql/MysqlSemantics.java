package tributary.oql;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Value conversions that reproduce iTop's MySQL back end, done in Java on literals and arguments. */
final class MysqlSemantics {

    private static final Pattern LEADING_NUMBER =
        Pattern.compile("^[ \\t\\n\\r]*([-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?)");
    private static final Pattern DATE_TIME = Pattern.compile(
        "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2}))?)?$");

    /**
     * A date or date-time literal, normalised.
     *
     * @param text    {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss}
     * @param hasTime whether a time part was given
     */
    record Temporal(String text, boolean hasTime) {
    }

    private MysqlSemantics() {
    }

    /** MySQL's string-to-number conversion: the leading numeric prefix, or 0. */
    static BigDecimal toNumber(String value) {
        Matcher matcher = LEADING_NUMBER.matcher(value);
        if (!matcher.find()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal number = new BigDecimal(matcher.group(1).replace("+", ""));
            // keep absurd exponents from producing gigantic parameters
            return number.abs().compareTo(new BigDecimal("1e300")) > 0 ? BigDecimal.ZERO : number;
        } catch (NumberFormatException | ArithmeticException e) {
            return BigDecimal.ZERO;
        }
    }

    /** Parses {@code Y-m-d}, {@code Y-m-d H:i} or {@code Y-m-d H:i:s}; empty when it is not a valid date. */
    static Optional<Temporal> parseTemporal(String value) {
        Matcher matcher = DATE_TIME.matcher(value.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
            if (matcher.group(4) == null) {
                return Optional.of(new Temporal(date.toString(), false));
            }
            int second = matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6));
            LocalDateTime dateTime = date.atTime(Integer.parseInt(matcher.group(4)),
                Integer.parseInt(matcher.group(5)), second);
            return Optional.of(new Temporal(String.format("%s %02d:%02d:%02d", date, dateTime.getHour(),
                dateTime.getMinute(), dateTime.getSecond()), true));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Escapes LIKE wildcards so that the text matches literally (backslash is the default escape). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Converts a MySQL DATE_FORMAT pattern into a PostgreSQL to_char pattern, literal text double-quoted. */
    static String toCharPattern(String mysqlFormat) {
        StringBuilder pattern = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < mysqlFormat.length(); i++) {
            char c = mysqlFormat.charAt(i);
            String mapped = null;
            if (c == '%' && i + 1 < mysqlFormat.length()) {
                char specifier = mysqlFormat.charAt(++i);
                mapped = specifier(specifier);
                if (mapped == null) {
                    literal.append(specifier);
                }
            } else {
                literal.append(c);
            }
            if (mapped != null) {
                flushLiteral(pattern, literal);
                pattern.append(mapped);
            }
        }
        flushLiteral(pattern, literal);
        return pattern.toString();
    }

    private static void flushLiteral(StringBuilder pattern, StringBuilder literal) {
        if (literal.length() > 0) {
            pattern.append('"').append(literal.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            literal.setLength(0);
        }
    }

    private static String specifier(char specifier) {
        return switch (specifier) {
            case 'a' -> "Dy";
            case 'b' -> "Mon";
            case 'c' -> "FMMM";
            case 'D' -> "FMDDth";
            case 'd' -> "DD";
            case 'e' -> "FMDD";
            case 'f' -> "US";
            case 'H' -> "HH24";
            case 'h', 'I' -> "HH12";
            case 'i' -> "MI";
            case 'j' -> "DDD";
            case 'k' -> "FMHH24";
            case 'l' -> "FMHH12";
            case 'M' -> "FMMonth";
            case 'm' -> "MM";
            case 'p' -> "AM";
            case 'r' -> "HH12:MI:SS AM";
            case 'S', 's' -> "SS";
            case 'T' -> "HH24:MI:SS";
            case 'U', 'V' -> "WW";
            case 'u', 'v' -> "IW";
            case 'W' -> "FMDay";
            case 'w' -> "D";
            case 'X', 'x' -> "IYYY";
            case 'Y' -> "YYYY";
            case 'y' -> "YY";
            default -> null;
        };
    }
}
