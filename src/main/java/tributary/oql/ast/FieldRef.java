package tributary.oql.ast;

/**
 * A field: {@code name} or {@code alias.name}.
 *
 * @param alias the alias, or {@code null} when unqualified
 * @param name  the attribute code (or {@code id})
 */
public record FieldRef(OqlName alias, OqlName name) implements OqlExpression {

    /** The position to report for this field: the alias when there is one. */
    public int column() {
        return alias == null ? name.column() : alias.column();
    }
}
