package tributary.oql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import tributary.oql.ast.BinaryExpression;
import tributary.oql.ast.BinaryOperator;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.HexLiteral;
import tributary.oql.ast.InList;
import tributary.oql.ast.InQuery;
import tributary.oql.ast.IntegerLiteral;
import tributary.oql.ast.NullLiteral;
import tributary.oql.ast.OqlExpression;
import tributary.oql.ast.Parameter;
import tributary.oql.ast.StringLiteral;

/**
 * Translates OQL expressions of one {@code SELECT} into PostgreSQL with MySQL semantics: case-insensitive
 * string comparison and LIKE, numeric comparison of numeric strings, dates compared with
 * {@code Y-m-d[ H:i:s]} strings, {@code x = NULL} never true. Every literal and argument is bound.
 */
final class ExpressionTranslator {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Translation translation;
    private final QueryScope scope;
    private final FieldTranslator fields;
    private final QueryTranslator queries;

    ExpressionTranslator(Translation translation, QueryScope scope, QueryTranslator queries) {
        this.translation = translation;
        this.scope = scope;
        this.fields = new FieldTranslator(translation, scope);
        this.queries = queries;
    }

    String sourceQuery() {
        return translation.validated.source();
    }

    /** Translates an expression used as a condition (MySQL truth: non-zero). */
    Sql condition(OqlExpression expression) {
        return Coercions.asBoolean(translate(expression));
    }

    Sql translate(OqlExpression expression) {
        if (expression instanceof IntegerLiteral integer) {
            return Sql.number(integer.value());
        }
        if (expression instanceof HexLiteral hex) {
            return Sql.number(new BigInteger(hex.text().substring(2), 16));
        }
        if (expression instanceof StringLiteral string) {
            return Sql.text(string.value());
        }
        if (expression instanceof NullLiteral) {
            return Sql.NULL;
        }
        if (expression instanceof FieldRef field) {
            return fields.field(translation.resolved(field));
        }
        if (expression instanceof Parameter parameter) {
            return literal(parameter, argument(parameter));
        }
        if (expression instanceof BinaryExpression binary) {
            return binary(binary);
        }
        if (expression instanceof InList in) {
            return inList(in);
        }
        if (expression instanceof InQuery in) {
            Sql left = Coercions.asNumber(translate(in.left()));
            Sql ids = queries.subQuery(in.query(), translation);
            return Sql.of(SqlType.BOOLEAN, "(", left, in.negated() ? " NOT IN (" : " IN (", ids, "))");
        }
        if (expression instanceof FunctionCall call) {
            return new FunctionTranslator(this).translate(call);
        }
        throw new IllegalStateException("INTERVAL outside DATE_ADD/DATE_SUB: " + expression);
    }

    private Sql binary(BinaryExpression binary) {
        BinaryOperator operator = binary.operator();
        if (operator == BinaryOperator.AND || operator == BinaryOperator.OR) {
            return Sql.of(SqlType.BOOLEAN, "(", condition(binary.left()), " " + operator.oql() + " ",
                condition(binary.right()), ")");
        }
        if (operator == BinaryOperator.MATCHES) {
            // full-text search approximated by a case-insensitive substring match
            String text = ((StringLiteral) binary.right()).value();
            return Sql.of(SqlType.BOOLEAN, "(", Coercions.asText(translate(binary.left())), " ILIKE ",
                Sql.text("%" + MysqlSemantics.escapeLike(text) + "%"), ")");
        }
        Sql left = translate(binary.left());
        Sql right = translate(binary.right());
        return switch (operator) {
            case EQ -> compare(left, "=", right);
            case NOT_EQ -> compare(left, "<>", right);
            case LT, GT, LE, GE -> compare(left, operator.oql(), right);
            case LIKE -> Sql.of(SqlType.BOOLEAN, "(", Coercions.asText(left), " ILIKE ", Coercions.asText(right), ")");
            case NOT_LIKE -> Sql.of(SqlType.BOOLEAN, "(", Coercions.asText(left), " NOT ILIKE ", Coercions.asText(right), ")");
            case REGEXP -> Sql.of(SqlType.BOOLEAN, "(", Coercions.asText(left), " ~* ", checkedPattern(right), ")");
            case PLUS, MINUS, MULTIPLY -> Sql.of(SqlType.DECIMAL, "(CAST(", Coercions.asNumber(left), " AS numeric) "
                + operator.oql() + " ", Coercions.asNumber(right), ")");
            case DIVIDE -> Sql.of(SqlType.DECIMAL, "(CAST(", Coercions.asNumber(left), " AS numeric) / NULLIF(CAST(",
                Coercions.asNumber(right), " AS numeric), 0))");
            case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> Sql.of(SqlType.INTEGER, "(", bigint(left),
                operator == BinaryOperator.BITWISE_AND ? " & " : operator == BinaryOperator.BITWISE_OR ? " | " : " # ",
                bigint(right), ")");
            case SHIFT_LEFT, SHIFT_RIGHT -> Sql.of(SqlType.INTEGER, "(", bigint(left), " " + operator.oql() + " CAST(",
                Coercions.asNumber(right), " AS integer))");
            default -> throw new IllegalStateException("Unexpected operator " + operator);
        };
    }

