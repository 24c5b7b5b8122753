package tributary.oql.ast;

/**
 * A hexadecimal literal such as {@code 0xC}, kept as text as iTop does.
 *
 * @param text the literal including the {@code 0x} prefix
 */
public record HexLiteral(String text) implements OqlExpression {
}
