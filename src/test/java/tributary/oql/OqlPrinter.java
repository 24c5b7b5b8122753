package tributary.oql;

import java.util.stream.Collectors;
import tributary.oql.ast.BinaryExpression;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.HexLiteral;
import tributary.oql.ast.InList;
import tributary.oql.ast.InQuery;
import tributary.oql.ast.IntegerLiteral;
import tributary.oql.ast.Interval;
import tributary.oql.ast.NullLiteral;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlExpression;
import tributary.oql.ast.OqlQuery;
import tributary.oql.ast.Parameter;
import tributary.oql.ast.StringLiteral;
import tributary.oql.ast.UnionQuery;

/** Renders an AST fully parenthesised, so tests can state the tree a query parses into. */
final class OqlPrinter {

    private OqlPrinter() {
    }

    static String print(OqlExpression expression) {
        if (expression instanceof BinaryExpression binary) {
            return "(" + print(binary.left()) + " " + binary.operator().oql() + " " + print(binary.right()) + ")";
        }
        if (expression instanceof InList in) {
            return "(" + print(in.left()) + (in.negated() ? " NOT IN " : " IN ")
                + in.items().stream().map(OqlPrinter::print).collect(Collectors.joining(", ", "[", "]")) + ")";
        }
        if (expression instanceof InQuery in) {
            return "(" + print(in.left()) + (in.negated() ? " NOT IN " : " IN ") + "{" + print(in.query()) + "})";
        }
        if (expression instanceof FieldRef field) {
            return field.alias() == null ? field.name().value() : field.alias().value() + "." + field.name().value();
        }
        if (expression instanceof IntegerLiteral integer) {
            return integer.value().toString();
        }
        if (expression instanceof HexLiteral hex) {
            return hex.text();
        }
        if (expression instanceof StringLiteral string) {
            return "'" + string.value() + "'";
        }
        if (expression instanceof NullLiteral) {
            return "NULL";
        }
        if (expression instanceof Parameter parameter) {
            return ":" + parameter.name();
        }
        if (expression instanceof Interval interval) {
            return "INTERVAL " + print(interval.amount()) + " " + interval.unit();
        }
        FunctionCall call = (FunctionCall) expression;
        return call.function() + call.arguments().stream().map(OqlPrinter::print).collect(Collectors.joining(", ", "(", ")"));
    }

    static String print(OqlQuery query) {
        if (query instanceof UnionQuery union) {
            return union.members().stream().map(OqlPrinter::print).collect(Collectors.joining(" UNION "));
        }
        ObjectQuery object = (ObjectQuery) query;
        StringBuilder text = new StringBuilder("SELECT ");
        text.append(object.selected().stream().map(name -> name.value()).collect(Collectors.joining(", ")));
        text.append(" FROM ").append(object.className().value()).append(" AS ").append(object.alias().value());
        object.joins().forEach(join -> text.append(" JOIN ").append(join.className().value()).append(" AS ")
            .append(join.alias().value()).append(" ON ").append(print(join.left())).append(" ")
            .append(join.operator().oql()).append(" ").append(print(join.right())));
        if (object.condition() != null) {
            text.append(" WHERE ").append(print(object.condition()));
        }
        return text.toString();
    }
}
