package tributary.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.DeletionPlan;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ObjectValidationException;
import tributary.cmdb.WriteContext;
import tributary.model.DataModel;
import tributary.model.Lifecycle;
import tributary.oql.catalog.OqlSearch.Found;
import tributary.security.Account;
import tributary.security.AccountService;
import tributary.security.Action;
import tributary.security.RightsService;
import tributary.store.ConflictRetry;

/**
 * The core verbs of {@code rest.php} (iTop's {@code CoreServices}), identical for versions 1.0 to 1.4. Parameters
 * are read in iTop's order so that the same error wins; rights follow section 1.13.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CoreServices implements RestServiceProvider {

    static final Set<String> VERSIONS = Set.of("1.0", "1.1", "1.2", "1.3", "1.4");

    private static final List<RestOperation> OPERATIONS = List.of(
            new RestOperation("core/create", "Create an object"),
            new RestOperation("core/update", "Update an object"),
            new RestOperation("core/apply_stimulus", "Apply a stimulus to change the state of an object"),
            new RestOperation("core/get", "Search for objects"),
            new RestOperation("core/delete", "Delete objects"),
            new RestOperation("core/get_related", "Get related objects through the specified relation"),
            new RestOperation("core/check_credentials", "Check user credentials"));

    private final DataModel model;
    private final ObjectService objects;
    private final ObjectResolver resolver;
    private final ObjectRenderer renderer;
    private final ImpactGraph impacts;
    private final RightsService rights;
    private final AccountService accounts;
    private final TransactionTemplate transactions;
    private final ConflictRetry conflicts;

    CoreServices(DataModel model, ObjectService objects, ObjectResolver resolver, ObjectRenderer renderer,
                 ImpactGraph impacts, RightsService rights, AccountService accounts, TransactionTemplate transactions,
                 ConflictRetry conflicts) {
        this.model = model;
        this.objects = objects;
        this.resolver = resolver;
        this.renderer = renderer;
        this.impacts = impacts;
        this.rights = rights;
        this.accounts = accounts;
        this.transactions = transactions;
        this.conflicts = conflicts;
    }

    @Override
    public String name() {
        return "CoreServices";
    }

    @Override
    public List<RestOperation> listOperations(String version) {
        return VERSIONS.contains(version) ? OPERATIONS : List.of();
    }

    @Override
    public RestResult exec(String version, String verb, JsonNode params, Account account) {
        RestCaller caller = new RestCaller(account);
        return switch (verb) {
            case "core/get" -> get(params, caller);
            case "core/create" -> create(params, caller);
            case "core/update" -> update(params, caller);
            case "core/apply_stimulus" -> applyStimulus(params, caller);
            case "core/delete" -> delete(params, caller);
            case "core/get_related" -> getRelated(params, caller);
            case "core/check_credentials" -> checkCredentials(params);
            default -> throw new RestException(RestResult.UNKNOWN_OPERATION, "Unknown verb '" + verb + "' in version '" + version + "'");
        };
    }

    // ---------------------------------------------------------------- core/get

    private RestResult get(JsonNode params, RestCaller caller) {
        String className = resolver.validClass(params, "class");
        JsonNode key = ObjectResolver.mandatory(params, "key");
        OutputFields output = OutputFields.parse(model, className, params, "output_fields");
        long limit = PhpValues.toInt(PhpValues.get(params, "limit"));
        JsonNode pageParam = PhpValues.get(params, "page");
        long page = pageParam == null ? 1 : PhpValues.toInt(pageParam);
        return transactions.execute(status -> {
            status.setRollbackOnly();
            ObjectSet set = resolver.findSet(className, key, caller);
            RestResult result = RestResult.withObjects();
            String target = set.targetClass();
            RestResult refused = refusal(result, caller, target, Action.READ, Action.BULK_READ);
            if (refused != null) {
                return refused;
            }
            if (page < 1) {
                return result.code(RestResult.INVALID_PAGE)
                        .message("The request page number is not valid. It must be an integer greater than 0");
            }
            long pageSize = Math.max(limit, 0);
            long offset = pageSize * (page - 1);
            List<CmdbObject> found = set.objects(pageSize, offset, output.needsLinkSets(model));
            for (CmdbObject object : found) {
                result.addObject(0, "", object.className(), object.id(), renderer.fields(object, output));
            }
            long total = pageSize == 0 && offset == 0 ? found.size() : set.count();
            return result.message("Found: " + total);
        });
    }

    // ---------------------------------------------------------------- core/create

    private RestResult create(JsonNode params, RestCaller caller) {
        String comment = PhpValues.toText(ObjectResolver.mandatory(params, "comment"));
        String className = resolver.validClass(params, "class");
        JsonNode fields = ObjectResolver.mandatory(params, "fields");
        OutputFields output = OutputFields.parse(model, className, params, "output_fields");
        RestResult result = RestResult.withObjects();
        RestResult refused = refusal(result, caller, className, Action.CREATE, Action.BULK_CREATE);
        if (refused != null) {
            return refused;
        }
        CmdbObject created = write("core/create", () -> {
            Map<String, Object> values = resolver.makeFields(className, fields, caller);
            return objects.create(context(caller, comment), className, values);
        });
        return result.addObject(0, "created", created.className(), created.id(), renderer.fields(created, output));
    }

    // ---------------------------------------------------------------- core/update

    private RestResult update(JsonNode params, RestCaller caller) {
        String comment = PhpValues.toText(ObjectResolver.mandatory(params, "comment"));
        String className = resolver.validClass(params, "class");
        JsonNode key = ObjectResolver.mandatory(params, "key");
        JsonNode fields = ObjectResolver.mandatory(params, "fields");
        OutputFields output = OutputFields.parse(model, className, params, "output_fields");
        return write("core/update", () -> {
            RestResult result = RestResult.withObjects();
            String target = resolver.findSet(className, key, caller).targetClass();
            RestResult refused = refusal(result, caller, target, Action.WRITE, Action.WRITE);
            if (refused != null) {
                return refused;
            }
            Found found = resolver.findOne(className, key, false, caller);
            Map<String, Object> values = resolver.makeFields(found.className(), fields, caller);
            CmdbObject updated = objects.update(context(caller, comment), found.className(), found.id(), values);
            return result.addObject(0, "updated", updated.className(), updated.id(), renderer.fields(updated, output));
        });
    }

    // ---------------------------------------------------------------- core/apply_stimulus

    private RestResult applyStimulus(JsonNode params, RestCaller caller) {
        String comment = PhpValues.toText(ObjectResolver.mandatory(params, "comment"));
        String className = resolver.validClass(params, "class");
        JsonNode key = ObjectResolver.mandatory(params, "key");
        JsonNode fields = ObjectResolver.mandatory(params, "fields");
        OutputFields output = OutputFields.parse(model, className, params, "output_fields");
        String stimulus = PhpValues.toText(ObjectResolver.mandatory(params, "stimulus"));
        return write("core/apply_stimulus", () -> {
            RestResult result = RestResult.withObjects();
            Found found = resolver.findOne(className, key, false, caller);
            RestResult refused = refusal(result, caller, found.className(), Action.WRITE, Action.BULK_WRITE);
            if (refused != null) {
                return refused;
            }
            CmdbObject object = objects.get(found.className(), found.id()).orElseThrow();
            Lifecycle lifecycle = model.lifecycle(object.className()).orElse(null);
            String state = lifecycle == null ? "" : object.getString(lifecycle.stateAttribute());
            boolean allowed = lifecycle != null && lifecycle.state(state)
                    .map(s -> s.transitions().containsKey(stimulus)).orElse(false);
            if (!allowed) {
                return result.code(RestResult.INTERNAL_ERROR).message("Invalid stimulus: '" + stimulus + "' on the object "
                        + object.friendlyName() + " in state '" + (state == null ? "" : state) + "'");
            }
            Map<String, Object> values = resolver.makeFields(object.className(), fields, caller);
            CmdbObject updated;
            try {
                updated = objects.applyStimulus(context(caller, comment), object.className(), object.id(), stimulus,
                        values);
            } catch (ObjectService.StimulusException e) {
                return result.code(RestResult.INTERNAL_ERROR).message(e.getMessage());
            }
            return result.addObject(0, "updated", updated.className(), updated.id(), renderer.fields(updated, output));
        });
    }

    // ---------------------------------------------------------------- core/delete

    private RestResult delete(JsonNode params, RestCaller caller) {
        String comment = PhpValues.toText(ObjectResolver.mandatory(params, "comment"));
        String className = resolver.validClass(params, "class");
        JsonNode key = ObjectResolver.mandatory(params, "key");
        boolean simulate = PhpValues.truthy(PhpValues.get(params, "simulate"));
        return write("core/delete", () -> {
            RestResult result = RestResult.withObjects();
            WriteContext context = context(caller, comment);
            ObjectSet set = resolver.findSet(className, key, caller);
            String target = set.targetClass();
            RestResult refused = refusal(result, caller, target, Action.DELETE, Action.DELETE);
            if (refused != null) {
                return refused;
            }
            List<Long> ids = set.fetch(0, 0).stream().map(Found::id).toList();
            DeletionPlan plan;
            if (ids.isEmpty()) {
                plan = new DeletionPlan(List.of());
            } else if (simulate) {
                plan = objects.planDeletion(context, target, ids);
            } else {
                try {
                    plan = objects.delete(context, target, ids);
                } catch (ObjectService.DeletionRefusedException e) {
                    throw new RestException(e.getMessage());
                }
            }
            report(result, plan);
            if (simulate && plan.blocked()) {
                boolean manual = plan.entries().stream().anyMatch(e -> e.mode() == DeletionPlan.Mode.MUST_DELETE_MANUALLY);
                if (manual) {
                    result.code(RestResult.UNSAFE).message("The deletion requires that other objects be deleted/updated,"
                            + " and those operations must be requested explicitely");
                } else {
                    result.code(RestResult.INTERNAL_ERROR).message("Some issues have been encountered. See the list of"
                            + " planned changes for more information about the issue(s).");
                }
            } else {
                long integrity = plan.integrityCount();
                result.message("Deleted: " + ids.size() + (integrity > 0 ? " plus (for DB integrity) " + integrity : ""));
            }
            if (simulate) {
                result.message("SIMULATING: " + result.message());
            }
            return result;
        });
    }

    /** Every plan entry as an object result with iTop's per-object codes (table C), deletions before resets. */
    private void report(RestResult result, DeletionPlan plan) {
        for (DeletionPlan.Entry entry : plan.entries()) {
            if (entry.mode() == DeletionPlan.Mode.RESET) {
                continue;
            }
            String issue = String.join(", ", entry.issues());
            int code;
            String message;
            if (entry.mode() == DeletionPlan.Mode.MUST_DELETE_MANUALLY) {
                code = 4;
                message = issue.isEmpty() ? "Must be deleted explicitely" : "Must be deleted explicitely... but: " + issue;
            } else {
                // iTop reports automatic deletions like requested ones (its "requested explicitely" test never fails)
                code = issue.isEmpty() ? 0 : 1;
                message = issue.isEmpty() ? "" : "Cannot be deleted: " + issue;
            }
            result.addObject(code, message, entry.className(), entry.id(), idAndName(entry));
        }
        for (DeletionPlan.Entry entry : plan.entries()) {
            if (entry.mode() != DeletionPlan.Mode.RESET) {
                continue;
            }
            String issue = String.join(", ", entry.issues());
            String labels = entry.resetAttributes().stream()
                    .map(code -> model.attribute(entry.className(), code).map(a -> a.label()).orElse(code))
                    .collect(Collectors.joining(", "));
            if (issue.isEmpty()) {
                result.addObject(5, "Reset external keys: " + labels, entry.className(), entry.id(), idAndName(entry));
            } else {
                result.addObject(6, "Should be updated automatically... but: " + issue, entry.className(), entry.id(),
                        idAndName(entry));
            }
        }
    }

    private static tools.jackson.databind.node.ObjectNode idAndName(DeletionPlan.Entry entry) {
        tools.jackson.databind.node.ObjectNode fields = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        fields.put("id", Long.toString(entry.id()));
        fields.put("friendlyname", entry.friendlyName() == null ? "" : entry.friendlyName());
        return fields;
    }

    // ---------------------------------------------------------------- core/get_related

    private RestResult getRelated(JsonNode params, RestCaller caller) {
        String className = resolver.validClass(params, "class");
        JsonNode key = ObjectResolver.mandatory(params, "key");
        String relation = PhpValues.toText(ObjectResolver.mandatory(params, "relation"));
        JsonNode depthParam = PhpValues.get(params, "depth");
        long depth = depthParam == null ? 20 : PhpValues.toInt(depthParam);
        JsonNode directionParam = PhpValues.get(params, "direction");
        String direction = directionParam == null ? null : PhpValues.toText(directionParam);
        boolean reverse = false;
        if (direction == null && relation.equals("depends on")) {
            relation = "impacts";
            direction = "up";
            reverse = true;
        }
        if (direction == null) {
            direction = "down";
        }
        if (!relation.equals("impacts")) {
            throw new RestException("Unknown relation '" + relation + "'");
        }
        String finalDirection = direction;
        boolean finalReverse = reverse;
        return transactions.execute(status -> {
            status.setRollbackOnly();
            ObjectSet set = resolver.findSet(className, key, caller);
            RestResult result = RestResult.withRelations();
            if (!finalDirection.equals("down") && !finalDirection.equals("up")) {
                return result.code(RestResult.INTERNAL_ERROR).message("Invalid value: '" + finalDirection
                        + "' for the parameter 'direction'. Valid values are 'up' and 'down'");
            }
            List<ImpactGraph.Node> scope = set.fetch(0, 0).stream()
                    .map(f -> new ImpactGraph.Node(f.className(), f.id())).toList();
            ImpactGraph.Graph graph = impacts.compute(scope, depth, finalDirection.equals("down"));
            if (graph.nodes().isEmpty()) {
                return result.message("Nothing found");
            }
            Map<String, List<Long>> byClass = new LinkedHashMap<>();
            graph.nodes().forEach(n -> byClass.computeIfAbsent(n.className(), c -> new ArrayList<>()).add(n.id()));
            List<String> refused = byClass.keySet().stream()
                    .filter(cls -> !rights.allows(caller.account(), cls, Action.BULK_READ)).toList();
            if (!refused.isEmpty()) {
                return RestResult.basic().code(RestResult.UNAUTHORIZED).message("The current user does not have enough"
                        + " permissions for exporting data of class(es): " + String.join(", ", refused));
            }
            Map<String, CmdbObject> loaded = new LinkedHashMap<>();
            byClass.forEach((cls, ids) -> objects.getAll(cls, ids, false).forEach(o -> loaded.put(o.ref(), o)));
            OutputFields output = OutputFields.idAndFriendlyName(model.rootOf(className));
            for (ImpactGraph.Node node : graph.nodes()) {
                CmdbObject object = loaded.get(node.ref());
                if (object != null) {
                    result.addObject(0, "", object.className(), object.id(), renderer.fields(object, output));
                }
            }
            for (ImpactGraph.Edge edge : graph.edges()) {
                if (finalReverse) {
                    result.addRelation(edge.target().ref(), edge.source().ref());
                } else {
                    result.addRelation(edge.source().ref(), edge.target().ref());
                }
            }
            String stats = byClass.entrySet().stream().map(e -> e.getKey() + "= " + e.getValue().size())
                    .collect(Collectors.joining(", "));
            return result.message("Scope: " + scope.size() + "; Related objects: " + stats);
        });
    }

    // ---------------------------------------------------------------- core/check_credentials

    private RestResult checkCredentials(JsonNode params) {
        String user = PhpValues.toText(ObjectResolver.mandatory(params, "user"));
        String password = PhpValues.toText(ObjectResolver.mandatory(params, "password"));
        boolean authorized = accounts.authenticate(user, password).isPresent();
        return RestResult.basic().put("authorized", tools.jackson.databind.node.BooleanNode.valueOf(authorized));
    }

    // ---------------------------------------------------------------- helpers

    /** The refusal result when the caller lacks one of the rights on the class, else null. */
    private RestResult refusal(RestResult result, RestCaller caller, String className, Action first, Action second) {
        for (Action action : List.of(first, second)) {
            if (!rights.allows(caller.account(), className, action)) {
                return result.code(RestResult.UNAUTHORIZED).message(RightsService.refusal(className, action));
            }
        }
        return null;
    }

    private static WriteContext context(RestCaller caller, String comment) {
        Account account = caller.account();
        return WriteContext.of(account.login(), account.userId(), account.isAdministrator(), WriteContext.ORIGIN_REST, comment);
    }

    /**
     * Runs a write in one transaction; a refused write rolls everything back and becomes an "Error: " reply. A
     * transaction that PostgreSQL ends to break a deadlock is run again whole: {@code work} creates its result and
     * write context inside, so nothing of the attempt rolled back is kept.
     */
    private <T> T write(String verb, java.util.function.Supplier<T> work) {
        try {
            return conflicts.run(verb, () -> transactions.execute(status -> {
                T outcome = work.get();
                if (outcome instanceof RestResult r && r.code() != RestResult.OK) {
                    status.setRollbackOnly();
                }
                return outcome;
            }));
        } catch (ObjectValidationException e) {
            throw new RestException(e.getMessage());
        }
    }
}
