package tributary.oql.ast;

/**
 * {@code left IN (SELECT ...)} or {@code left NOT IN (SELECT ...)}; the sub-query may use outer aliases.
 *
 * @param left    the tested value (compared with the ids the sub-query returns)
 * @param negated true for {@code NOT IN}
 * @param query   the sub-query or union
 */
public record InQuery(OqlExpression left, boolean negated, OqlQuery query) implements OqlExpression {
}
