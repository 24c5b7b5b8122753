package tributary.cmdb;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.util.PGobject;
import org.springframework.stereotype.Component;
import tributary.model.AttributeDef;
import tributary.model.DataModel;
import tributary.store.HistoryTables;
import tributary.store.LockSessions;
import tributary.util.UnicodeText;

/**
 * SQL over the class tables, in bulk: each call is one statement (or one batch) whatever the number of
 * objects. Identifiers come from the validated model only; every value is a bound parameter.
 */
@Component
class ObjectTables {

    /** A row to insert or the columns to update. */
    record Row(long id, String finalClass, Map<String, Object> columns) {
    }

    /** High half of the advisory-lock keys of trees (the reconciliation locks use another). */
    private static final long TREE_LOCK_NAMESPACE = 0x54524545L;

    private final Jdbi jdbi;
    private final DataModel model;

    ObjectTables(Jdbi jdbi, DataModel model) {
        this.jdbi = jdbi;
        this.model = model;
    }

    static String table(String tableName) {
        return "cmdb.\"" + tableName + "\"";
    }

    /** Reserves {@code count} ids of the table's sequence in one statement. */
    List<Long> allocateIds(String tableName, int count) {
        if (count == 0) {
            return List.of();
        }
        // "offset 0" keeps the sequence look-up a subquery evaluated once; flattened, it ran for every id (10x slower).
        return jdbi.withHandle(handle -> handle.createQuery("select nextval(s.sequence) from (select"
                        + " cast(pg_get_serial_sequence(:table, 'id') as regclass) as sequence offset 0) s,"
                        + " generate_series(1, :count)")
                .bind("table", table(tableName))
                .bind("count", count)
                .mapTo(Long.class)
                .list());
    }

    /**
     * Inserts the rows, created in change set {@code creationChange}: the row holds it, which makes the object's
     * creation entry in the history (see {@link HistoryTables}).
     */
    void insert(String tableName, String rootClass, List<Row> rows, long creationChange) {
        Map<String, AttributeDef> columns = model.columnsOfHierarchy(rootClass);
        String creation = ", \"" + HistoryTables.CREATION_COLUMN + "\"";
        for (Map.Entry<List<String>, List<Row>> group : groupByColumns(rows).entrySet()) {
            List<String> names = group.getKey();
            String sql = "insert into " + table(tableName) + " (id, finalclass" + creation
                    + names.stream().map(name -> ", \"" + name + "\"").collect(Collectors.joining())
                    + ") values (:id, :finalclass, :creation"
                    + names.stream().map(name -> ", " + placeholder(columns.get(name), name)).collect(Collectors.joining())
                    + ")";
            if (group.getValue().size() >= CopyIn.THRESHOLD) {
                String copy = "copy " + table(tableName) + " (id, finalclass" + creation
                        + names.stream().map(name -> ", \"" + name + "\"").collect(Collectors.joining()) + ") from stdin";
                jdbi.useHandle(handle -> CopyIn.copy(handle, copy, out -> {
                    for (Row row : group.getValue()) {
                        out.value(row.id()).value(row.finalClass()).value(creationChange);
                        // The group's rows have exactly its columns, in its order: their values come in that order.
                        for (Object value : row.columns().values()) {
                            out.value(value);
                        }
                        out.endRow();
                    }
                }));
                continue;
            }
            jdbi.useHandle(handle -> {
                PreparedBatch batch = handle.prepareBatch(sql);
                for (Row row : group.getValue()) {
                    batch.bind("id", row.id()).bind("finalclass", row.finalClass()).bind("creation", creationChange);
                    bindColumns(batch, names, row.columns(), columns);
                    batch.add();
                }
                batch.execute();
            });
        }
    }

