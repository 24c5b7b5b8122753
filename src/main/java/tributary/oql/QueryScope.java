package tributary.oql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tributary.oql.ast.ObjectQuery;

/**
 * SQL-side state of one {@code SELECT} being translated: the SQL alias of each OQL alias, and the LEFT
 * JOINs (external fields) and recursive CTEs (tree operators) its expressions need. SQL aliases are
 * generated ({@code t0}, {@code x1}, {@code h2}); OQL alias names never reach the SQL text.
 */
final class QueryScope {

    final ObjectQuery query;
    final Map<String, String> sqlAliases = new LinkedHashMap<>();
    final Map<String, String> classes = new LinkedHashMap<>();
    final List<String> leftJoins = new ArrayList<>();
    final List<String> ctes = new ArrayList<>();
    private final Map<String, String> leftJoinAliases = new HashMap<>();
    private final Map<String, String> cteNames = new HashMap<>();

    QueryScope(ObjectQuery query) {
        this.query = query;
    }

    /**
     * The alias of the object that {@code sourceAlias.keyColumn} points to, adding the LEFT JOIN once.
     *
     * @param table quoted schema-qualified table of the key's target class
     */
    String leftJoin(Translation translation, String sourceAlias, String keyColumn, String table) {
        return leftJoinAliases.computeIfAbsent(sourceAlias + "." + keyColumn, unused -> {
            String alias = translation.newAlias("x");
            leftJoins.add(" LEFT JOIN " + table + " " + alias + " ON " + alias + ".\"id\" = " + sourceAlias + "."
                + Sql.quote(keyColumn));
            return alias;
        });
    }

    /**
     * The name of a CTE {@code (ancestor, descendant)} holding the transitive closure of the hierarchical
     * key {@code keyColumn} in {@code table}, every node being its own ancestor. UNION (not UNION ALL) makes
     * the recursion stop even if the data contains a cycle.
     */
    String closure(Translation translation, String table, String keyColumn) {
        return cteNames.computeIfAbsent(table + "." + keyColumn, unused -> {
            String name = translation.newAlias("h");
            ctes.add(name + "(ancestor, descendant) AS (SELECT n.\"id\", n.\"id\" FROM " + table + " n UNION SELECT "
                + name + ".ancestor, n.\"id\" FROM " + table + " n JOIN " + name + " ON n." + Sql.quote(keyColumn)
                + " = " + name + ".descendant)");
            return name;
        });
    }
}
