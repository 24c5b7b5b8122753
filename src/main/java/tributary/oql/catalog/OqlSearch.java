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
import tributary.oql.FieldValuesQuery;
import tributary.oql.OqlCompiler;
import tributary.oql.OqlException;
import tributary.oql.OqlValidator;
import tributary.oql.SelectedAlias;
import tributary.oql.SqlStatement;
import tributary.oql.ValidatedQuery;
import tributary.util.UnicodeText;

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

    /**
     * For each tuple, how many objects of {@code className} satisfy {@code c0 = :v0 AND c1 = :v1 …} ({@code ISNULL(ci)}
     * for a null value) over the fields {@code codes}, computed ones included, and the smallest of their ids. Tuples
     * of text compared with text fields are all searched in one statement, which reads the class's objects once (each
     * field is one array parameter): a query per tuple would read them once per tuple, a friendly name having no index.
     */
    public List<ObjectService.Match> matchAll(String className, List<String> codes, List<List<Object>> searched) {
        // Text is stored in normalization form C: searched so too, whoever the caller.
        List<List<Object>> tuples = searched.stream().map(tuple -> tuple.stream()
                .map(value -> value instanceof String text ? (Object) UnicodeText.nfc(text) : value).toList()).toList();
        FieldValuesQuery values = compiler.fieldValues(className, codes);
        ObjectService.Match[] matches = new ObjectService.Match[tuples.size()];
        List<Integer> joined = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i++) {
            if (values.allTextual() && tuples.get(i).stream().allMatch(String.class::isInstance)) {
                joined.add(i);
            } else {
                matches[i] = matchOne(className, codes, tuples.get(i));
            }
        }
        if (!joined.isEmpty()) {
            jdbi.useHandle(handle -> {
                Query query = handle.createQuery(joinedMatchSql(values, codes.size()));
                for (int c = 0; c < codes.size(); c++) {
                    int column = c;
                    query.bindArray(c, String.class, joined.stream().map(i -> tuples.get(i).get(column)).toList());
                }
                for (int p = 0; p < values.parameters().size(); p++) {
                    query.bind(codes.size() + p, values.parameters().get(p));
                }
                query.map((rs, ctx) -> Map.entry(joined.get(rs.getInt(1) - 1), new ObjectService.Match(rs.getInt(2),
                        rs.getObject(3) == null ? null : rs.getLong(3)))).forEach(found -> matches[found.getKey()] = found.getValue());
            });
        }
        return List.of(matches);
    }

    /** The searched tuples (one array per field) joined with the objects' values as OQL compares text. */
    private static String joinedMatchSql(FieldValuesQuery values, int fields) {
        StringBuilder sql = new StringBuilder("SELECT v.ord, count(q.\"id\"), min(q.\"id\") FROM unnest(");
        StringBuilder columns = new StringBuilder();
        StringBuilder on = new StringBuilder();
        for (int c = 0; c < fields; c++) {
            sql.append(c == 0 ? "" : ", ").append("CAST(? AS text[])");
            columns.append("c").append(c).append(", ");
            on.append(c == 0 ? "" : " AND ").append("lower(q.\"v").append(c).append("\") = lower(v.c").append(c).append(')');
        }
        return sql.append(") WITH ORDINALITY AS v(").append(columns).append("ord) LEFT JOIN (").append(values.sql())
                .append(") q ON ").append(on).append(" GROUP BY v.ord").toString();
    }

    private ObjectService.Match matchOne(String className, List<String> codes, List<Object> tuple) {
        StringBuilder oql = new StringBuilder("SELECT ").append(className).append(" WHERE ");
        Map<String, Object> arguments = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            oql.append(i == 0 ? "" : " AND ");
            if (tuple.get(i) == null) {
                oql.append("ISNULL(").append(codes.get(i)).append(')');
            } else {
                oql.append(codes.get(i)).append(" = :v").append(i);
                arguments.put("v" + i, tuple.get(i));
            }
        }
        CompiledQuery compiled = compile(oql.toString(), arguments, Caller.NOBODY);
        long count = count(compiled);
        Long first = count == 0 ? null : fetch(compiled, 1, 0).get(0).id();
        return new ObjectService.Match((int) Math.min(count, Integer.MAX_VALUE), first);
    }

    /** Convenience for callers that only need ids of the first alias. */
    public List<Long> ids(List<Found> found) {
        List<Long> ids = new ArrayList<>(found.size());
        found.forEach(f -> ids.add(f.id()));
        return ids;
    }
}
