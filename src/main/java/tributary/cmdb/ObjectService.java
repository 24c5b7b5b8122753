package tributary.cmdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;
import tributary.model.Lifecycle;

/**
 * The only way CMDB objects are read, created, updated and deleted. Every write validates values, enforces field
 * locks, and records one change set per {@link WriteContext}. Bulk methods take a chunk of objects and report
 * each one's outcome; single-object methods throw {@link ObjectValidationException} and write nothing on refusal.
 * Methods join the caller's transaction (a Spring Batch chunk, a REST call) or open their own.
 */
@Service
public class ObjectService {

    /** Shortest password a password attribute takes, whoever writes it (CSV import, REST, the user command). */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private final DataModel model;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final ObjectTables tables;
    private final DeletionPlanner planner;
    private final HistoryRecorder history;

    ObjectService(DataModel model, ObjectReader reader, ObjectWriter writer, ObjectTables tables, DeletionPlanner planner,
                  HistoryRecorder history) {
        this.model = model;
        this.reader = reader;
        this.writer = writer;
        this.tables = tables;
        this.planner = planner;
        this.history = history;
    }

    public DataModel model() {
        return model;
    }

    // ---------------------------------------------------------------- read

    @Transactional(readOnly = true)
    public Optional<CmdbObject> get(String className, long id) {
        return reader.load(className, List.of(id), true).stream().findFirst();
    }

    /** Objects of the class (or its subclasses) with these ids, in id order; unknown ids are skipped. */
    @Transactional(readOnly = true)
    public List<CmdbObject> getAll(String className, Collection<Long> ids, boolean withLinkSets) {
        return reader.load(className, ids, withLinkSets);
    }

