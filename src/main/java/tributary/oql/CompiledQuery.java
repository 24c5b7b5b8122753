package tributary.oql;

import java.util.ArrayList;
import java.util.List;

/**
 * One parameterised PostgreSQL statement equivalent to an OQL query. It returns, for each selected alias,
 * the object id and concrete class, one row per distinct result, ordered by the selected ids.
 *
 * @param sql         SQL text with {@code ?} placeholders
 * @param parameters  values for the placeholders, in order ({@code String}, {@code Long} or
 *                    {@code BigDecimal}; never {@code null}); every one is written as {@code CAST(? AS type)}
 * @param columns     the selected aliases and their column labels
 * @param resultClass class of the first selected alias (closest common ancestor for a union)
 */
public record CompiledQuery(String sql, List<Object> parameters, List<SelectedAlias> columns, String resultClass) {

    /** Copies the lists so the query stays immutable. */
    public CompiledQuery {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
    }

    /** {@code SELECT count(*)} over the same rows (one column, {@code bigint}). */
    public SqlStatement count() {
        return new SqlStatement("SELECT count(*) FROM (" + sql + ") q", parameters);
    }

    /** The same query restricted to {@code limit} rows after skipping {@code offset}, both bound. */
    public CompiledQuery page(long limit, long offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must be >= 0");
        }
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(limit);
        paged.add(offset);
        return new CompiledQuery(sql + " LIMIT CAST(? AS bigint) OFFSET CAST(? AS bigint)", paged, columns, resultClass);
    }
}