    /**
     * A literal pattern is checked with Java's regex syntax, close to PostgreSQL's, so that most invalid
     * patterns are reported as OQL errors rather than failing in the database.
     */
    private Sql checkedPattern(Sql pattern) {
        Sql text = Coercions.asText(pattern);
        if (text.isLiteral()) {
            try {
                java.util.regex.Pattern.compile((String) text.literal());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new OqlNormalizeException("Invalid regular expression (" + e.getDescription() + ")",
                    sourceQuery(), 0, (String) text.literal(), null);
            }
        }
        return text;
    }

    private static Sql bigint(Sql value) {
        return Sql.of(SqlType.INTEGER, "CAST(", Coercions.asNumber(value), " AS bigint)");
    }

    /** A comparison with MySQL's conversions; {@code operator} is one of this package's constants. */
    Sql compare(Sql left, String operator, Sql right) {
        if (left.type() == SqlType.NULL || right.type() == SqlType.NULL) {
            return Sql.raw("CAST(NULL AS boolean)", SqlType.BOOLEAN);
        }
        if (left.type() == SqlType.TEXT && right.type() == SqlType.TEXT) {
            return Sql.of(SqlType.BOOLEAN, "(lower(", left, ") " + operator + " lower(", right, "))");
        }
        if (left.type().isTemporal() || right.type().isTemporal()) {
            return compareTemporal(left, operator, right);
        }
        return Sql.of(SqlType.BOOLEAN, "(", Coercions.asNumber(left), " " + operator + " ", Coercions.asNumber(right), ")");
    }

    private Sql compareTemporal(Sql left, String operator, Sql right) {
        if (left.type().isTemporal() && right.type().isTemporal()) {
            boolean same = left.type() == right.type();
            return Sql.of(SqlType.BOOLEAN, "(", same ? left : Coercions.asTimestamp(left), " " + operator + " ",
                same ? right : Coercions.asTimestamp(right), ")");
        }
        boolean temporalOnLeft = left.type().isTemporal();
        Sql temporal = temporalOnLeft ? left : right;
        Sql other = temporalOnLeft ? right : left;
        if (other.type() != SqlType.TEXT) {
            return Sql.of(SqlType.BOOLEAN, "(", Coercions.asNumber(left), " " + operator + " ", Coercions.asNumber(right), ")");
        }
        Optional<MysqlSemantics.Temporal> parsed = other.isLiteral()
            ? MysqlSemantics.parseTemporal((String) other.literal()) : Optional.empty();
        if (parsed.isEmpty()) {
            // MySQL compares the date as a 'Y-m-d[ H:i:s]' string
            return Sql.of(SqlType.BOOLEAN, "(", Coercions.asText(left), " " + operator + " ", Coercions.asText(right), ")");
        }
        boolean withTime = parsed.get().hasTime() || temporal.type() == SqlType.DATETIME;
        Sql value = withTime
            ? Sql.of(SqlType.DATETIME, "CAST(", Sql.text(parsed.get().text()), " AS timestamp)")
            : Sql.of(SqlType.DATE, "CAST(", Sql.text(parsed.get().text()), " AS date)");
        Sql column = withTime ? Coercions.asTimestamp(temporal) : temporal;
        return temporalOnLeft
            ? Sql.of(SqlType.BOOLEAN, "(", column, " " + operator + " ", value, ")")
            : Sql.of(SqlType.BOOLEAN, "(", value, " " + operator + " ", column, ")");
    }

    private Sql inList(InList in) {
        Sql left = translate(in.left());
        List<Sql> tests = new ArrayList<>();
        for (OqlExpression item : in.items()) {
            if (item instanceof Parameter parameter && argument(parameter) instanceof Collection<?> values) {
                // a list argument expands into the IN list
                for (Object value : values) {
                    tests.add(compare(left, "=", literal(parameter, value)));
                }
            } else {
                tests.add(compare(left, "=", translate(item)));
            }
        }
        if (tests.isEmpty()) {
            return Sql.raw(in.negated() ? "TRUE" : "FALSE", SqlType.BOOLEAN);
        }
        Sql any = Sql.of(SqlType.BOOLEAN, "(", Sql.join(SqlType.BOOLEAN, " OR ", tests), ")");
        return in.negated() ? Sql.of(SqlType.BOOLEAN, "(NOT ", any, ")") : any;
    }

    private Object argument(Parameter parameter) {
        if (!translation.arguments.containsKey(parameter.name())) {
            throw new MissingQueryArgumentException(translation.validated.source(), parameter.name(),
                translation.arguments.keySet());
        }
        return translation.arguments.get(parameter.name());
    }

    /** Binds an argument value with the type its Java class suggests. */
    private Sql literal(Parameter parameter, Object value) {
        if (value == null) {
            return Sql.NULL;
        }
        if (value instanceof Collection<?>) {
            throw new OqlNormalizeException("A list argument can only be used inside IN (...)",
                translation.validated.source(), parameter.column(), ":" + parameter.name(), null);
        }
        if (value instanceof Boolean bool) {
            return Sql.number(bool ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        if (value instanceof BigDecimal decimal) {
            return Sql.number(decimal);
        }
        if (value instanceof BigInteger integer) {
            return Sql.number(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? Sql.number(BigDecimal.valueOf(number)) : Sql.NULL;
        }
        if (value instanceof Number number) {
            return Sql.number(BigDecimal.valueOf(number.longValue()));
        }
        if (value instanceof LocalDateTime dateTime) {
            return Sql.text(DATE_TIME.format(dateTime));
        }
        if (value instanceof LocalDate || value instanceof TemporalAccessor) {
            return Sql.text(value instanceof LocalDate date ? date.toString() : value.toString());
        }
        return Sql.text(value.toString());
    }
}
