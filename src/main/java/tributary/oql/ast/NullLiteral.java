package tributary.oql.ast;

/** The {@code NULL} literal. */
public record NullLiteral() implements OqlExpression {
}
