package tributary.oql;

import java.util.List;

/**
 * A parameterised SQL statement.
 *
 * @param sql        SQL text with {@code ?} placeholders
 * @param parameters values for the placeholders, in order ({@code String}, {@code Long} or
 *                   {@code BigDecimal}; never {@code null})
 */
public record SqlStatement(String sql, List<Object> parameters) {

    /** Copies the list so the statement stays immutable. */
    public SqlStatement {
        parameters = List.copyOf(parameters);
    }
}
