package tributary.oql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A translated SQL fragment with its JDBC parameters, in the order of their {@code ?}. Fragments are only
 * combined through {@link #of}, so text and parameters never get out of step. Raw strings passed to
 * {@link #of} come from this package (operators, catalog identifiers quoted by {@link #quote}), never from
 * query text.
 *
 * @param text       SQL text
 * @param parameters values for its placeholders
 * @param type       result type
 * @param literal    the Java value when the fragment is a single bound literal ({@code String},
 *                   {@code BigDecimal} or {@code Long}), otherwise {@code null}
 */
record Sql(String text, List<Object> parameters, SqlType type, Object literal) {

    static final Sql NULL = new Sql("NULL", List.of(), SqlType.NULL, null);

    Sql {
        parameters = Collections.unmodifiableList(parameters);
    }

    /** Concatenates raw SQL strings and fragments into a fragment of the given type. */
    static Sql of(SqlType type, Object... pieces) {
        StringBuilder text = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece instanceof Sql fragment) {
                text.append(fragment.text);
                parameters.addAll(fragment.parameters);
            } else {
                text.append((String) piece);
            }
        }
        return new Sql(text.toString(), parameters, type, null);
    }

    /** Joins fragments with a raw separator. */
    static Sql join(SqlType type, String separator, List<Sql> fragments) {
        List<Object> pieces = new ArrayList<>();
        for (int i = 0; i < fragments.size(); i++) {
            if (i > 0) {
                pieces.add(separator);
            }
            pieces.add(fragments.get(i));
        }
        return of(type, pieces.toArray());
    }

    static Sql text(String value) {
        return new Sql("CAST(? AS text)", List.of(value), SqlType.TEXT, value);
    }

    static Sql number(BigDecimal value) {
        BigDecimal normalized = value.stripTrailingZeros();
        if (normalized.scale() <= 0 && normalized.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            long integer = normalized.longValueExact();
            return new Sql("CAST(? AS bigint)", List.of(integer), SqlType.INTEGER, integer);
        }
        return new Sql("CAST(? AS numeric)", List.of(value), SqlType.DECIMAL, value);
    }

    static Sql number(BigInteger value) {
        return number(new BigDecimal(value));
    }

    /** A constant written by this package (never user text). */
    static Sql raw(String text, SqlType type) {
        return new Sql(text, List.of(), type, null);
    }

    boolean isLiteral() {
        return literal != null;
    }

    Sql withType(SqlType newType) {
        return new Sql(text, parameters, newType, literal);
    }

    /** Quotes an identifier taken from the catalog. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
