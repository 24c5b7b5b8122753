package tributary.oql.ast;

/**
 * {@code left <operator> right}.
 *
 * @param operator the operator
 * @param left     left operand
 * @param right    right operand
 */
public record BinaryExpression(BinaryOperator operator, OqlExpression left, OqlExpression right)
    implements OqlExpression {
}
