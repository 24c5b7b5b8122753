package tributary.oql.ast;

import java.util.List;

/**
 * {@code q1 UNION q2 UNION ...}, flattened as iTop does.
 *
 * @param members the queries, at least two
 */
public record UnionQuery(List<ObjectQuery> members) implements OqlQuery {

    /** Copies the list so the query stays immutable. */
    public UnionQuery {
        members = List.copyOf(members);
    }
}
