package tributary.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;

/**
 * Brings the class tables in line with the data model: one table per class hierarchy ({@code cmdb."<root>"})
 * with {@code id}, {@code finalclass} and one column per stored attribute. Additive changes (new classes,
 * new attributes) are applied; destructive ones (a column or table that the model no longer declares, a
 * changed column type) are refused before anything is altered.
 */
final class ModelSchema {

    private final DataModel model;

    ModelSchema(DataModel model) {
        this.model = model;
    }

    /**
     * How tables are laid out beyond the model's columns, in a version bumped whenever that changes, so that the
     * model migration runs again on existing databases (2: final-class indexes are block-range indexes; 3: creation
     * entries are derived from the class tables' creation_change column).
     */
    private static final int LAYOUT_RULES = 3;

    /** A text that changes exactly when the tables the model needs change. */
    static String layoutSignature(DataModel model) {
        StringBuilder signature = new StringBuilder("layout rules " + LAYOUT_RULES + "\n");
        for (String root : model.rootClasses()) {
            signature.append(model.tableOf(root)).append('(');
            model.columnsOfHierarchy(root).forEach((column, att) -> signature.append(column).append(' ')
                    .append(att.type().sqlType()).append(att.unique() ? " unique" : "")
                    .append(isIndexed(model, att) ? " indexed" : "").append(','));
            signature.append(")\n");
        }
        return signature.toString();
    }

    void apply(Connection connection) throws SQLException {
        Map<String, Map<String, String>> registered = registeredColumns(connection);
        List<String> problems = destructiveChanges(registered);
        if (!problems.isEmpty()) {
            throw new ModelChangeRefusedException(problems);
        }
        try (Statement statement = connection.createStatement()) {
            List<String> creationSources = new ArrayList<>();
            for (String root : model.rootClasses()) {
                String table = model.tableOf(root);
                // The model's history table is a view (see HistoryTables); its columns live in the stored entries.
                String storage = table.equals(HistoryTables.ENTRIES_VIEW) ? HistoryTables.STORED_ENTRIES : table;
                statement.execute("create table if not exists cmdb." + quote(storage)
                        + " (id bigserial primary key, finalclass text not null)");
                if (!model.cls(root).readOnly()) {
                    // History (read-only hierarchies) is read by object or by change set, never by final class; its
                    // tables get a row per created object and changed attribute, each index a cost on bulk loads.
                    finalClassIndex(connection, statement, table);
                    creationColumn(statement, table);
                    creationSources.add(table);
                }
                Map<String, String> known = registered.getOrDefault(table, Map.of());
                for (Map.Entry<String, AttributeDef> entry : model.columnsOfHierarchy(root).entrySet()) {
                    AttributeDef att = entry.getValue();
                    String column = entry.getKey();
                    if (!known.containsKey(column)) {
                        statement.execute("alter table cmdb." + quote(storage) + " add column if not exists "
                                + quote(column) + " " + att.type().sqlType());
                        register(connection, table, column, att);
                    }
                    createIndexes(statement, table, storage, column, att);
                }
            }
            entriesView(statement, numberCreationSources(connection, creationSources));
        }
    }

    /**
     * The column that holds the change set that created each object (its creation entry in the history view), with a
     * block-range index: objects are created in runs of one change set, so the index finds a change set's creations
     * while an insert costs it next to nothing.
     */
    private static void creationColumn(Statement statement, String table) throws SQLException {
        String column = HistoryTables.CREATION_COLUMN;
        statement.execute("alter table cmdb." + quote(table) + " add column if not exists " + quote(column) + " bigint");
        statement.execute("create index if not exists " + quote(table + "_" + column) + " on cmdb." + quote(table)
                + " using brin (" + quote(column) + ")");
    }