    void update(String tableName, String rootClass, List<Row> rows) {
        Map<String, AttributeDef> columns = model.columnsOfHierarchy(rootClass);
        for (Map.Entry<List<String>, List<Row>> group : groupByColumns(rows).entrySet()) {
            List<String> names = group.getKey();
            if (names.isEmpty()) {
                continue;
            }
            String sql = "update " + table(tableName) + " set "
                    + names.stream().map(name -> "\"" + name + "\" = " + placeholder(columns.get(name), name))
                    .collect(Collectors.joining(", "))
                    + " where id = :id";
            jdbi.useHandle(handle -> {
                PreparedBatch batch = handle.prepareBatch(sql);
                for (Row row : group.getValue()) {
                    batch.bind("id", row.id());
                    bindColumns(batch, names, row.columns(), columns);
                    batch.add();
                }
                batch.execute();
            });
        }
    }

    /**
     * Deletes the rows, storing their objects' creation entries (until now derived from the rows) under the ids they
     * had in the history view, where the deletion entries will follow them.
     */
    void delete(String tableName, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        String creation = "\"" + HistoryTables.CREATION_COLUMN + "\"";
        jdbi.useHandle(handle -> handle.createUpdate("with gone as (delete from " + table(tableName)
                        + " where id = any(:ids) returning id, finalclass, " + creation + ")"
                        + " insert into cmdb." + HistoryTables.STORED_ENTRIES + " (id, \"change\", objclass, objkey, optype)"
                        + " select " + HistoryTables.creationEntryId("g.id", "s.number") + ", g." + creation + ", g.finalclass,"
                        + " g.id, 'create' from gone g join cmdb.creation_entry_source s on s.table_name = :table"
                        + " where g." + creation + " is not null")
                .bindArray("ids", Long.class, ids)
                .bind("table", tableName)
                .execute());
    }

