package tributary.oql.ast;

import java.util.List;

/**
 * {@code left IN (a, b, ...)} or {@code left NOT IN (...)}.
 *
 * @param left    the tested value
 * @param negated true for {@code NOT IN}
 * @param items   the list, at least one item
 */
public record InList(OqlExpression left, boolean negated, List<OqlExpression> items) implements OqlExpression {

    /** Copies the list so the node stays immutable. */
    public InList {
        items = List.copyOf(items);
    }
}
