package tributary.cmdb;

import java.util.ArrayList;
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
