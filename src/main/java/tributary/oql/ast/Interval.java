package tributary.oql.ast;

/**
 * {@code INTERVAL <amount> <unit>}, only meaningful as an argument of {@code DATE_ADD}/{@code DATE_SUB}.
 *
 * @param amount the number of units
 * @param unit   the unit keyword
 */
public record Interval(OqlExpression amount, IntervalUnit unit) implements OqlExpression {
}
