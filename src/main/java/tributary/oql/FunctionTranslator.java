package tributary.oql;

import java.util.ArrayList;
import java.util.List;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.Interval;
import tributary.oql.ast.OqlExpression;

/** Maps the OQL (MySQL) functions to PostgreSQL expressions with the same results. */
final class FunctionTranslator {

    private static final String IPV4 = "'^[0-9]{1,3}(\\.[0-9]{1,3}){3}$'";

    private final ExpressionTranslator expressions;

    FunctionTranslator(ExpressionTranslator expressions) {
        this.expressions = expressions;
    }

    Sql translate(FunctionCall call) {
        List<OqlExpression> arguments = call.arguments();
        return switch (call.function()) {
            case IF -> conditional(arguments);
            case ELT -> elt(arguments);
            case COALESCE -> {
                List<Sql> values = translateAll(arguments);
                SqlType type = Coercions.unify(values);
                yield Sql.of(type, "COALESCE(", Sql.join(type, ", ", convertAll(type, values)), ")");
            }
            case ISNULL -> Sql.of(SqlType.BOOLEAN, "(", argument(arguments, 0), " IS NULL)");
            case CONCAT -> Sql.of(SqlType.TEXT, "(", Sql.join(SqlType.TEXT, " || ", convertAll(SqlType.TEXT,
                translateAll(arguments))), ")");
            case SUBSTR -> substring(arguments);
            case TRIM -> Sql.of(SqlType.TEXT, "btrim(", Coercions.asText(argument(arguments, 0)), ", ' ')");
            case DATE -> Coercions.asDate(argument(arguments, 0));
            case DATE_FORMAT -> dateFormat(call);
            case CURRENT_DATE -> Sql.raw("CURRENT_DATE", SqlType.DATE);
            case NOW -> Sql.raw("date_trunc('second', LOCALTIMESTAMP)", SqlType.DATETIME);
            case TIME -> Sql.of(SqlType.TEXT, "to_char(", timestamp(arguments), ", 'HH24:MI:SS')");
            case TO_DAYS -> Sql.of(SqlType.INTEGER, "((", Coercions.asDate(argument(arguments, 0)),
                " - DATE '0001-01-01') + 366)");
            case FROM_DAYS -> {
                Sql days = Coercions.asNumber(argument(arguments, 0));
                yield Sql.of(SqlType.DATE, "(CASE WHEN ", days, " >= 366 THEN DATE '0001-01-01' + CAST(", days,
                    " - 366 AS integer) END)");
            }
            case YEAR, MONTH, DAY, HOUR, MINUTE -> Sql.of(SqlType.INTEGER, "CAST(EXTRACT(" + call.function().name()
                + " FROM ", timestamp(arguments), ") AS integer)");
            case SECOND -> Sql.of(SqlType.INTEGER, "CAST(floor(EXTRACT(SECOND FROM ", timestamp(arguments), ")) AS integer)");
            case DATE_ADD -> dateArithmetic(arguments, " + ");
            case DATE_SUB -> dateArithmetic(arguments, " - ");
            case ROUND -> arguments.size() == 1
                ? Sql.of(SqlType.DECIMAL, "round(CAST(", Coercions.asNumber(argument(arguments, 0)), " AS numeric))")
                : Sql.of(SqlType.DECIMAL, "round(CAST(", Coercions.asNumber(argument(arguments, 0)), " AS numeric), CAST(",
                    Coercions.asNumber(argument(arguments, 1)), " AS integer))");
            case FLOOR -> Sql.of(SqlType.DECIMAL, "floor(CAST(", Coercions.asNumber(argument(arguments, 0)), " AS numeric))");
            case INET_ATON -> inetAton(Coercions.asText(argument(arguments, 0)));
            case INET_NTOA -> {
                Sql number = Coercions.asNumber(argument(arguments, 0));
                yield Sql.of(SqlType.TEXT, "(CASE WHEN ", number, " >= 0 AND ", number,
                    " <= 4294967295 THEN host(inet '0.0.0.0' + CAST(", number, " AS bigint)) END)");
            }
        };
    }

    private Sql argument(List<OqlExpression> arguments, int index) {
        return expressions.translate(arguments.get(index));
    }

    private Sql timestamp(List<OqlExpression> arguments) {
        return Coercions.asTimestamp(argument(arguments, 0));
    }

    private List<Sql> translateAll(List<OqlExpression> arguments) {
        List<Sql> values = new ArrayList<>();
        arguments.forEach(argument -> values.add(expressions.translate(argument)));
        return values;
    }

