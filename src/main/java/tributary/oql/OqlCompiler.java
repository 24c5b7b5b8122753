package tributary.oql;

import java.util.Map;
import java.util.Objects;

/**
 * Entry point of the OQL component: parses, validates and translates an OQL query into one parameterised
 * PostgreSQL statement. No text of the query reaches the SQL: literals and arguments are bound, and
 * identifiers come from the catalog. Instances are immutable and thread-safe (the catalog must be too).
 *
 * <pre>{@code
 * CompiledQuery query = new OqlCompiler(catalog).compile("SELECT Person WHERE org_id = :org", Map.of("org", 3));
 * }</pre>
 */
public final class OqlCompiler {

    private final OqlCatalog catalog;

    /** A compiler for the model described by {@code catalog}. */
    public OqlCompiler(OqlCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog);
    }

    /**
     * Parses, validates and translates {@code oql}.
     *
     * @param arguments values of the {@code :parameters}, keyed by name without the colon (e.g.
     *                  {@code current_contact_id}, {@code current_user->login}); values may be strings, numbers,
     *                  booleans, {@code java.time} dates, {@code null}, or collections (inside {@code IN (...)})
     * @throws OqlException when the query is rejected, including {@link MissingQueryArgumentException}
     */
    public CompiledQuery compile(String oql, Map<String, ?> arguments) {
        return compile(new OqlValidator(catalog).validate(oql), arguments);
    }

    /** Translates a query already validated against the same catalog. */
    public CompiledQuery compile(ValidatedQuery query, Map<String, ?> arguments) {
        if (query.catalog() != catalog) {
            // field resolutions are only meaningful for the model they were checked against
            throw new IllegalArgumentException("The query was validated against another catalog");
        }
        Translation translation = new Translation(new CatalogView(catalog), query,
            arguments == null ? Map.of() : arguments);
        return new QueryTranslator().translate(translation);
    }
}
