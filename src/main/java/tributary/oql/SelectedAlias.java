package tributary.oql;

/**
 * One selected alias of a compiled query and the result columns that carry it. Column labels are
 * positional ({@code s0_id}, {@code s0_class}) because OQL aliases are user text and never enter the SQL.
 *
 * @param alias       the OQL alias
 * @param className   its class (for a union, the closest common ancestor of the members)
 * @param idColumn    label of the column holding the object id ({@code bigint})
 * @param classColumn label of the column holding the object's concrete class ({@code finalclass})
 */
public record SelectedAlias(String alias, String className, String idColumn, String classColumn) {
}
