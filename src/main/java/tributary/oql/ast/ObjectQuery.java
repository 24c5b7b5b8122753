package tributary.oql.ast;

import java.util.List;
import java.util.Objects;

/**
 * One {@code SELECT}: {@code SELECT <selected> FROM <className> AS <alias> <joins> WHERE <condition>}.
 * The short form {@code SELECT Class [AS a]} selects its only alias.
 *
 * @param className the class after {@code FROM} (or after {@code SELECT} in the short form)
 * @param alias     its alias; the class name when there is no {@code AS}
 * @param selected  the aliases returned, at least one
 * @param joins     joined classes, in order
 * @param condition the {@code WHERE} condition, or {@code null}
 */
public record ObjectQuery(OqlName className, OqlName alias, List<OqlName> selected, List<Join> joins,
                          OqlExpression condition) implements OqlQuery {

    /** Copies the lists so the query stays immutable. */
    public ObjectQuery {
        Objects.requireNonNull(className);
        Objects.requireNonNull(alias);
        selected = List.copyOf(selected);
        joins = List.copyOf(joins);
    }
}