    /** The final class of each of {@code ids} that exists in the table. */
    Map<Long, String> finalClasses(String tableName, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("select id, finalclass from " + table(tableName)
                        + " where id = any(:ids)")
                .bindArray("ids", Long.class, ids)
                .reduceResultSet(new HashMap<Long, String>(), (classes, rs, ctx) -> {
                    classes.put(rs.getLong(1), rs.getString(2));
                    return classes;
                }));
    }

    /** Rows by id, as column → typed value (plus id and finalclass). */
    Map<Long, Map<String, Object>> select(String tableName, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(handle -> {
            Map<Long, Map<String, Object>> result = new LinkedHashMap<>();
            // History entries through the function that finds derived creation entries by their tables' keys.
            String rows = tableName.equals(HistoryTables.ENTRIES_VIEW)
                    ? "cmdb." + HistoryTables.BY_ID_FUNCTION + "(:ids) t" : table(tableName) + " where id = any(:ids)";
            handle.createQuery("select * from " + rows + " order by id")
                    .bindArray("ids", Long.class, ids)
                    .mapToMap()
                    .forEach(row -> result.put(((Number) row.get("id")).longValue(), normalise(row)));
            return result;
        });
    }

    /**
     * Ids of the objects of {@code classes} whose columns equal the given values (text compared
     * case-insensitively, null matching NULL), at most {@code limit} of them, by id.
     */
    List<Long> findIds(String tableName, Collection<String> classes, Map<AttributeDef, Object> criteria, int limit) {
        StringBuilder sql = new StringBuilder("select id from ").append(table(tableName))
                .append(" where finalclass = any(:classes)");
        Map<String, Object> binds = new HashMap<>();
        int index = 0;
        for (Map.Entry<AttributeDef, Object> criterion : criteria.entrySet()) {
            AttributeDef att = criterion.getKey();
            String column = "\"" + att.column() + "\"";
            String param = "p" + index++;
            if (criterion.getValue() == null) {
                sql.append(" and ").append(column).append(" is null");
            } else if (att.type().isText()) {
                sql.append(" and lower(").append(column).append(") = lower(:").append(param).append(")");
                binds.put(param, criterion.getValue().toString());
            } else {
                sql.append(" and ").append(column).append(" = ").append(placeholder(att, param));
                binds.put(param, criterion.getValue());
            }
        }
        sql.append(" order by id limit :limit");
        return jdbi.withHandle(handle -> {
            var query = handle.createQuery(sql.toString())
                    .bindArray("classes", String.class, classes)
                    .bind("limit", limit);
            binds.forEach(query::bind);
            return query.mapTo(Long.class).list();
        });
    }

    /** Ids (and final classes) of the objects of {@code classes} whose key column holds one of {@code targets}. */
    List<Map.Entry<Long, String>> referencing(String tableName, Collection<String> classes, String keyColumn,
                                             Collection<Long> targets) {
        if (targets.isEmpty() || classes.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("select id, finalclass from " + table(tableName)
                        + " where finalclass = any(:classes) and \"" + keyColumn + "\" = any(:targets) order by id")
                .bindArray("classes", String.class, classes)
                .bindArray("targets", Long.class, targets)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list());
    }

    /** Rows (as {@link #select}) of the objects of {@code classes} whose key column holds one of {@code targets}. */
    Map<Long, Map<String, Object>> selectReferencing(String tableName, Collection<String> classes, String keyColumn,
                                                     Collection<Long> targets) {
        if (targets.isEmpty() || classes.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(handle -> {
            Map<Long, Map<String, Object>> result = new LinkedHashMap<>();
            handle.createQuery("select * from " + table(tableName) + " where finalclass = any(:classes) and \"" + keyColumn
                            + "\" = any(:targets) order by id")
                    .bindArray("classes", String.class, classes)
                    .bindArray("targets", Long.class, targets)
                    .mapToMap()
                    .forEach(row -> result.put(((Number) row.get("id")).longValue(), normalise(row)));
            return result;
        });
    }

    /**
     * Ids among {@code ids} that exist in the table with one of {@code classes} as final class, key-share locked until
     * the transaction ends: a deletion waits for the writer referring to them to commit, and then sees its references
     * (an object deleted meanwhile is not returned, as the lock finds it gone).
     */
    List<Long> existing(String tableName, Collection<String> classes, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(handle -> handle.createQuery("select id from " + table(tableName)
                        + " where id = any(:ids) and finalclass = any(:classes) order by id for key share")
                .bindArray("ids", Long.class, ids)
                .bindArray("classes", String.class, classes)
                .mapTo(Long.class)
                .list());
    }

    /**
     * Locks the rows for update until the transaction ends (a deletion, before it plans: writers that refer to them
     * finish first, and those that come later wait and then find them gone).
     */
    void lockForUpdate(String tableName, Collection<Long> ids) {
        lock(tableName, ids, "for update");
    }

    /**
     * Locks the rows as an update of their attributes does, until the transaction ends (a writer, before it reads the
     * objects it updates): a deletion waits for it, or it for the deletion; objects referring to them may still be
     * written meanwhile.
     */
    void lockForNoKeyUpdate(String tableName, Collection<Long> ids) {
        lock(tableName, ids, "for no key update");
    }

    /** In id order, so that two writers locking overlapping rows cannot each hold one the other waits for. */
    private void lock(String tableName, Collection<Long> ids, String strength) {
        if (ids.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> handle.createQuery("select id from " + table(tableName)
                        + " where id = any(:ids) order by id " + strength)
                .bindArray("ids", Long.class, ids)
                .mapTo(Long.class)
                .list());
    }

    /** Serialises, until the transaction ends, the writers that move objects within the tree of {@code column}. */
    void lockTree(String tableName, String column) {
        long key = LockSessions.key(TREE_LOCK_NAMESPACE, tableName + "." + column);
        jdbi.useHandle(handle -> handle.createQuery("select pg_advisory_xact_lock(:key) is null")
                .bind("key", key).mapTo(Boolean.class).one());
    }

    /**
     * Each object on the way up a tree from {@code starts} (themselves included) with its parent in {@code column}
     * (null at a root). Ends on a loop already stored, as each object is listed once.
     */
    Map<Long, Long> parentsUpFrom(String tableName, String column, Collection<Long> starts) {
        if (starts.isEmpty()) {
            return Map.of();
        }
        String table = table(tableName);
        String parent = "\"" + column + "\"";
        return jdbi.withHandle(handle -> handle.createQuery("with recursive up (id, parent) as (select id, " + parent
                        + " from " + table + " where id = any(:starts) union select t.id, t." + parent + " from " + table
                        + " t join up on t.id = up.parent) select id, parent from up")
                .bindArray("starts", Long.class, starts)
                .reduceResultSet(new HashMap<Long, Long>(), (parents, rs, ctx) -> {
                    parents.put(rs.getLong(1), rs.getObject(2, Long.class));
                    return parents;
                }));
    }

    /** Values among {@code values} already used in a unique text column (lower-cased), excluding {@code exceptIds}. */
    List<String> usedValues(String tableName, String column, Collection<String> values, Collection<Long> exceptIds) {
        return jdbi.withHandle(handle -> handle.createQuery("select lower(\"" + column + "\") from " + table(tableName)
                        + " where lower(\"" + column + "\") = any(:values) and not (id = any(:except))")
                .bindArray("values", String.class, values.stream().map(UnicodeText::lower).toList())
                .bindArray("except", Long.class, exceptIds)
                .mapTo(String.class)
                .list());
    }

    private static Map<List<String>, List<Row>> groupByColumns(List<Row> rows) {
        Map<List<String>, List<Row>> groups = new LinkedHashMap<>();
        List<String> lastColumns = null;
        Set<String> lastNames = null;
        List<Row> lastGroup = null;
        for (Row row : rows) {
            // Consecutive rows mostly have the same columns (all of a class's, when created): compare before copying;
            // new objects of one class share one set of column names (StoredColumns), which needs no comparing.
            Set<String> names = row.columns().keySet();
            if (names != lastNames && (lastColumns == null || !sameInOrder(names, lastColumns))) {
                lastColumns = List.copyOf(names);
                lastGroup = groups.computeIfAbsent(lastColumns, k -> new ArrayList<>());
            }
            lastNames = names;
            lastGroup.add(row);
        }
        return groups;
    }

    private static boolean sameInOrder(Collection<String> names, List<String> expected) {
        if (names.size() != expected.size()) {
            return false;
        }
        int i = 0;
        for (String name : names) {
            if (!name.equals(expected.get(i++))) {
                return false;
            }
        }
        return true;
    }

    private static String placeholder(AttributeDef att, String param) {
        return "cast(:" + param + " as " + att.type().sqlType() + ")";
    }

    /** Binds each column with one Java type whatever the row, as a prepared batch requires. */
    private static void bindColumns(PreparedBatch batch, List<String> names, Map<String, Object> values,
                                    Map<String, AttributeDef> columns) {
        for (String name : names) {
            Object value = values.get(name);
            if (value instanceof CaseLog log) {
                value = CaseLogJson.write(log);
            }
            batch.bindByType(name, value, javaType(columns.get(name)));
        }
    }

    private static Class<?> javaType(AttributeDef att) {
        return switch (att.type().sqlType()) {
            case "bigint" -> Long.class;
            case "numeric" -> BigDecimal.class;
            case "boolean" -> Boolean.class;
            case "date" -> java.time.LocalDate.class;
            case "timestamp" -> java.time.LocalDateTime.class;
            default -> String.class;
        };
    }

    private Map<String, Object> normalise(Map<String, Object> row) {
        Map<String, Object> result = new LinkedHashMap<>(row.size());
        row.forEach((column, value) -> result.put(column, normaliseValue(value)));
        return result;
    }

    private static Object normaliseValue(Object value) {
        if (value instanceof Timestamp ts) {
            return ts.toLocalDateTime().withNano(0);
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof PGobject json) {
            return CaseLogJson.read(json.getValue());
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        return value;
    }


    /** Per-tuple outcome of {@link #matchTuples}: how many objects match, and the smallest matching id. */
    record TupleMatch(int count, Long firstId) {
    }

    /** Per-tuple outcome of {@link #matchRows}: how many objects match, and the row of the smallest id (null if none). */
    record RowMatch(int count, FirstRow firstRow) {
    }

    /** The row of a {@link RowMatch}: id, final class and the selected columns' values, in their order. */
    record FirstRow(long id, String finalClass, Object[] values) {
    }

    /**
     * For each tuple of values, how many objects of {@code classes} have exactly these values in {@code columns}
     * (text compared case-insensitively; a null value matches NULL; a null attribute means the {@code id} column).
     * One statement per distinct pattern of null values, joining the table with the unnested tuples.
     */
    List<TupleMatch> matchTuples(String tableName, Collection<String> classes, List<AttributeDef> columns,
                                 List<List<Object>> tuples) {
        TupleMatch[] result = new TupleMatch[tuples.size()];
        byNullPattern(tuples).forEach((pattern, indexes) -> jdbi.useHandle(handle -> {
            String where = matchCondition(columns, pattern);
            if (!pattern.contains(false)) {
                var row = handle.createQuery("select count(*), min(o.id) from " + table(tableName) + " o where " + where)
                        .bindArray("classes", String.class, classes)
                        .map((rs, ctx) -> new TupleMatch(rs.getInt(1), rs.getObject(2) == null ? null : rs.getLong(2)))
                        .one();
                indexes.forEach(i -> result[i] = row);
                return;
            }
            String sql = "select t.ord, count(o.id), min(o.id) from " + unnested(columns, pattern) + " join "
                    + table(tableName) + " o on " + where + " group by t.ord";
            var query = handle.createQuery(sql).bindArray("classes", String.class, classes);
            bindTuples(query, columns, pattern, tuples, indexes);
            query.map((rs, ctx) -> Map.entry(rs.getInt(1), new TupleMatch(rs.getInt(2), rs.getLong(3))))
                    .forEach(entry -> result[indexes.get(entry.getKey() - 1)] = entry.getValue());
        }));
        List<TupleMatch> list = new ArrayList<>(tuples.size());
        for (TupleMatch match : result) {
            list.add(match == null ? new TupleMatch(0, null) : match);
        }
        return list;
    }

    /**
     * {@link #matchTuples} that also returns, for each tuple, the row of its smallest matching id, reduced to
     * {@code id}, {@code finalclass} and {@code selected} columns (typed as {@link #select} types them): reconciling
     * and loading the objects to compare in one statement per null pattern. Rows of every match come back, so it is
     * meant for keys that match at most one object in the common case.
     */
    List<RowMatch> matchRows(String tableName, Collection<String> classes, List<AttributeDef> columns,
                             List<List<Object>> tuples, Collection<String> selected) {
        RowMatch[] result = new RowMatch[tuples.size()];
        int columnCount = selected.size();
        String selectList = "o.id, o.finalclass" + selected.stream().map(c -> ", o.\"" + c + "\"").collect(Collectors.joining());
        byNullPattern(tuples).forEach((pattern, indexes) -> jdbi.useHandle(handle -> {
            String where = matchCondition(columns, pattern);
            boolean constant = !pattern.contains(false);
            String sql = constant
                    ? "select 1, " + selectList + " from " + table(tableName) + " o where " + where
                    : "select t.ord, " + selectList + " from " + unnested(columns, pattern) + " join " + table(tableName)
                    + " o on " + where;
            var query = handle.createQuery(sql).bindArray("classes", String.class, classes);
            if (!constant) {
                bindTuples(query, columns, pattern, tuples, indexes);
            }
            Map<Integer, RowMatch> byOrdinal = new HashMap<>();
            query.map((rs, ctx) -> {
                int ordinal = rs.getInt(1);
                long id = rs.getLong(2);
                RowMatch previous = byOrdinal.get(ordinal);
                if (previous != null && previous.firstRow().id() < id) {
                    byOrdinal.put(ordinal, new RowMatch(previous.count() + 1, previous.firstRow()));
                    return ordinal;
                }
                Object[] values = new Object[columnCount];
                for (int c = 0; c < columnCount; c++) {
                    values[c] = normaliseValue(rs.getObject(c + 4));
                }
                byOrdinal.put(ordinal, new RowMatch(previous == null ? 1 : previous.count() + 1,
                        new FirstRow(id, sameInstance(classes, rs.getString(3)), values)));
                return ordinal;
            }).forEach(ordinal -> { });
            if (constant) {
                RowMatch match = byOrdinal.get(1);
                indexes.forEach(i -> result[i] = match);
            } else {
                byOrdinal.forEach((ordinal, match) -> result[indexes.get(ordinal - 1)] = match);
            }
        }));
        List<RowMatch> list = new ArrayList<>(tuples.size());
        for (RowMatch match : result) {
            list.add(match == null ? new RowMatch(0, null) : match);
        }
        return list;
    }

    /**
     * The name among {@code classes} equal to {@code name}: the model's own string, whose hash is computed already and
     * which map look-ups by class name find by identity (a bulk import looks up thousands of objects' classes).
     */
    private static String sameInstance(Collection<String> classes, String name) {
        for (String candidate : classes) {
            if (candidate.equals(name)) {
                return candidate;
            }
        }
        return name;
    }

    /** Indexes of the tuples by pattern of null values (true: null). */
    private static Map<List<Boolean>, List<Integer>> byNullPattern(List<List<Object>> tuples) {
        Map<List<Boolean>, List<Integer>> byNullPattern = new LinkedHashMap<>();
        for (int i = 0; i < tuples.size(); i++) {
            List<Boolean> pattern = new ArrayList<>();
            for (Object value : tuples.get(i)) {
                pattern.add(value == null);
            }
            byNullPattern.computeIfAbsent(pattern, p -> new ArrayList<>()).add(i);
        }
        return byNullPattern;
    }

    /** The join condition of the table {@code o} with the unnested tuples {@code t.v<c>}. */
    private static String matchCondition(List<AttributeDef> columns, List<Boolean> pattern) {
        StringBuilder where = new StringBuilder("o.finalclass = any(:classes)");
        for (int c = 0; c < columns.size(); c++) {
            AttributeDef att = columns.get(c);
            String column = att == null ? "o.id" : "o.\"" + att.column() + "\"";
            if (pattern.get(c)) {
                where.append(" and ").append(column).append(" is null");
                continue;
            }
            String cell = "t.v" + c;
            if (att != null && att.type().isText()) {
                where.append(" and lower(").append(column).append(") = lower(").append(cell).append(")");
            } else {
                String sqlType = att == null ? "bigint" : att.type().sqlType();
                where.append(" and ").append(column).append(" = cast(").append(cell).append(" as ").append(sqlType)
                        .append(")");
            }
        }
        return where.toString();
    }

    /** {@code unnest(:v0, :v1…) with ordinality as t(v0, v1…, ord)} over the non-null columns of the pattern. */
    private static String unnested(List<AttributeDef> columns, List<Boolean> pattern) {
        List<String> arrays = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (!pattern.get(c)) {
                arrays.add("cast(:v" + c + " as text[])");
                aliases.add("v" + c);
            }
        }
        return "unnest(" + String.join(", ", arrays) + ") with ordinality as t(" + String.join(", ", aliases) + ", ord)";
    }

    private static void bindTuples(org.jdbi.v3.core.statement.Query query, List<AttributeDef> columns,
                                   List<Boolean> pattern, List<List<Object>> tuples, List<Integer> indexes) {
        for (int c = 0; c < columns.size(); c++) {
            if (pattern.get(c)) {
                continue;
            }
            List<String> values = new ArrayList<>(indexes.size());
            for (int i : indexes) {
                values.add(ValueConverter.toText(tuples.get(i).get(c)));
            }
            query.bindArray("v" + c, String.class, values);
        }
    }

    /**
     * Refreshes the planner statistics of a class table from a sample of {@code sampleTarget} × 300 rows (PostgreSQL's
     * {@code default_statistics_target}, 100 unless configured otherwise, for this ANALYZE only).
     */
    void analyze(String tableName, int sampleTarget) {
        jdbi.useHandle(handle -> handle.useTransaction(h -> {
            h.execute("set local default_statistics_target = " + sampleTarget);
            h.execute("analyze " + table(tableName));
        }));
    }

    /** {@code pg_class.reltuples}: what the last VACUUM or ANALYZE counted (-1, read as 0, when none ran yet). */
    long estimatedRowCount(String tableName) {
        return jdbi.withHandle(handle -> handle.createQuery("select greatest(reltuples, 0)::bigint from pg_class"
                        + " where oid = cast(:table as regclass)")
                .bind("table", table(tableName)).mapTo(Long.class).one());
    }
}
