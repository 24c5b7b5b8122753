package tributary.oql;

import java.util.List;

/**
 * The objects of a class (subclasses included) with the values of some of their fields, as OQL compares them in
 * conditions: {@code SELECT id, v0, v1 … FROM …}, friendly names concatenated and external fields joined. Meant to be
 * joined with many searched values in one statement, where a query per value would scan the table once per value.
 *
 * @param sql        SQL text with {@code ?} placeholders; its columns are {@code id}, then {@code v0}, {@code v1} …
 * @param parameters values of the placeholders, in order
 * @param textual    for each field, whether OQL compares it as text ({@code lower(a) = lower(b)}); other fields are
 *                   compared after MySQL's conversions, which a plain join would not reproduce
 */
public record FieldValuesQuery(String sql, List<Object> parameters, List<Boolean> textual) {

    /** Copies the lists so the query stays immutable. */
    public FieldValuesQuery {
        parameters = List.copyOf(parameters);
        textual = List.copyOf(textual);
    }

    /** Whether every field is compared as text. */
    public boolean allTextual() {
        return textual.stream().allMatch(Boolean::booleanValue);
    }
}
