package tributary.rest;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * How iTop's PHP code reads decoded JSON values: {@code isset}, truthiness, {@code (int)} casts, string conversion
 * and {@code is_numeric}. Clients depend on these conversions (e.g. {@code "simulate": "false"} is true).
 */
final class PhpValues {

    private static final Pattern NUMERIC = Pattern.compile("[ \\t\\n\\r\\x0B\\f]*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?[ \\t\\n\\r\\x0B\\f]*");
    private static final Pattern LEADING_INTEGER = Pattern.compile("^[ \\t\\n\\r\\x0B\\f]*([+-]?\\d+)");

    private PhpValues() {
    }

    /** {@code isset($params->name)}: present and not null. */
    static boolean isSet(JsonNode params, String name) {
        if (params == null || !params.isObject()) {
            return false;
        }
        JsonNode value = params.get(name);
        return value != null && !value.isNull();
    }

    /** The member, or null when not set. */
    static JsonNode get(JsonNode params, String name) {
        return isSet(params, name) ? params.get(name) : null;
    }

    /** PHP truthiness: false, 0, 0.0, "", "0", null and [] are false; everything else (even "false") is true. */
    static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.decimalValue().signum() != 0;
        }
        if (value.isString()) {
            String text = value.stringValue();
            return !text.isEmpty() && !text.equals("0");
        }
        if (value.isArray()) {
            return !value.isEmpty();
        }
        return true;
    }

    /** {@code (int)$value}. */
    static long toInt(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue() : 0;
        }
        if (value.isNumber()) {
            return value.decimalValue().longValue();
        }
        if (value.isString()) {
            String text = value.stringValue();
            if (NUMERIC.matcher(text).matches()) {
                try {
                    return new BigDecimal(text.strip()).longValue();
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            Matcher leading = LEADING_INTEGER.matcher(text);
            if (leading.find()) {
                try {
                    return Long.parseLong(leading.group(1));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            return 0;
        }
        if (value.isArray()) {
            return value.isEmpty() ? 0 : 1;
        }
        return 1;
    }

    /** {@code is_numeric($value)}. */
    static boolean isNumeric(JsonNode value) {
        return value != null && (value.isNumber() || value.isString() && NUMERIC.matcher(value.stringValue()).matches());
    }

    /** The string PHP would print for a scalar; JSON text for arrays and objects. */
    static String toText(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "1" : "";
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
