package tributary.oql.ast;

/**
 * A query argument {@code :name} or {@code :name->attcode}.
 *
 * @param name   the name without the colon, e.g. {@code current_contact->org_id}
 * @param column position of the colon
 */
public record Parameter(String name, int column) implements OqlExpression {
}
