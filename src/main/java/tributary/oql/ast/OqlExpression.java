package tributary.oql.ast;

/** A node of a condition or value expression. */
public sealed interface OqlExpression
    permits IntegerLiteral, HexLiteral, StringLiteral, NullLiteral, FieldRef, Parameter, FunctionCall, Interval,
            BinaryExpression, InList, InQuery {
}
