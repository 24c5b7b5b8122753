package tributary.oql;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.Join;
import tributary.oql.ast.JoinOperator;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlName;
import tributary.oql.ast.OqlQuery;
import tributary.oql.ast.UnionQuery;

/**
 * Builds the SQL statement of a validated query: one {@code SELECT} per member (UNIONed), the class
 * hierarchy narrowed by {@code finalclass}, JOINs on external keys or over the closure of a hierarchical
 * key, and the condition translated by {@link ExpressionTranslator}.
 */
final class QueryTranslator {

    CompiledQuery translate(Translation translation) {
        ValidatedQuery validated = translation.validated;
        OqlQuery query = validated.query();
        List<ObjectQuery> members = query instanceof UnionQuery union ? union.members() : List.of((ObjectQuery) query);
        List<Sql> selects = new ArrayList<>();
        for (ObjectQuery member : members) {
            selects.add(select(member, translation, true, members.size() == 1));
        }
        Sql body = members.size() == 1 ? selects.get(0) : unionOf(selects);
        List<SelectedAlias> columns = new ArrayList<>();
        List<OqlName> selected = members.get(0).selected();
        for (int i = 0; i < selected.size(); i++) {
            columns.add(new SelectedAlias(selected.get(i).value(), validated.selectedClasses().get(i),
                idColumn(i), classColumn(i)));
        }
        String orderBy = columns.stream().map(column -> Sql.quote(column.idColumn())).collect(Collectors.joining(", "));
        return new CompiledQuery(body.text() + " ORDER BY " + orderBy, body.parameters(), columns,
            validated.resultClass());
    }

    /** {@code SELECT id, v0, v1 …}: the objects of the validated query's class with the values of {@code fields}. */
    FieldValuesQuery fieldValues(Translation translation, List<FieldRef> fields) {
        ObjectQuery query = (ObjectQuery) translation.validated.query();
        QueryScope scope = new QueryScope(query);
        translation.register(scope);
        String className = query.className().value();
        String main = declare(scope, translation, query.alias().value(), className);
        ExpressionTranslator expressions = new ExpressionTranslator(translation, scope, this);
        List<Object> pieces = new ArrayList<>();
        List<Boolean> textual = new ArrayList<>();
        pieces.add("SELECT " + main + ".\"id\" AS \"id\"");
        for (int i = 0; i < fields.size(); i++) {
            Sql value = expressions.translate(fields.get(i));
            textual.add(value.type() == SqlType.TEXT);
            pieces.add(", ");
            pieces.add(value);
            pieces.add(" AS " + Sql.quote("v" + i));
        }
        pieces.add(" FROM " + translation.table(className) + " " + main);
        pieces.add(String.join("", scope.leftJoins)); // filled while the fields were translated
        classFilter(translation, className, main).ifPresent(filter -> {
            pieces.add(" WHERE ");
            pieces.add(filter);
        });
        Sql select = Sql.of(SqlType.INTEGER, pieces.toArray());
        return new FieldValuesQuery(select.text(), select.parameters(), textual);
    }

    /** The ids selected by a sub-query of {@code IN (...)}; outer aliases stay visible to it. */
    Sql subQuery(OqlQuery query, Translation translation) {
        List<ObjectQuery> members = query instanceof UnionQuery union ? union.members() : List.of((ObjectQuery) query);
        List<Sql> selects = new ArrayList<>();
        for (ObjectQuery member : members) {
            selects.add(select(member, translation, false, false));
        }
        return selects.size() == 1 ? selects.get(0) : unionOf(selects);
    }

    private static Sql unionOf(List<Sql> selects) {
        List<Sql> parenthesized = new ArrayList<>();
        selects.forEach(select -> parenthesized.add(Sql.of(SqlType.INTEGER, "(", select, ")")));
        return Sql.join(SqlType.INTEGER, " UNION ", parenthesized);
    }

    private Sql select(ObjectQuery query, Translation translation, boolean topLevel, boolean mayNeedDistinct) {
        QueryScope scope = new QueryScope(query);
        translation.register(scope);
        String className = query.className().value();
        String main = declare(scope, translation, query.alias().value(), className);
        List<Sql> joins = new ArrayList<>();
        for (Join join : query.joins()) {
            String alias = declare(scope, translation, join.alias().value(), join.className().value());
            List<Sql> on = new ArrayList<>(List.of(joinCondition(join, scope, translation)));
            classFilter(translation, join.className().value(), alias).ifPresent(on::add);
            joins.add(Sql.of(SqlType.BOOLEAN, " JOIN " + translation.table(join.className().value()) + " " + alias
                + " ON ", Sql.join(SqlType.BOOLEAN, " AND ", on)));
        }
        List<Sql> where = new ArrayList<>();
        classFilter(translation, className, main).ifPresent(where::add);
        if (query.condition() != null) {
            where.add(new ExpressionTranslator(translation, scope, this).condition(query.condition()));
        }
        List<Object> pieces = new ArrayList<>();
        if (!scope.ctes.isEmpty()) {
            pieces.add("WITH RECURSIVE " + String.join(", ", scope.ctes) + " ");
        }
        pieces.add("SELECT " + (mayNeedDistinct && needsDistinct(query) ? "DISTINCT " : "")
            + selectList(query, scope, topLevel) + " FROM " + translation.table(className) + " " + main);
        pieces.addAll(joins);
        pieces.add(String.join("", scope.leftJoins));
        if (!where.isEmpty()) {
            pieces.add(" WHERE ");
            pieces.add(Sql.join(SqlType.BOOLEAN, " AND ", where));
        }
        return Sql.of(SqlType.INTEGER, pieces.toArray());
    }

