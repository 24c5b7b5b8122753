package tributary.oql;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tributary.oql.ast.BinaryExpression;
import tributary.oql.ast.BinaryOperator;
import tributary.oql.ast.FieldRef;
import tributary.oql.ast.FunctionCall;
import tributary.oql.ast.InList;
import tributary.oql.ast.InQuery;
import tributary.oql.ast.Interval;
import tributary.oql.ast.Join;
import tributary.oql.ast.ObjectQuery;
import tributary.oql.ast.OqlExpression;
import tributary.oql.ast.OqlFunction;
import tributary.oql.ast.OqlName;
import tributary.oql.ast.OqlQuery;
import tributary.oql.ast.Parameter;
import tributary.oql.ast.StringLiteral;
import tributary.oql.ast.UnionQuery;

/**
 * Checks a parsed query against the data model (section 6.3): classes, aliases, fields, JOIN direction
 * and tree operators, the SELECT list, UNION arity and compatibility, sub-queries and function arity.
 * Checks run in iTop's order so that the first error reported is iTop's.
 */
public final class OqlValidator {

    private final OqlCatalog catalog;

    /** A validator for the model described by {@code catalog}. */
    public OqlValidator(OqlCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog);
    }

    /** Parses and validates {@code oql}. */
    public ValidatedQuery validate(String oql) {
        return validate(oql, OqlParser.parseQuery(oql));
    }

    /** Validates an already parsed query; {@code source} is quoted in error messages. */
    public ValidatedQuery validate(String source, OqlQuery query) {
        Run run = new Run(source, new CatalogView(catalog));
        List<String> columns = run.checkQuery(query, List.of());
        return new ValidatedQuery(source, query, columns, new ArrayList<>(run.parameters), run.fields, catalog);
    }

    /** One validation: the source for messages plus what is collected along the way. */
    private static final class Run {
        private final String source;
        private final CatalogView model;
        private final IdentityHashMap<FieldRef, ValidatedQuery.ResolvedField> fields = new IdentityHashMap<>();
        private final Set<String> parameters = new LinkedHashSet<>();

        Run(String source, CatalogView model) {
            this.source = source;
            this.model = model;
        }

        /** Checks a query or union; returns the class of each selected column. */
        List<String> checkQuery(OqlQuery query, List<Scope> outer) {
            if (query instanceof ObjectQuery object) {
                Scope scope = checkObjectQuery(object, outer);
                return selectedClasses(object, scope);
            }
            return checkUnion((UnionQuery) query, outer);
        }

        private List<String> checkUnion(UnionQuery union, List<Scope> outer) {
            List<List<String>> memberColumns = new ArrayList<>();
            for (int i = 0; i < union.members().size(); i++) {
                ObjectQuery member = union.members().get(i);
                Scope scope = checkObjectQuery(member, outer);
                List<String> classes = selectedClasses(member, scope);
                if (i > 0) {
                    int expected = memberColumns.get(0).size();
                    OqlName last = member.selected().get(member.selected().size() - 1);
                    if (classes.size() < expected) {
                        throw normalize("Too few selected classes in the subquery", last, null);
                    }
                    if (classes.size() > expected) {
                        throw normalize("Too many selected classes in the subquery", last, null);
                    }
                }
                memberColumns.add(classes);
            }
            List<String> result = new ArrayList<>();
            for (int column = 0; column < memberColumns.get(0).size(); column++) {
                String ancestor = memberColumns.get(0).get(column);
                for (int i = 1; i < memberColumns.size(); i++) {
                    String memberClass = memberColumns.get(i).get(column);
                    Optional<String> common = model.catalog().commonAncestor(ancestor, memberClass);
                    if (common.isEmpty()) {
                        throw normalize("Incompatible classes: could not find a common ancestor",
                            union.members().get(i).selected().get(column), model.familyOf(memberColumns.get(0).get(column)));
                    }
                    ancestor = common.get();
                }
                result.add(ancestor);
            }
            return result;
        }

        private List<String> selectedClasses(ObjectQuery query, Scope scope) {
            List<String> classes = new ArrayList<>();
            for (OqlName selected : query.selected()) {
                classes.add(scope.aliases.get(selected.value()));
            }
            return classes;
        }

        private Scope checkObjectQuery(ObjectQuery query, List<Scope> outer) {
            String className = query.className().value();
            if (!model.classExists(className)) {
                throw new UnknownClassOqlException(source, query.className().column(), className, model.classNames());
            }
            Scope scope = new Scope(query);
            scope.aliases.put(query.alias().value(), className);
            for (Join join : query.joins()) {
                checkJoin(join, scope);
            }
            for (OqlName selected : query.selected()) {
                if (!scope.aliases.containsKey(selected.value())) {
                    throw normalize("Unknown class [alias]", selected, List.copyOf(scope.aliases.keySet()));
                }
            }
            if (query.condition() != null) {
                List<Scope> scopes = new ArrayList<>();
                scopes.add(scope);
                scopes.addAll(outer);
                checkExpression(query.condition(), scopes);
            }
            return scope;
        }

        private void checkJoin(Join join, Scope scope) {
            String joinClass = join.className().value();
            String joinAlias = join.alias().value();
            if (!model.classExists(joinClass)) {
                throw new UnknownClassOqlException(source, join.className().column(), joinClass, model.classNames());
            }
            if (scope.aliases.containsKey(joinAlias)) {
                if (!joinAlias.equals(joinClass)) {
                    throw normalize("Duplicate class alias", join.alias(), null);
                }
                throw normalize("Duplicate class name", join.className(), null);
            }
            FieldRef left = join.left();
            FieldRef right = join.right();
            if (!CatalogView.ID.equals(right.name().value())) {
                throw normalize("Wrong format for Join clause (right hand), expecting an id", right.name(), List.of("id"));
            }
            scope.aliases.put(joinAlias, joinClass);
            OqlName leftAlias = aliasOrEmpty(left);
            OqlName rightAlias = aliasOrEmpty(right);
            if (!scope.aliases.containsKey(leftAlias.value())) {
                throw normalize("Unknown class in join condition (left expression)", leftAlias,
                    List.copyOf(scope.aliases.keySet()));
            }
            if (!scope.aliases.containsKey(rightAlias.value())) {
                throw normalize("Unknown class in join condition (right expression)", rightAlias,
                    List.copyOf(scope.aliases.keySet()));
            }
            String fromClass = scope.aliases.get(leftAlias.value());
            String toClass = scope.aliases.get(rightAlias.value());
            List<String> keys = model.externalKeyCodes(fromClass);
            if (!keys.contains(left.name().value())) {
                throw normalize("Unknown key in join condition (left expression)", left.name(), keys);
            }
            boolean keyOnJoined = leftAlias.value().equals(joinAlias);
            if (keyOnJoined == rightAlias.value().equals(joinAlias)) {
                // iTop only builds joins between the new alias and one declared before it
                throw normalize("Wrong format for Join clause, one side must be the joined class", join.alias(), null);
            }
            OqlAttribute.ExternalKey key = (OqlAttribute.ExternalKey) model.attributes(fromClass).get(left.name().value());
            if (!model.sameFamilyBranch(toClass, key.targetClass())) {
                String shown = keyOnJoined ? fromClass : toClass;
                throw normalize("The joined class (" + shown + ") is not compatible with the external key, which is pointing to "
                    + key.targetClass(), left.name(), null);
            }
            // Like iTop, the tree operator check applies when the key belongs to an alias declared earlier;
            // on the joined side a plain key is accepted and treated as a one-node tree.
            if (join.operator().isTree() && !keyOnJoined && !key.hierarchical()) {
                throw normalize("The specified tree operator " + join.operator().name()
                    + " is not applicable to the key", left.name(), null);
            }
        }

        private static OqlName aliasOrEmpty(FieldRef field) {
            return field.alias() == null ? new OqlName("", 0) : field.alias();
        }

        private void checkExpression(OqlExpression expression, List<Scope> scopes) {
            if (expression instanceof FieldRef field) {
                resolve(field, scopes);
            } else if (expression instanceof BinaryExpression binary) {
                if (binary.operator() == BinaryOperator.MATCHES
                    && (!(binary.left() instanceof FieldRef) || !(binary.right() instanceof StringLiteral))) {
                    throw new OqlNormalizeException("MATCHES expects a field on its left and a string on its right",
                        source, 0, "MATCHES", null);
                }
                checkExpression(binary.left(), scopes);
                checkExpression(binary.right(), scopes);
            } else if (expression instanceof InList in) {
                checkExpression(in.left(), scopes);
                in.items().forEach(item -> checkExpression(item, scopes));
            } else if (expression instanceof InQuery in) {
                checkExpression(in.left(), scopes);
                checkSubQuery(in.query(), scopes);
            } else if (expression instanceof FunctionCall call) {
                checkFunction(call, scopes);
            } else if (expression instanceof Interval interval) {
                checkExpression(interval.amount(), scopes);
            } else if (expression instanceof Parameter parameter) {
                parameters.add(parameter.name());
            }
        }

        private void checkSubQuery(OqlQuery query, List<Scope> scopes) {
            List<ObjectQuery> members = query instanceof UnionQuery union ? union.members() : List.of((ObjectQuery) query);
            for (ObjectQuery member : members) {
                if (member.selected().size() != 1) {
                    throw normalize("A nested query must select exactly one class", member.selected().get(1), null);
                }
            }
            checkQuery(query, scopes);
        }

        private void checkFunction(FunctionCall call, List<Scope> scopes) {
            OqlFunction function = call.function();
            int count = call.arguments().size();
            if (count < function.minArguments() || count > function.maxArguments()) {
                throw new OqlNormalizeException("Wrong number of arguments (" + count + ") for function "
                    + function.name(), source, call.column(), function.name(), null);
            }
            boolean dateArithmetic = function == OqlFunction.DATE_ADD || function == OqlFunction.DATE_SUB;
            for (int i = 0; i < count; i++) {
                OqlExpression argument = call.arguments().get(i);
                boolean intervalExpected = dateArithmetic && i == 1;
                if ((argument instanceof Interval) != intervalExpected) {
                    throw new OqlNormalizeException(intervalExpected
                        ? "Expecting INTERVAL <n> <unit> as second argument of " + function.name()
                        : "INTERVAL is only allowed as second argument of DATE_ADD and DATE_SUB",
                        source, call.column(), function.name(), null);
                }
                checkExpression(argument, scopes);
            }
        }

        private void resolve(FieldRef field, List<Scope> scopes) {
            String code = field.name().value();
            if (field.alias() != null) {
                String alias = field.alias().value();
                for (Scope scope : scopes) {
                    String className = scope.aliases.get(alias);
                    if (className != null) {
                        CatalogView.Field found = model.filterCodes(className).get(code);
                        if (found == null) {
                            throw unknownCode(field.name(), className);
                        }
                        fields.put(field, new ValidatedQuery.ResolvedField(scope.query, alias, className, found));
                        return;
                    }
                }
                Set<String> visible = new LinkedHashSet<>();
                scopes.forEach(scope -> visible.addAll(scope.aliases.keySet()));
                throw normalize("Unknown class [alias]", field.alias(), List.copyOf(visible));
            }
            for (Scope scope : scopes) {
                List<String> candidates = new ArrayList<>();
                for (Map.Entry<String, String> alias : scope.aliases.entrySet()) {
                    if (model.filterCodes(alias.getValue()).containsKey(code)) {
                        candidates.add(alias.getKey());
                    }
                }
                if (candidates.size() > 1) {
                    throw normalize("Ambiguous filter code", field.name(), null);
                }
                if (candidates.size() == 1) {
                    String alias = candidates.get(0);
                    String className = scope.aliases.get(alias);
                    fields.put(field, new ValidatedQuery.ResolvedField(scope.query, alias, className,
                        model.filterCodes(className).get(code)));
                    return;
                }
            }
            Scope innermost = scopes.get(0);
            Set<String> known = new LinkedHashSet<>();
            for (String className : innermost.aliases.values()) {
                if (model.attributes(className).get(code) instanceof OqlAttribute.LinkSet) {
                    throw linkSet(field.name());
                }
                known.addAll(model.filterCodes(className).keySet());
            }
            throw normalize("Unknown filter code", field.name(), List.copyOf(known));
        }

        private OqlException unknownCode(OqlName name, String className) {
            if (model.attributes(className).get(name.value()) instanceof OqlAttribute.LinkSet) {
                return linkSet(name);
            }
            return normalize("Unknown filter code", name, List.copyOf(model.filterCodes(className).keySet()));
        }

        private OqlException linkSet(OqlName name) {
            return normalize("Link set attributes cannot be used in a condition", name, null);
        }

        private OqlNormalizeException normalize(String issue, OqlName name, List<String> expecting) {
            return new OqlNormalizeException(issue, source, name.column(), name.value(), expecting);
        }
    }

    /** Aliases declared by one (sub-)query. */
    private static final class Scope {
        final ObjectQuery query;
        final Map<String, String> aliases = new LinkedHashMap<>();

        Scope(ObjectQuery query) {
            this.query = query;
        }
    }
}