    /**
     * Ids of the objects of the class whose attributes equal the given values (strings compared case-insensitively,
     * as iTop does; null matches an empty value), at most {@code limit}. Only stored attributes can be criteria.
     */
    @Transactional(readOnly = true)
    public List<Long> find(String className, Map<String, Object> criteria, int limit) {
        Map<AttributeDef, Object> typed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> criterion : criteria.entrySet()) {
            AttributeDef att = model.attribute(className, criterion.getKey()).orElseThrow(() ->
                    new ObjectValidationException(Issue.of(criterion.getKey(), criterion.getKey() + ": Unknown attribute")));
            if (!att.isStored() || att.type() == AttributeType.CASE_LOG || att.type() == AttributeType.PASSWORD) {
                throw new ObjectValidationException(Issue.of(att.code(), att.code() + ": cannot be used as a search criterion"));
            }
            try {
                typed.put(att, ValueConverter.convert(att, criterion.getValue()));
            } catch (ValueConverter.InvalidValueException e) {
                throw new ObjectValidationException(Issue.unexpectedValue(att.code(), e.getMessage()));
            }
        }
        return tables.findIds(model.tableOf(className), model.concreteClasses(className), typed, limit);
    }

    // ---------------------------------------------------------------- write

    /** Creates a chunk of objects; each invalid one is reported and skipped, the others are written. */
    @Transactional
    public List<WriteResult> createAll(WriteContext context, List<NewObject> objects) {
        return writer.create(context, objects);
    }

    /** Updates a chunk of objects; each invalid one is reported and skipped; unchanged ones are not written. */
    @Transactional
    public List<WriteResult> updateAll(WriteContext context, List<ObjectUpdate> updates) {
        return writer.update(context, updates, false);
    }

    /** Creates one object, or throws without writing anything. */
    @Transactional
    public CmdbObject create(WriteContext context, String className, Map<String, Object> values) {
        WriteResult result = writer.create(context, List.of(new NewObject(className, values))).get(0);
        if (!result.ok()) {
            throw new ObjectValidationException(result.issues());
        }
        return reader.load(className, List.of(result.id()), true).get(0);
    }

    /** Updates one object, or throws without writing anything. */
    @Transactional
    public CmdbObject update(WriteContext context, String className, long id, Map<String, Object> values) {
        WriteResult result = writer.update(context, List.of(new ObjectUpdate(className, id, values)), false).get(0);
        if (!result.ok()) {
            throw new ObjectValidationException(result.issues());
        }
        return reader.load(className, List.of(id), true).get(0);
    }

    /**
     * Applies a lifecycle stimulus after setting {@code values}: refused when the stimulus is not allowed in the
     * current state, or when an attribute mandatory in the target state is empty (an external key of 0 counts as
     * empty).
     */
    @Transactional
    public CmdbObject applyStimulus(WriteContext context, String className, long id, String stimulus,
                                    Map<String, Object> values) {
        CmdbObject object = get(className, id).orElseThrow(() ->
                new ObjectValidationException(Issue.of(null, "Invalid object " + className + "::" + id)));
        Lifecycle lifecycle = model.lifecycle(object.className()).orElseThrow(() ->
                new StimulusException("Invalid stimulus: '" + stimulus + "' on the object " + object.friendlyName()
                        + " in state ''"));
        String state = object.getString(lifecycle.stateAttribute());
        String target = lifecycle.state(state).map(s -> s.transitions().get(stimulus)).orElse(null);
        if (target == null) {
            throw new StimulusException("Invalid stimulus: '" + stimulus + "' on the object " + object.friendlyName()
                    + " in state '" + state + "'");
        }
        Map<String, Object> merged = new LinkedHashMap<>(values);
        List<String> missing = new ArrayList<>();
        for (String code : lifecycle.state(target).orElseThrow().mandatory()) {
            Object value = merged.containsKey(code) ? merged.get(code) : object.get(code);
            if (value == null || value.toString().isEmpty() || "0".equals(value.toString())) {
                missing.add(code);
            }
        }
        if (!missing.isEmpty()) {
            throw new StimulusException("Missing mandatory attribute(s) for applying the stimulus: "
                    + String.join(", ", missing) + ".");
        }
        merged.put(lifecycle.stateAttribute(), target);
        WriteResult result = writer.update(context, List.of(new ObjectUpdate(object.className(), id, merged)), true).get(0);
        if (!result.ok()) {
            throw new ObjectValidationException(result.issues());
        }
        return reader.load(className, List.of(id), true).get(0);
    }

    // ---------------------------------------------------------------- delete

    /** What deleting these objects would do; writes nothing. */
    @Transactional(readOnly = true)
    public DeletionPlan planDeletion(WriteContext context, String className, Collection<Long> ids) {
        return planner.plan(context, className, ids);
    }

    /**
     * Deletes the objects and carries out the rest of their deletion plan (deleting dependants, resetting keys), all
     * or nothing. A blocked plan throws {@link DeletionRefusedException} and deletes nothing.
     */
    @Transactional
    public DeletionPlan delete(WriteContext context, String className, Collection<Long> ids) {
        DeletionPlan plan = lockedPlan(context, className, ids);
        Optional<DeletionPlan.Entry> blocking = plan.entries().stream()
                .filter(e -> !e.issues().isEmpty() || e.mode() == DeletionPlan.Mode.MUST_DELETE_MANUALLY)
                .findFirst();
        if (blocking.isPresent()) {
            throw new DeletionRefusedException(plan, blocking.get());
        }
        List<ObjectUpdate> resets = new ArrayList<>();
        for (DeletionPlan.Entry entry : plan.entries()) {
            if (entry.mode() == DeletionPlan.Mode.RESET) {
                Map<String, Object> values = new LinkedHashMap<>();
                entry.resetAttributes().forEach(code -> values.put(code, null));
                resets.add(new ObjectUpdate(entry.className(), entry.id(), values));
            }
        }
        List<WriteResult> resetResults = writer.update(context, resets, false);
        List<Issue> issues = resetResults.stream().flatMap(r -> r.issues().stream()).toList();
        if (!issues.isEmpty()) {
            throw new ObjectValidationException(issues);
        }
        Map<String, List<Long>> byTable = new LinkedHashMap<>();
        List<HistoryRecorder.Entry> entries = new ArrayList<>();
        for (DeletionPlan.Entry entry : plan.entries()) {
            if (entry.deletes()) {
                byTable.computeIfAbsent(model.tableOf(entry.className()), t -> new ArrayList<>()).add(entry.id());
                entries.add(HistoryRecorder.Entry.delete(entry.className(), entry.id()));
            }
        }
        entries.addAll(linkEnds(plan, byTable));
        byTable.forEach(tables::delete);
        history.record(context, entries);
        return plan;
    }

    /**
     * The deletion plan, made with every object it deletes locked for update: a writer still referring to one of them
     * (an import chunk not yet committed) is waited for, and its references are in the plan. The requested objects are
     * locked first; objects the plan adds (dependants deleted with them) are locked in turn and the plan made again,
     * until it deletes nothing unlocked: one plan when nothing is deleted with them.
     */
    private DeletionPlan lockedPlan(WriteContext context, String className, Collection<Long> ids) {
        String requestedTable = model.tableOf(className);
        tables.lockForUpdate(requestedTable, ids);
        Set<String> locked = new HashSet<>();
        ids.forEach(id -> locked.add(requestedTable + ":" + id));
        while (true) {
            DeletionPlan plan = planner.plan(context, className, ids);
            Map<String, List<Long>> toLock = new LinkedHashMap<>();
            for (DeletionPlan.Entry entry : plan.entries()) {
                String table = model.tableOf(entry.className());
                if (entry.deletes() && locked.add(table + ":" + entry.id())) {
                    toLock.computeIfAbsent(table, t -> new ArrayList<>()).add(entry.id());
                }
            }
            if (toLock.isEmpty()) {
                return plan;
            }
            toLock.forEach(tables::lockForUpdate);
        }
    }

    /** The history entries of the objects that deleted links pointed at, read before the links go. */
    private List<HistoryRecorder.Entry> linkEnds(DeletionPlan plan, Map<String, List<Long>> deletedByTable) {
        LinkEndHistory ends = new LinkEndHistory(model, tables);
        Map<String, List<Long>> links = new LinkedHashMap<>();
        Map<Long, String> classOf = new HashMap<>();
        for (DeletionPlan.Entry entry : plan.entries()) {
            if (entry.deletes() && ends.isLink(entry.className())) {
                links.computeIfAbsent(model.tableOf(entry.className()), t -> new ArrayList<>()).add(entry.id());
                classOf.put(entry.id(), entry.className());
            }
        }
        if (links.isEmpty()) {
            return List.of();
        }
        Map<String, Set<Long>> deleted = new HashMap<>();
        deletedByTable.forEach((table, ids) -> deleted.put(table, new HashSet<>(ids)));
        links.forEach((table, ids) -> tables.select(table, ids)
                .forEach((id, values) -> ends.deleted(classOf.get(id), values, deleted)));
        return ends.entries();
    }

    /** A lifecycle refusal, reported by REST as an in-operation error (code 100, no "Error: " prefix). */
    public static class StimulusException extends RuntimeException {
        public StimulusException(String message) {
            super(message);
        }
    }

    /** A deletion plan that cannot be carried out; nothing was deleted. */
    public static class DeletionRefusedException extends RuntimeException {
        private final DeletionPlan plan;

        public DeletionRefusedException(DeletionPlan plan, DeletionPlan.Entry blocking) {
            super("Found issue(s): target_class = " + blocking.className() + ", target_id = " + blocking.id()
                    + ", issues = " + (blocking.issues().isEmpty() ? "Must be deleted explicitely"
                    : blocking.issues().stream().collect(Collectors.joining(", "))));
            this.plan = plan;
        }

        public DeletionPlan plan() {
            return plan;
        }
    }

    // ---------------------------------------------------------------- bulk look-ups (CSV import)

    /** How many objects match one tuple of {@link #matchAll}, and the smallest matching id (null when none). */
    public record Match(int count, Long firstId) {
    }

    /**
     * Bulk form of {@link #find}: for each tuple of values (one per attribute of {@code attributes}, in order), how
     * many objects of the class (or its subclasses) match it — strings compared case-insensitively, null or empty
     * matching an empty value — with a few statements whatever the number of tuples. The attribute {@code id} may be
     * used. Values are typed as {@link ValueConverter#convert} returns them.
     */
    @Transactional(readOnly = true)
    public List<Match> matchAll(String className, List<String> attributes, List<List<Object>> tuples) {
        if (tuples.isEmpty()) {
            return List.of();
        }
        return tables.matchTuples(model.tableOf(className), model.concreteClasses(className), criteria(className, attributes),
                normalised(tuples)).stream().map(m -> new Match(m.count(), m.firstId())).toList();
    }

    /** The columns of reconciliation criteria (null for {@code id}); refuses attributes that cannot be searched. */
    private List<AttributeDef> criteria(String className, List<String> attributes) {
        List<AttributeDef> columns = new ArrayList<>();
        for (String code : attributes) {
            if (code.equals("id")) {
                columns.add(null);
                continue;
            }
            AttributeDef att = model.attribute(className, code).orElseThrow(() ->
                    new ObjectValidationException(Issue.of(code, code + ": Unknown attribute")));
            if (!att.isStored() || att.type() == AttributeType.CASE_LOG || att.type() == AttributeType.PASSWORD) {
                throw new ObjectValidationException(Issue.of(att.code(), att.code() + ": cannot be used as a search criterion"));
            }
            columns.add(att);
        }
        return columns;
    }

    private static boolean hasEmpty(List<Object> tuple) {
        for (Object value : tuple) { // a loop: a stream per tuple cost more than the test
            if ("".equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<List<Object>> normalised(List<List<Object>> tuples) {
        if (tuples.stream().noneMatch(ObjectService::hasEmpty)) {
            return tuples; // the usual case: no copy (bulk imports search thousands of tuples per chunk)
        }
        return tuples.stream().map(tuple -> tuple.stream()
                .map(value -> value instanceof String s && s.isEmpty() ? null : value).toList()).toList();
    }

    /** A match of {@link #matchAllAndGet}: as {@link Match}, plus the object when exactly one matched (else null). */
    public record LoadedMatch(int count, Long firstId, CmdbObject object) {
    }

    /**
     * {@link #matchAll} that also returns each object matched alone, with only the {@code loaded} attributes among its
     * values (stored attributes of the class: no external field, friendly name or link set), in the same statement: what
     * a bulk import needs to compare its rows with the objects they reconcile to, without loading whole objects.
     */
    @Transactional(readOnly = true)
    public List<LoadedMatch> matchAllAndGet(String className, List<String> attributes, List<List<Object>> tuples,
                                            Collection<String> loaded) {
        if (tuples.isEmpty()) {
            return List.of();
        }
        Map<String, String> columnsByCode = new LinkedHashMap<>();
        for (String code : loaded) {
            AttributeDef att = model.attribute(className, code).filter(a -> a.isStored() && !a.type().isLinkSet())
                    .orElseThrow(() -> new IllegalArgumentException(code + ": not a stored attribute of " + className));
            columnsByCode.put(code, att.column());
        }
        List<AttributeDef> columns = criteria(className, attributes);
        List<String> selected = List.copyOf(new java.util.LinkedHashSet<>(columnsByCode.values()));
        List<String> codes = List.copyOf(columnsByCode.keySet());
        int[] positions = columnsByCode.values().stream().mapToInt(selected::indexOf).toArray();
        List<ObjectTables.RowMatch> matches = tables.matchRows(model.tableOf(className), model.concreteClasses(className),
                columns, normalised(tuples), selected);
        List<LoadedMatch> result = new ArrayList<>(matches.size());
        for (ObjectTables.RowMatch match : matches) {
            if (match.firstRow() == null) {
                result.add(new LoadedMatch(0, null, null));
                continue;
            }
            ObjectTables.FirstRow row = match.firstRow();
            CmdbObject object = null;
            if (match.count() == 1) {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < codes.size(); c++) {
                    values.put(codes.get(c), row.values()[positions[c]]);
                }
                object = new CmdbObject(row.finalClass(), row.id(), values);
            }
            result.add(new LoadedMatch(match.count(), row.id(), object));
        }
        return result;
    }

    /** The field locks held on these objects of {@code className} (a final class), from every lock provider. */
    public Map<Long, List<FieldLock>> fieldLocks(String className, Collection<Long> ids) {
        return writer.locks(className, ids);
    }

    /**
     * Refreshes the database's statistics on the table of the class, roughly. A bulk load that grows a table from a
     * few rows to many calls it now and then: without it PostgreSQL keeps planning look-ups for a near-empty table.
     * What those plans need is which columns are selective, which a sample of 3,000 rows tells as well as PostgreSQL's
     * usual 30,000 (its default before version 8.4), at an eighth of the cost: 20 ms against 170–200 ms on 100,000
     * Persons, where three refreshes had been a tenth of a 100,000-row creation. The finer statistics come back with
     * the next ANALYZE, autovacuum's after the load or any other.
     */
    public void refreshStatistics(String className) {
        tables.analyze(model.tableOf(className), 10);
    }

    /** The number of rows of the class's table as the database last estimated it (0 if never estimated). */
    public long estimatedRowCount(String className) {
        return tables.estimatedRowCount(model.tableOf(className));
    }
}
