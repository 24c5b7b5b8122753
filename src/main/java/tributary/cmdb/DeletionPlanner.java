package tributary.cmdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tributary.model.AttributeDef;
import tributary.model.DataModel;
import tributary.model.DeletionRule;

/**
 * Builds deletion plans: starting from the requested objects, follows every external key pointing to an object
 * being deleted and applies its rule — delete the referrer too (recursively), reset the key, or require the
 * referrer to be deleted by hand. One statement per key and level.
 */
@Component
class DeletionPlanner {

    private final DataModel model;
    private final ObjectTables tables;
    private final ObjectReader reader;
    private final List<DeletionGuard> guards;

    DeletionPlanner(DataModel model, ObjectTables tables, ObjectReader reader, List<DeletionGuard> guards) {
        this.model = model;
        this.tables = tables;
        this.reader = reader;
        this.guards = guards;
    }

    private static final class Draft {
        final String className;
        final long id;
        DeletionPlan.Mode mode;
        final List<String> resetAttributes = new ArrayList<>();
        final List<String> issues = new ArrayList<>();

        Draft(String className, long id, DeletionPlan.Mode mode) {
            this.className = className;
            this.id = id;
            this.mode = mode;
        }
    }

    DeletionPlan plan(WriteContext context, String className, Collection<Long> ids) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        List<Draft> level = new ArrayList<>();
        for (CmdbObject object : reader.load(className, ids, false)) {
            Draft draft = new Draft(object.className(), object.id(), DeletionPlan.Mode.REQUESTED);
            drafts.put(object.ref(), draft);
            level.add(draft);
        }
        while (!level.isEmpty()) {
            List<Draft> next = new ArrayList<>();
            Map<String, List<Long>> idsByClass = new LinkedHashMap<>();
            level.forEach(d -> idsByClass.computeIfAbsent(d.className, c -> new ArrayList<>()).add(d.id));
            for (Map.Entry<String, List<Long>> group : idsByClass.entrySet()) {
                for (AttributeDef key : model.keysPointingTo(group.getKey())) {
                    String declaring = key.declaringClass();
                    for (Map.Entry<Long, String> referrer : tables.referencing(model.tableOf(declaring),
                            model.concreteClasses(declaring), key.column(), group.getValue())) {
                        String ref = referrer.getValue() + "::" + referrer.getKey();
                        Draft existing = drafts.get(ref);
                        if (existing != null && existing.mode != null && (existing.mode == DeletionPlan.Mode.REQUESTED
                                || existing.mode == DeletionPlan.Mode.AUTO_DELETE)) {
                            continue;
                        }
                        DeletionRule rule = key.onTargetDelete();
                        if (rule == DeletionRule.AUTO_DELETE) {
                            Draft draft = new Draft(referrer.getValue(), referrer.getKey(), DeletionPlan.Mode.AUTO_DELETE);
                            drafts.put(ref, draft);
                            next.add(draft);
                        } else if (rule == DeletionRule.MANUAL) {
                            drafts.put(ref, new Draft(referrer.getValue(), referrer.getKey(),
                                    DeletionPlan.Mode.MUST_DELETE_MANUALLY));
                        } else {
                            Draft draft = existing != null ? existing
                                    : new Draft(referrer.getValue(), referrer.getKey(), DeletionPlan.Mode.RESET);
                            draft.resetAttributes.add(key.code());
                            if (key.mandatory()) {
                                draft.issues.add("the key " + key.code() + " is mandatory");
                            }
                            drafts.put(ref, draft);
                        }
                    }
                }
            }
            level = next;
        }
        for (Draft draft : drafts.values()) {
            if (draft.mode == DeletionPlan.Mode.REQUESTED && model.isReadOnly(draft.className)) {
                draft.issues.add(ObjectWriter.readOnlyClass(draft.className).message());
            }
            if (draft.mode == DeletionPlan.Mode.REQUESTED || draft.mode == DeletionPlan.Mode.AUTO_DELETE) {
                for (DeletionGuard guard : guards) {
                    guard.refusal(draft.className, draft.id, context).ifPresent(draft.issues::add);
                }
            }
        }
        return new DeletionPlan(withFriendlyNames(drafts.values()));
    }

    private List<DeletionPlan.Entry> withFriendlyNames(Collection<Draft> drafts) {
        Map<String, List<Long>> idsByClass = new LinkedHashMap<>();
        drafts.forEach(d -> idsByClass.computeIfAbsent(d.className, c -> new ArrayList<>()).add(d.id));
        Map<String, String> names = new LinkedHashMap<>();
        idsByClass.forEach((cls, ids) -> reader.load(cls, ids, false).forEach(o -> names.put(o.ref(), o.friendlyName())));
        return drafts.stream().map(d -> new DeletionPlan.Entry(d.className, d.id, names.get(d.className + "::" + d.id),
                d.mode, d.resetAttributes, d.issues)).toList();
    }
}