    private static String declare(QueryScope scope, Translation translation, String alias, String className) {
        String sqlAlias = translation.newAlias("t");
        scope.sqlAliases.put(alias, sqlAlias);
        scope.classes.put(alias, className);
        return sqlAlias;
    }

    private static String selectList(ObjectQuery query, QueryScope scope, boolean topLevel) {
        if (!topLevel) {
            return scope.sqlAliases.get(query.selected().get(0).value()) + ".\"id\"";
        }
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < query.selected().size(); i++) {
            String alias = scope.sqlAliases.get(query.selected().get(i).value());
            columns.add(alias + ".\"id\" AS " + Sql.quote(idColumn(i)));
            columns.add(alias + ".\"finalclass\" AS " + Sql.quote(classColumn(i)));
        }
        return String.join(", ", columns);
    }

    /**
     * Rows can only repeat when a join fans out (the key is on the joined class, or a tree operator) or when
     * the main alias is not selected; otherwise each main row yields at most one result row.
     */
    private static boolean needsDistinct(ObjectQuery query) {
        boolean mainSelected = query.selected().stream().anyMatch(name -> name.value().equals(query.alias().value()));
        if (!mainSelected) {
            return true;
        }
        for (Join join : query.joins()) {
            if (join.operator() != JoinOperator.EQUALS || join.left().alias().value().equals(join.alias().value())) {
                return true;
            }
        }
        return false;
    }

    private static Sql joinCondition(Join join, QueryScope scope, Translation translation) {
        String holderAlias = join.left().alias().value();
        String holder = scope.sqlAliases.get(holderAlias);
        String other = scope.sqlAliases.get(join.right().alias().value());
        String holderClass = scope.classes.get(holderAlias);
        OqlAttribute.ExternalKey key = (OqlAttribute.ExternalKey) translation.model.attributes(holderClass)
            .get(join.left().name().value());
        String keyColumn = holder + "." + Sql.quote(key.code());
        JoinOperator operator = join.operator();
        if (operator == JoinOperator.EQUALS) {
            return Sql.raw(keyColumn + " = " + other + ".\"id\"", SqlType.BOOLEAN);
        }
        if (!key.hierarchical()) {
            // iTop accepts a tree operator on a plain key of the joined class: a tree where each node is alone
            String condition = operator.isStrict()
                ? (operator.isNegated() ? "TRUE" : "FALSE")
                : (operator.isNegated() ? "(" + keyColumn + " IS NULL OR " + keyColumn + " <> " + other + ".\"id\")"
                    : keyColumn + " = " + other + ".\"id\"");
            return Sql.raw(condition, SqlType.BOOLEAN);
        }
        String closure = scope.closure(translation, translation.table(holderClass), key.code());
        String ancestor = operator.isAbove() ? holder : other;
        String descendant = operator.isAbove() ? other : holder;
        String exists = "EXISTS (SELECT 1 FROM " + closure + " WHERE " + closure + ".ancestor = " + ancestor
            + ".\"id\" AND " + closure + ".descendant = " + descendant + ".\"id\""
            + (operator.isStrict() ? " AND " + closure + ".ancestor <> " + closure + ".descendant" : "") + ")";
        return Sql.raw(operator.isNegated() ? "NOT " + exists : exists, SqlType.BOOLEAN);
    }

    /** Restricts an alias to the concrete classes of {@code className}, unless they fill the whole table. */
    private static java.util.Optional<Sql> classFilter(Translation translation, String className, String alias) {
        if (translation.model.coversWholeTable(className)) {
            return java.util.Optional.empty();
        }
        List<String> concrete = translation.model.catalog().concreteSubclasses(className);
        if (concrete.isEmpty()) {
            return java.util.Optional.of(Sql.raw("FALSE", SqlType.BOOLEAN));
        }
        List<Sql> names = new ArrayList<>();
        concrete.forEach(name -> names.add(Sql.text(name)));
        return java.util.Optional.of(Sql.of(SqlType.BOOLEAN, alias + ".\"finalclass\" IN (",
            Sql.join(SqlType.TEXT, ", ", names), ")"));
    }

    private static String idColumn(int index) {
        return "s" + index + "_id";
    }

    private static String classColumn(int index) {
        return "s" + index + "_class";
    }
}
