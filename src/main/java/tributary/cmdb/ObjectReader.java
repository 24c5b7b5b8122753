package tributary.cmdb;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;

/**
 * Loads objects by id in bulk and computes their external fields and friendly names. The targets of external
 * keys are fetched level by level, one statement per table and level, so a chunk of objects costs a few
 * statements whatever its size.
 */
@Component
class ObjectReader {

    private static final int PREFETCH_LEVELS = 3;

    private final ObjectTables tables;
    private final DataModel model;

    ObjectReader(ObjectTables tables, DataModel model) {
        this.tables = tables;
        this.model = model;
    }

    /** The objects of {@code className} (or its subclasses) with these ids, in id order; missing ids are skipped. */
    List<CmdbObject> load(String className, Collection<Long> ids, boolean withLinkSets) {
        String table = model.tableOf(className);
        Set<String> classes = Set.copyOf(model.concreteClasses(className));
        Cache cache = new Cache();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : cache.fetch(table, ids).values()) {
            if (classes.contains((String) row.get("finalclass"))) {
                rows.add(row);
            }
        }
        return objects(rows, withLinkSets, cache);
    }

    /** Objects from fetched rows; targets of their keys (and their link sets) go through the same cache. */
    private List<CmdbObject> objects(List<Map<String, Object>> rows, boolean withLinkSets, Cache cache) {
        cache.prefetchTargets(rows);
        Map<String, Map<Long, List<CmdbObject>>> linkSets = withLinkSets ? loadLinkSets(rows, cache) : Map.of();
        List<CmdbObject> result = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            String finalClass = (String) row.get("finalclass");
            long id = ((Number) row.get("id")).longValue();
            Map<String, Object> values = new LinkedHashMap<>();
            for (AttributeDef att : model.attributes(finalClass).values()) {
                if (att.type().isLinkSet()) {
                    if (withLinkSets) {
                        values.put(att.code(), linkSets.getOrDefault(att.code(), Map.of()).getOrDefault(id, List.of()));
                    }
                } else {
                    values.put(att.code(), cache.value(finalClass, row, att));
                }
            }
            result.add(new CmdbObject(finalClass, id, values));
        }
        return result;
    }

    /** The links of every host row, one statement per link-set attribute (plus their keys' targets). */
    private Map<String, Map<Long, List<CmdbObject>>> loadLinkSets(List<Map<String, Object>> rows, Cache cache) {
        Map<String, Map<Long, List<CmdbObject>>> result = new HashMap<>();
        Map<AttributeDef, List<Long>> hostsByLinkSet = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            for (AttributeDef att : model.attributes((String) row.get("finalclass")).values()) {
                if (att.type().isLinkSet()) {
                    hostsByLinkSet.computeIfAbsent(att, a -> new ArrayList<>()).add(((Number) row.get("id")).longValue());
                }
            }
        }
        hostsByLinkSet.forEach((att, hosts) -> {
            String linkClass = att.targetClass();
            String table = model.tableOf(linkClass);
            Map<Long, Map<String, Object>> linkRows = tables.selectReferencing(table, model.concreteClasses(linkClass),
                    att.keyAttribute(), hosts);
            cache.add(table, linkRows);
            Map<Long, List<CmdbObject>> byHost = new HashMap<>();
            for (CmdbObject link : objects(new ArrayList<>(linkRows.values()), false, cache)) {
                byHost.computeIfAbsent(link.getLong(att.keyAttribute()), h -> new ArrayList<>()).add(link);
            }
            result.merge(att.code(), byHost, (a, b) -> {
                a.putAll(b);
                return a;
            });
        });
        return result;
    }

    /** Rows fetched during one load, by table and id. */
    private final class Cache {
        private final Map<String, Map<Long, Map<String, Object>>> rowsByTable = new HashMap<>();

        void add(String table, Map<Long, Map<String, Object>> rows) {
            rowsByTable.computeIfAbsent(table, t -> new HashMap<>()).putAll(rows);
        }

        Map<Long, Map<String, Object>> fetch(String table, Collection<Long> ids) {
            Map<Long, Map<String, Object>> known = rowsByTable.computeIfAbsent(table, t -> new HashMap<>());
            List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
            known.putAll(tables.select(table, missing));
            Map<Long, Map<String, Object>> result = new LinkedHashMap<>();
            ids.stream().sorted().distinct().filter(known::containsKey).forEach(id -> result.put(id, known.get(id)));
            return result;
        }

        void prefetchTargets(List<Map<String, Object>> rows) {
            List<Map<String, Object>> level = rows;
            for (int depth = 0; depth < PREFETCH_LEVELS && !level.isEmpty(); depth++) {
                Map<String, Set<Long>> wanted = new HashMap<>();
                for (Map<String, Object> row : level) {
                    for (AttributeDef att : model.attributes((String) row.get("finalclass")).values()) {
                        if (att.type() == AttributeType.EXTERNAL_KEY && row.get(att.column()) != null) {
                            wanted.computeIfAbsent(model.tableOf(att.targetClass()), t -> new HashSet<>())
                                    .add(((Number) row.get(att.column())).longValue());
                        }
                    }
                }
                List<Map<String, Object>> next = new ArrayList<>();
                wanted.forEach((table, ids) -> {
                    Map<Long, Map<String, Object>> known = rowsByTable.computeIfAbsent(table, t -> new HashMap<>());
                    List<Long> missing = ids.stream().filter(id -> !known.containsKey(id)).toList();
                    if (!missing.isEmpty()) {
                        Map<Long, Map<String, Object>> fetched = tables.select(table, missing);
                        known.putAll(fetched);
                        next.addAll(fetched.values());
                    }
                });
                level = next;
            }
        }

        Object value(String finalClass, Map<String, Object> row, AttributeDef att) {
            return switch (att.type()) {
                case FRIENDLY_NAME -> friendlyName(finalClass, row);
                case EXTERNAL_FIELD -> externalField(finalClass, row, att);
                default -> row.get(att.column());
            };
        }

        private String friendlyName(String finalClass, Map<String, Object> row) {
            return model.friendlyNameAttributes(finalClass).stream()
                    .map(code -> code.equals("id") ? row.get("id")
                            : value(finalClass, row, model.attribute(finalClass, code).orElseThrow()))
                    .map(ValueConverter::toText)
                    // Every part, empty ones too, as iTop's friendly name and OQL's friendlyname (FieldTranslator) do:
                    // a Person without a first name is " Solo" everywhere, so a search finds what a read shows.
                    .collect(Collectors.joining(" "));
        }

        private Object externalField(String finalClass, Map<String, Object> row, AttributeDef att) {
            AttributeDef key = model.attribute(finalClass, att.keyAttribute()).orElseThrow();
            Object target = row.get(key.column());
            if (target == null) {
                return null;
            }
            Map<String, Object> targetRow = fetch(model.tableOf(key.targetClass()), List.of(((Number) target).longValue()))
                    .get(((Number) target).longValue());
            if (targetRow == null) {
                return null;
            }
            String targetClass = (String) targetRow.get("finalclass");
            AttributeDef remote = model.attribute(targetClass, att.remoteAttribute()).orElse(null);
            return remote == null ? null : value(targetClass, targetRow, remote);
        }
    }
}