    private static List<Sql> convertAll(SqlType type, List<Sql> values) {
        List<Sql> converted = new ArrayList<>();
        values.forEach(value -> converted.add(Coercions.to(type, value)));
        return converted;
    }

    private Sql conditional(List<OqlExpression> arguments) {
        Sql condition = expressions.condition(arguments.get(0));
        List<Sql> branches = translateAll(arguments.subList(1, 3));
        SqlType type = Coercions.unify(branches);
        return Sql.of(type, "(CASE WHEN ", condition, " THEN ", Coercions.to(type, branches.get(0)), " ELSE ",
            Coercions.to(type, branches.get(1)), " END)");
    }

    private Sql elt(List<OqlExpression> arguments) {
        Sql index = Coercions.asNumber(argument(arguments, 0));
        List<Sql> items = translateAll(arguments.subList(1, arguments.size()));
        SqlType type = Coercions.unify(items);
        List<Object> pieces = new ArrayList<>(List.of("(CASE CAST(", index, " AS bigint)"));
        for (int i = 0; i < items.size(); i++) {
            pieces.add(" WHEN " + (i + 1) + " THEN ");
            pieces.add(Coercions.to(type, items.get(i)));
        }
        pieces.add(" END)");
        return Sql.of(type, pieces.toArray());
    }

    /** MySQL SUBSTR: 1-based, a negative start counts from the end, start 0 gives ''. */
    private Sql substring(List<OqlExpression> arguments) {
        Sql text = Coercions.asText(argument(arguments, 0));
        Sql start = Sql.of(SqlType.INTEGER, "CAST(", Coercions.asNumber(argument(arguments, 1)), " AS integer)");
        Sql length = arguments.size() == 3
            ? Sql.of(SqlType.INTEGER, ", GREATEST(CAST(", Coercions.asNumber(argument(arguments, 2)), " AS integer), 0)")
            : Sql.raw("", SqlType.INTEGER);
        return Sql.of(SqlType.TEXT, "(CASE WHEN ", start, " IS NULL OR ", text, " IS NULL THEN NULL WHEN ", start,
            " > 0 THEN substr(", text, ", ", start, length, ") WHEN ", start, " < 0 AND -", start, " <= length(", text,
            ") THEN substr(", text, ", length(", text, ") + ", start, " + 1", length, ") ELSE '' END)");
    }

    private Sql dateFormat(FunctionCall call) {
        Sql format = expressions.translate(call.arguments().get(1));
        if (!format.isLiteral() || format.type() != SqlType.TEXT) {
            throw new OqlNormalizeException("DATE_FORMAT needs a string literal as format",
                expressions.sourceQuery(), call.column(), "DATE_FORMAT", null);
        }
        String pattern = MysqlSemantics.toCharPattern((String) format.literal());
        return Sql.of(SqlType.TEXT, "to_char(", timestampOf(call), ", ", Sql.text(pattern), ")");
    }

    private Sql timestampOf(FunctionCall call) {
        return Coercions.asTimestamp(expressions.translate(call.arguments().get(0)));
    }

    private Sql dateArithmetic(List<OqlExpression> arguments, String operator) {
        Sql date = argument(arguments, 0);
        Interval interval = (Interval) arguments.get(1);
        Sql amount = Coercions.asNumber(expressions.translate(interval.amount()));
        // the unit comes from the fixed keyword list, the amount is bound
        String unit = "INTERVAL '1 " + interval.unit().name().toLowerCase(java.util.Locale.ROOT) + "'";
        Sql result = Sql.of(SqlType.DATETIME, "(", Coercions.asTimestamp(date), operator + "CAST(", amount,
            " AS double precision) * " + unit + ")");
        boolean wholeDays = switch (interval.unit()) {
            case DAY, MONTH, YEAR -> true;
            default -> false;
        };
        return date.type() == SqlType.DATE && wholeDays ? Sql.of(SqlType.DATE, "CAST(", result, " AS date)") : result;
    }

    private static Sql inetAton(Sql text) {
        List<Object> pieces = new ArrayList<>(List.of("(CASE WHEN ", text, " ~ " + IPV4 + " THEN "));
        long[] weights = {16777216L, 65536L, 256L, 1L};
        for (int part = 0; part < 4; part++) {
            pieces.add(part == 0 ? "CAST(split_part(" : " + CAST(split_part(");
            pieces.add(text);
            pieces.add(", '.', " + (part + 1) + ") AS bigint) * " + weights[part]);
        }
        pieces.add(" END)");
        return Sql.of(SqlType.INTEGER, pieces.toArray());
    }
}
