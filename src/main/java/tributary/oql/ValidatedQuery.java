package tributary.oql;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlQuery;

/**
 * A query that passed semantic validation against a catalog, with every field resolved to its alias and
 * attribute. Produced by {@link OqlValidator}; consumed by {@link OqlCompiler}.
 */
public final class ValidatedQuery {

    /**
     * Where a field of the query points.
     *
     * @param owner     the (sub-)query that declares the alias
     * @param alias     the alias
     * @param className the alias's class
     * @param field     the filter code on that class
     */
    record ResolvedField(ObjectQuery owner, String alias, String className, CatalogView.Field field) {
    }

    private final String source;
    private final OqlQuery query;
    private final String resultClass;
    private final List<String> selectedClasses;
    private final List<String> parameterNames;
    private final IdentityHashMap<FieldRef, ResolvedField> fields;
    private final OqlCatalog catalog;

    ValidatedQuery(String source, OqlQuery query, List<String> selectedClasses, List<String> parameterNames,
                   IdentityHashMap<FieldRef, ResolvedField> fields, OqlCatalog catalog) {
        this.source = source;
        this.query = query;
        this.resultClass = selectedClasses.get(0);
        this.selectedClasses = List.copyOf(selectedClasses);
        this.parameterNames = List.copyOf(parameterNames);
        this.fields = fields;
        this.catalog = catalog;
    }

    /** The OQL text as given. */
    public String source() {
        return source;
    }

    /** The parsed query. */
    public OqlQuery query() {
        return query;
    }

    /** Class of the objects returned (first selected alias; closest common ancestor for a union). */
    public String resultClass() {
        return resultClass;
    }

    /** Class of each selected alias, in SELECT order (closest common ancestors for a union). */
    public List<String> selectedClasses() {
        return selectedClasses;
    }

    /** Names of the {@code :parameters} used, without the colon, distinct, in order of appearance. */
    public List<String> parameterNames() {
        return parameterNames;
    }

    Map<FieldRef, ResolvedField> fields() {
        return fields;
    }

    OqlCatalog catalog() {
        return catalog;
    }
}
