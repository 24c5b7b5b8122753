package tributary.oql;

import java.math.BigDecimal;

/**
 * MySQL's implicit conversions, expressed in PostgreSQL. Literals are converted in Java so that the bound
 * parameter already has the right type; expressions get explicit casts. The regular expressions below are
 * constants of this class, never query text.
 */
final class Coercions {

    private static final String NUMERIC_PREFIX = "'^\\s*([-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?)'";
    private static final String DATE_TEXT = "'^\\s*[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?\\s*$'";

    private Coercions() {
    }

    static Sql asText(Sql value) {
        if (value.isLiteral() && value.type() != SqlType.TEXT) {
            return Sql.text(value.literal() instanceof BigDecimal decimal ? decimal.toPlainString()
                : value.literal().toString());
        }
        return switch (value.type()) {
            case TEXT -> value;
            case NULL -> Sql.raw("CAST(NULL AS text)", SqlType.TEXT);
            case INTEGER, DECIMAL -> Sql.of(SqlType.TEXT, "CAST(", value, " AS text)");
            case BOOLEAN -> Sql.of(SqlType.TEXT, "CAST(CAST(", value, " AS integer) AS text)");
            case DATE -> Sql.of(SqlType.TEXT, "to_char(", value, ", 'YYYY-MM-DD')");
            case DATETIME -> Sql.of(SqlType.TEXT, "to_char(", value, ", 'YYYY-MM-DD HH24:MI:SS')");
        };
    }

    static Sql asNumber(Sql value) {
        if (value.type() == SqlType.TEXT && value.isLiteral()) {
            return Sql.number(MysqlSemantics.toNumber((String) value.literal()));
        }
        return switch (value.type()) {
            case INTEGER, DECIMAL -> value;
            case NULL -> Sql.raw("CAST(NULL AS numeric)", SqlType.DECIMAL);
            case BOOLEAN -> Sql.of(SqlType.INTEGER, "CAST(", value, " AS integer)");
            case TEXT -> Sql.of(SqlType.DECIMAL, "COALESCE(CAST(substring(", value, " FROM " + NUMERIC_PREFIX
                + ") AS numeric), 0)");
            case DATE -> Sql.of(SqlType.INTEGER, "CAST(to_char(", value, ", 'YYYYMMDD') AS bigint)");
            case DATETIME -> Sql.of(SqlType.INTEGER, "CAST(to_char(", value, ", 'YYYYMMDDHH24MISS') AS bigint)");
        };
    }

    static Sql asBoolean(Sql value) {
        return switch (value.type()) {
            case BOOLEAN -> value;
            case NULL -> Sql.raw("CAST(NULL AS boolean)", SqlType.BOOLEAN);
            default -> Sql.of(SqlType.BOOLEAN, "(", asNumber(value), " <> 0)");
        };
    }

    /** A timestamp, or NULL when the value is not a valid date (as MySQL's date functions do). */
    static Sql asTimestamp(Sql value) {
        if (value.type() == SqlType.TEXT && value.isLiteral()) {
            return MysqlSemantics.parseTemporal((String) value.literal())
                .map(temporal -> Sql.of(SqlType.DATETIME, "CAST(", Sql.text(temporal.text()), " AS timestamp)"))
                .orElse(Sql.raw("CAST(NULL AS timestamp)", SqlType.DATETIME));
        }
        return switch (value.type()) {
            case DATETIME -> value;
            case DATE -> Sql.of(SqlType.DATETIME, "CAST(", value, " AS timestamp)");
            case NULL -> Sql.raw("CAST(NULL AS timestamp)", SqlType.DATETIME);
            default -> {
                Sql text = asText(value);
                yield Sql.of(SqlType.DATETIME, "(CASE WHEN ", text, " ~ " + DATE_TEXT + " THEN CAST(", text,
                    " AS timestamp) END)");
            }
        };
    }

    static Sql asDate(Sql value) {
        return value.type() == SqlType.DATE ? value : Sql.of(SqlType.DATE, "CAST(", asTimestamp(value), " AS date)");
    }

    /** Converts a fragment to {@code type}, used to give the branches of CASE or COALESCE one type. */
    static Sql to(SqlType type, Sql value) {
        if (value.type() == type) {
            return value;
        }
        return switch (type) {
            case TEXT -> asText(value);
            case INTEGER, DECIMAL -> asNumber(value);
            case BOOLEAN -> asBoolean(value);
            case DATE -> asDate(value);
            case DATETIME -> asTimestamp(value);
            case NULL -> value;
        };
    }

    /** The common type of several values: their type if they agree, numeric if all are numbers, else text. */
    static SqlType unify(Iterable<Sql> values) {
        SqlType result = SqlType.NULL;
        for (Sql value : values) {
            SqlType type = value.type();
            if (type == SqlType.NULL || type == result) {
                continue;
            }
            if (result == SqlType.NULL) {
                result = type;
            } else if (result.isNumeric() && type.isNumeric()) {
                result = SqlType.DECIMAL;
            } else if (result.isTemporal() && type.isTemporal()) {
                result = SqlType.DATETIME;
            } else {
                result = SqlType.TEXT;
            }
        }
        return result == SqlType.BOOLEAN ? SqlType.INTEGER : result;
    }
}
