package tributary.oql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tributary.oql.ast.BinaryExpression;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlExpression;

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

    /**
     * The objects of {@code className} with the values of the fields {@code codes} (attribute codes of that class,
     * computed ones included), see {@link FieldValuesQuery}.
     *
     * @throws OqlException when a code is not a field of the class
     */
    public FieldValuesQuery fieldValues(String className, List<String> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("No field to read");
        }
        // Validated as a query naming each field once, so that the fields resolve exactly as in any condition.
        String oql = "SELECT " + className + " WHERE " + codes.stream().map(code -> "ISNULL(" + code + ")")
            .collect(Collectors.joining(" AND "));
        ValidatedQuery validated = new OqlValidator(catalog).validate(oql);
        List<FieldRef> fields = new ArrayList<>();
        collectFields(((ObjectQuery) validated.query()).condition(), fields);
        Translation translation = new Translation(new CatalogView(catalog), validated, Map.of());
        return new QueryTranslator().fieldValues(translation, fields);
    }

    private static void collectFields(OqlExpression expression, List<FieldRef> fields) {
        if (expression instanceof FieldRef field) {
            fields.add(field);
        } else if (expression instanceof FunctionCall call) {
            call.arguments().forEach(argument -> collectFields(argument, fields));
        } else if (expression instanceof BinaryExpression binary) {
            collectFields(binary.left(), fields);
            collectFields(binary.right(), fields);
        }
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
