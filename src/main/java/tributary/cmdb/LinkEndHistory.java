package tributary.cmdb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;

/**
 * What links written or deleted change on the objects they point to: iTop records a link added, removed or modified in
 * the history of both objects it joins, under each one's link set (a Person's new team shows in the Team's members
 * history too, and so does a deleted Person's membership). Collects the changes of one write, then gives one history
 * entry per object and link set.
 */
final class LinkEndHistory {

    private static final int ADDED = 0;
    private static final int REMOVED = 1;
    private static final int MODIFIED = 2;

    /** The end of a link: its class and the external key pointing at the object. */
    private record End(String linkClass, String keyCode) {
    }

    private final DataModel model;
    private final ObjectTables tables;
    /** Per table of the objects pointed to, per object, per end: added, removed, modified. */
    private final Map<String, Map<Long, Map<End, int[]>>> counts = new LinkedHashMap<>();
    /** The link classes of the model's indirect link sets, found at the first {@link #isLink}. */
    private Set<String> linkClasses;
    /** {@link #isLink} by class: asked for every object a bulk write creates or changes. */
    private final Map<String, Boolean> isLink = new java.util.HashMap<>();

    LinkEndHistory(DataModel model, ObjectTables tables) {
        this.model = model;
        this.tables = tables;
    }

    /** A link of the indirect link set {@code linkSet} added to its host, pointing at {@code remote}. */
    void added(AttributeDef linkSet, Object remote) {
        countRemote(linkSet, remote, ADDED);
    }

    void removed(AttributeDef linkSet, Object remote) {
        countRemote(linkSet, remote, REMOVED);
    }

    void modified(AttributeDef linkSet, Object remote) {
        countRemote(linkSet, remote, MODIFIED);
    }

    /**
     * A link object deleted with {@code values} (its columns): each object its external keys point at, unless it is
     * deleted too ({@code deleted}, by table), loses it.
     */
    void deleted(String linkClass, Map<String, Object> values, Map<String, Set<Long>> deleted) {
        for (AttributeDef key : model.attributes(linkClass).values()) {
            if (key.type() == AttributeType.EXTERNAL_KEY && values.get(key.column()) instanceof Number id) {
                String table = model.tableOf(key.targetClass());
                if (!deleted.getOrDefault(table, Set.of()).contains(id.longValue())) {
                    count(table, id.longValue(), new End(linkClass, key.code()), REMOVED);
                }
            }
        }
    }

    /** Whether objects of {@code className} are the links of some indirect link set (lnkPersonToTeam). */
    boolean isLink(String className) {
        if (linkClasses == null) {
            linkClasses = new HashSet<>();
            model.classes().forEach(cls -> model.attributes(cls.name()).values().stream()
                    .filter(att -> att.type() == AttributeType.LINK_SET_INDIRECT)
                    .forEach(att -> linkClasses.add(att.targetClass())));
        }
        return isLink.computeIfAbsent(className, name -> linkClasses.stream().anyMatch(link -> model.isSubclassOf(name, link)));
    }

    /** A link object created by itself (not through a host's link set): each object it points at gains it. */
    void created(String linkClass, Map<String, Object> values) {
        for (AttributeDef key : keys(linkClass)) {
            if (values.get(key.code()) instanceof Number id) {
                count(model.tableOf(key.targetClass()), id.longValue(), new End(linkClass, key.code()), ADDED);
            }
        }
    }

    /**
     * A link object changed by itself: a key that changes moves the link from one object to another (removed there,
     * added here); the objects it still points at see it modified.
     */
    void changed(String linkClass, Map<String, Object> before, Map<String, Object> after,
                 java.util.Collection<String> changedCodes) {
        for (AttributeDef key : keys(linkClass)) {
            String table = model.tableOf(key.targetClass());
            End end = new End(linkClass, key.code());
            Object old = before.get(key.code());
            Object now = after.containsKey(key.code()) ? after.get(key.code()) : old;
            if (changedCodes.contains(key.code())) {
                if (old instanceof Number id) {
                    count(table, id.longValue(), end, REMOVED);
                }
                if (now instanceof Number id) {
                    count(table, id.longValue(), end, ADDED);
                }
            } else if (now instanceof Number id) {
                count(table, id.longValue(), end, MODIFIED);
            }
        }
    }

    private List<AttributeDef> keys(String linkClass) {
        return model.attributes(linkClass).values().stream()
                .filter(att -> att.type() == AttributeType.EXTERNAL_KEY).toList();
    }

    private void countRemote(AttributeDef linkSet, Object remote, int kind) {
        if (linkSet.type() != AttributeType.LINK_SET_INDIRECT || !(remote instanceof Number id)) {
            return;
        }
        String remoteClass = model.attribute(linkSet.targetClass(), linkSet.remoteAttribute()).orElseThrow().targetClass();
        count(model.tableOf(remoteClass), id.longValue(), new End(linkSet.targetClass(), linkSet.remoteAttribute()), kind);
    }

    private void count(String table, long id, End end, int kind) {
        counts.computeIfAbsent(table, t -> new LinkedHashMap<>()).computeIfAbsent(id, i -> new LinkedHashMap<>())
                .computeIfAbsent(end, e -> new int[3])[kind]++;
    }

    /** One entry per object and link set of its class that holds such links (objects without one get none). */
    List<HistoryRecorder.Entry> entries() {
        List<HistoryRecorder.Entry> entries = new ArrayList<>();
        counts.forEach((table, byId) -> {
            Map<Long, String> classes = tables.finalClasses(table, byId.keySet());
            byId.forEach((id, byEnd) -> byEnd.forEach((end, changes) -> {
                String objectClass = classes.get(id);
                AttributeDef back = objectClass == null ? null : model.attributes(objectClass).values().stream()
                        .filter(att -> att.type() == AttributeType.LINK_SET_INDIRECT
                                && model.isSubclassOf(end.linkClass(), att.targetClass())
                                && att.keyAttribute().equals(end.keyCode()))
                        .findFirst().orElse(null);
                if (back != null) {
                    entries.add(HistoryRecorder.Entry.links(objectClass, id, back.code(), description(changes)));
                }
            }));
        });
        return entries;
    }

    /** The text of a link-set history entry: "added 1, removed 0", with ", modified n" when some links changed. */
    static String description(int[] changes) {
        return "added " + changes[ADDED] + ", removed " + changes[REMOVED]
                + (changes[MODIFIED] > 0 ? ", modified " + changes[MODIFIED] : "");
    }
}