    /** Gives each table its number in creation entry ids, once and for good; the tables' numbers, by table. */
    private static Map<String, Integer> numberCreationSources(Connection connection, List<String> tables)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into cmdb.creation_entry_source"
                + " (table_name, number) select ?, coalesce(max(number), 0) + 1 from cmdb.creation_entry_source"
                + " on conflict (table_name) do nothing");
             PreparedStatement select = connection.prepareStatement(
                     "select table_name, number from cmdb.creation_entry_source")) {
            for (String table : tables) {
                insert.setString(1, table);
                insert.executeUpdate();
            }
            Map<String, Integer> numbers = new TreeMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (tables.contains(rs.getString(1))) {
                        numbers.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return numbers;
        }
    }

    /**
     * The model's history table {@code cmdb.change_op}: the stored entries, and one creation entry per object row that
     * has a creation change set; and {@code cmdb.change_op_by_id(ids)}, the same rows by id, where each derived id is
     * decoded into its table and object id so that primary keys find them (a filter on the view's computed ids would
     * read every class table).
     */
    private void entriesView(Statement statement, Map<String, Integer> sources) throws SQLException {
        String root = model.rootClasses().stream()
                .filter(r -> model.tableOf(r).equals(HistoryTables.ENTRIES_VIEW)).findFirst().orElse(null);
        if (root == null) {
            return;
        }
        Map<String, AttributeDef> columns = model.columnsOfHierarchy(root);
        String stored = "select id, finalclass, " + String.join(", ", columns.keySet().stream().map(ModelSchema::quote).toList())
                + ", optype from cmdb." + quote(HistoryTables.STORED_ENTRIES);
        List<String> view = new ArrayList<>(List.of(stored));
        List<String> byId = new ArrayList<>(List.of(stored + " where id = any(ids)"));
        for (Map.Entry<String, Integer> source : sources.entrySet()) {
            StringBuilder select = new StringBuilder("select "
                    + HistoryTables.creationEntryId("t.id", source.getValue().toString()) + ", 'CMDBChangeOpCreate'::text");
            for (String column : columns.keySet()) {
                select.append(", ").append(switch (column) {
                    case "change" -> "t." + quote(HistoryTables.CREATION_COLUMN);
                    case "objclass" -> "t.finalclass";
                    case "objkey" -> "t.id";
                    default -> "null::" + columns.get(column).type().sqlType();
                });
            }
            select.append(", 'create'::text from cmdb.").append(quote(source.getKey()))
                    .append(" t where t.").append(quote(HistoryTables.CREATION_COLUMN)).append(" is not null");
            view.add(select.toString());
            byId.add(select + " and t.id = any(array(select -x / " + HistoryTables.ID_FACTOR + " from unnest(ids) x"
                    + " where x < 0 and -x % " + HistoryTables.ID_FACTOR + " = " + source.getValue() + "))");
        }
        String name = "cmdb." + quote(HistoryTables.ENTRIES_VIEW);
        statement.execute("drop view if exists " + name + " cascade");
        statement.execute("create view " + name + " as " + String.join("\nunion all ", view));
        statement.execute("create function cmdb." + quote(HistoryTables.BY_ID_FUNCTION) + "(ids bigint[]) returns setof "
                + name + " language sql stable as $$ " + String.join("\nunion all ", byId) + " $$");
    }

    /**
     * A block-range (BRIN) index on the final class: a class's objects mostly come in runs (a bulk load writes
     * thousands of Persons in a row), so "SELECT Team" skips the ranges of Persons alone, while an insert costs the
     * index next to nothing. The B-tree it replaces cost about 2 s of a 1,000,000-Person import of 20 s, for a column
     * of a few distinct values. Older databases get theirs replaced.
     */
    private static void finalClassIndex(Connection connection, Statement statement, String table) throws SQLException {
        String name = table + "_finalclass";
        try (PreparedStatement query = connection.prepareStatement(
                "select indexdef from pg_indexes where schemaname = 'cmdb' and indexname = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next() && rs.getString(1).contains("USING brin")) {
                    return;
                }
            }
        }
        statement.execute("drop index if exists cmdb." + quote(name));
        statement.execute("create index " + quote(name) + " on cmdb." + quote(table) + " using brin (finalclass)");
    }

    private void createIndexes(Statement statement, String table, String storage, String column, AttributeDef att)
            throws SQLException {
        String target = "cmdb." + quote(storage);
        String expression = att.type().isText() ? "(lower(" + quote(column) + "))" : "(" + quote(column) + ")";
        if (att.unique()) {
            statement.execute("create unique index if not exists " + quote(table + "_" + column + "_unique")
                    + " on " + target + " " + expression);
        } else if (isIndexed(model, att)) {
            // An optional external key is empty in most rows: index only the rows that point somewhere, which is all
            // that key look-ups and deletion plans search (a smaller index, cheaper to maintain on bulk loads).
            String rows = att.type() == AttributeType.EXTERNAL_KEY && !att.mandatory()
                    ? " where " + quote(column) + " is not null" : "";
            statement.execute("create index if not exists " + quote(table + "_" + column + "_idx")
                    + " on " + target + " " + expression + rows);
        } else {
            // No longer wanted (the model says indexed: false): an index costs every insert and update.
            statement.execute("drop index if exists cmdb." + quote(table + "_" + column + "_idx"));
        }
    }

    /**
     * What the model says ({@code indexed}), or by default: external keys (joins, deletion plans) and text
     * reconciliation keys (imports) get an index.
     */
    private static boolean isIndexed(DataModel model, AttributeDef att) {
        if (att.indexed() != null) {
            return att.indexed();
        }
        if (att.type() == AttributeType.EXTERNAL_KEY) {
            return true;
        }
        return att.type().isText() && model.classes().stream()
                .anyMatch(cls -> cls.reconciliationKeys().contains(att.code())
                        && model.attribute(cls.name(), att.code()).filter(att::equals).isPresent());
    }

    private List<String> destructiveChanges(Map<String, Map<String, String>> registered) {
        Map<String, String> tables = new HashMap<>();
        model.rootClasses().forEach(root -> tables.put(model.tableOf(root), root));
        List<String> problems = new ArrayList<>();
        registered.forEach((table, columns) -> {
            String root = tables.get(table);
            if (root == null) {
                problems.add("table cmdb." + table + " holds objects of class(es) " + String.join(", ", columns.values()
                        .stream().distinct().toList()) + ", which the model no longer declares. Declare the class(es)"
                        + " again, or back the table up and drop it yourself (DROP TABLE cmdb." + table
                        + "; DELETE FROM cmdb.model_column WHERE table_name = '" + table + "').");
                return;
            }
            Map<String, AttributeDef> wanted = model.columnsOfHierarchy(root);
            columns.forEach((column, sqlType) -> {
                AttributeDef att = wanted.get(column);
                if (att == null) {
                    problems.add("attribute '" + column + "' is no longer declared in the hierarchy of class "
                            + root + " but column cmdb." + table + "." + column + " exists and may hold data. Declare"
                            + " the attribute again in your model file, or back the column up and drop it yourself"
                            + " (ALTER TABLE cmdb." + table + " DROP COLUMN " + column + "; DELETE FROM"
                            + " cmdb.model_column WHERE table_name = '" + table + "' AND column_name = '" + column + "').");
                } else if (!att.type().sqlType().equals(sqlType)) {
                    problems.add("attribute '" + column + "' of class " + att.declaringClass() + " changed type from "
                            + sqlType + " to " + att.type().sqlType() + " (" + att.type().yamlName() + "). Tributary"
                            + " never converts stored values by itself: keep the old type, or add a new attribute"
                            + " and copy the values over.");
                }
            });
        });
        return problems;
    }

    private static Map<String, Map<String, String>> registeredColumns(Connection connection) throws SQLException {
        Map<String, Map<String, String>> result = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select table_name, column_name, sql_type from cmdb.model_column")) {
            while (rs.next()) {
                result.computeIfAbsent(rs.getString(1), t -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        return result;
    }

    private static void register(Connection connection, String table, String column, AttributeDef att) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into cmdb.model_column (table_name, column_name, sql_type, class_name) values (?, ?, ?, ?)")) {
            insert.setString(1, table);
            insert.setString(2, column);
            insert.setString(3, att.type().sqlType());
            insert.setString(4, att.declaringClass());
            insert.executeUpdate();
        }
    }

    /** Identifiers come from the validated model only ({@code [A-Za-z_][A-Za-z0-9_]*}); quoted to allow keywords. */
    static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}
