package tributary.oql.ast;

/** A parsed OQL query: a single {@code SELECT} or a {@code UNION} of them. */
public sealed interface OqlQuery permits ObjectQuery, UnionQuery {
}
