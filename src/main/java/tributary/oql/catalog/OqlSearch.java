package tributary.oql.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.springframework.stereotype.Service;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.ObjectService;
import tributary.oql.CompiledQuery;
import tributary.oql.OqlCompiler;
import tributary.oql.OqlException;
import tributary.oql.OqlValidator;
import tributary.oql.SelectedAlias;
import tributary.oql.SqlStatement;
import tributary.oql.ValidatedQuery;

/**
 * Runs OQL queries on the CMDB: validation against the data model, binding of the magic parameters
 * ({@code :current_contact_id}, {@code :current_user->attcode}, {@code :current_contact->attcode}) from the
 * caller, translation to one parameterised statement, then counting or fetching the matching object ids.
 */
@Service
public class OqlSearch {

    private static final String CURRENT_USER = "current_user->";
    private static final String CURRENT_CONTACT = "current_contact->";

    /** Who runs the query: binds the magic parameters. Either id may be null. */
    public record Caller(Long userId, Long contactId) {
        public static final Caller NOBODY = new Caller(null, null);
    }

    /** One object found: its concrete class and id. */
    public record Found(String className, long id) {
    }

    private final DataModelCatalog catalog;
    private final OqlCompiler compiler;
    private final Jdbi jdbi;
    private final ObjectService objects;

    public OqlSearch(DataModelCatalog catalog, Jdbi jdbi, ObjectService objects) {
        this.catalog = catalog;
        this.compiler = new OqlCompiler(catalog);
        this.jdbi = jdbi;
        this.objects = objects;
    }

    /**
     * Parses, validates and translates {@code oql}; {@code arguments} bind its ordinary parameters, the caller its
     * magic ones.
     *
     * @throws OqlException when the query is rejected
     */
    public CompiledQuery compile(String oql, Map<String, ?> arguments, Caller caller) {
        ValidatedQuery validated = new OqlValidator(catalog).validate(oql);
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : validated.parameterNames()) {
            magicValue(name, caller).ifPresent(value -> all.put(name, value.orElse(null)));
        }
        if (arguments != null) {
            all.putAll(arguments);
        }
        return compiler.compile(validated, all);
    }

    /** Number of objects (rows of distinct selected objects) the query returns. */
    public long count(CompiledQuery query) {
        SqlStatement count = query.count();
        return jdbi.withHandle(handle -> bind(handle.createQuery(count.sql()), count.parameters())
                .mapTo(Long.class).one());
    }

    /**
     * The objects of the first selected alias, in id order, {@code limit} of them (0 = all) after skipping
     * {@code offset}.
     */
    public List<Found> fetch(CompiledQuery query, long limit, long offset) {
        CompiledQuery paged = limit > 0 || offset > 0 ? query.page(limit > 0 ? limit : Long.MAX_VALUE, offset) : query;
        SelectedAlias first = query.columns().get(0);
        return jdbi.withHandle(handle -> bind(handle.createQuery(paged.sql()), paged.parameters())
                .map((rs, ctx) -> new Found(rs.getString(first.classColumn()), rs.getLong(first.idColumn())))
                .list());
    }

    private static Query bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.bind(i, parameters.get(i));
        }
        return query;
    }

    /**
     * The value of a magic parameter (present, possibly empty), or nothing when {@code name} is not magic. An
     * unknown attribute of the user or contact leaves the parameter unbound, hence "Missing query argument".
     */
    private Optional<Optional<Object>> magicValue(String name, Caller caller) {
        if (name.equals("current_contact_id")) {
            return Optional.of(Optional.of(caller.contactId() == null ? 0L : caller.contactId()));
        }
        if (name.startsWith(CURRENT_USER)) {
            return attributeOf("User", caller.userId(), name.substring(CURRENT_USER.length()));
        }
        if (name.startsWith(CURRENT_CONTACT)) {
            return attributeOf("Person", caller.contactId(), name.substring(CURRENT_CONTACT.length()));
        }
        return Optional.empty();
    }

    private Optional<Optional<Object>> attributeOf(String className, Long id, String attribute) {
        if (attribute.equals("id")) {
            return Optional.of(Optional.of(id == null ? 0L : id));
        }
        Optional<CmdbObject> object = id == null ? Optional.empty() : objects.getAll(className, List.of(id), false)
                .stream().findFirst();
        if (object.isEmpty()) {
            return catalog.attributes(className).stream().anyMatch(a -> a.code().equals(attribute))
                    ? Optional.of(Optional.empty()) : Optional.empty();
        }
        if (!object.get().values().containsKey(attribute)
                || catalog.attributes(object.get().className()).stream().noneMatch(a -> a.code().equals(attribute))) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(argument(object.get().get(attribute))));
    }

    private static Object argument(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.time.temporal.Temporal ? value : value == null ? null : value.toString();
    }

    /** Convenience for callers that only need ids of the first alias. */
    public List<Long> ids(List<Found> found) {
        List<Long> ids = new ArrayList<>(found.size());
        found.forEach(f -> ids.add(f.id()));
        return ids;
    }
}
