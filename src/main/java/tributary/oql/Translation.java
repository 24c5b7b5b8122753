package tributary.oql;

import java.util.IdentityHashMap;
import java.util.Map;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.ObjectQuery;

/** Statement-wide state of one compilation: model, arguments, resolved fields and generated aliases. */
final class Translation {

    final CatalogView model;
    final ValidatedQuery validated;
    final Map<String, ?> arguments;
    private final Map<ObjectQuery, QueryScope> scopes = new IdentityHashMap<>();
    private int aliasCounter;

    Translation(CatalogView model, ValidatedQuery validated, Map<String, ?> arguments) {
        this.model = model;
        this.validated = validated;
        this.arguments = arguments;
    }

    String newAlias(String prefix) {
        return prefix + aliasCounter++;
    }

    void register(QueryScope scope) {
        scopes.put(scope.query, scope);
    }

    ValidatedQuery.ResolvedField resolved(FieldRef field) {
        return validated.fields().get(field);
    }

    /** SQL alias of the OQL alias a field was resolved to (possibly in an enclosing query). */
    String sqlAlias(ValidatedQuery.ResolvedField field) {
        return scopes.get(field.owner()).sqlAliases.get(field.alias());
    }

    /** {@code "schema"."table"} of a class, from the catalog. */
    String table(String className) {
        return Sql.quote(model.catalog().schema()) + "." + Sql.quote(model.catalog().tableName(className));
    }
}
