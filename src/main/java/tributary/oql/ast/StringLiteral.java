package tributary.oql.ast;

/**
 * A quoted string, escapes resolved.
 *
 * @param value the string value
 */
public record StringLiteral(String value) implements OqlExpression {
}
