package tributary.rest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.ClassDef;
import tributary.model.DataModel;
import tributary.model.ImpactRule;

/**
 * The {@code impacts} relation of the data model, walked level by level from a scope of objects: {@code down}
 * finds what the scope impacts, {@code up} what impacts the scope. Each level costs one statement per applicable
 * rule, whatever the number of objects. Identifiers come from the model; ids are bound parameters.
 */
@Component
class ImpactGraph {

    /** An object of the graph. */
    record Node(String className, long id) {
        String ref() {
            return className + "::" + id;
        }
    }

    /** An edge: {@code source} impacts {@code target}. */
    record Edge(Node source, Node target) {
    }

    /** Nodes in discovery order (scope first) and edges. */
    record Graph(List<Node> nodes, List<Edge> edges) {
    }

    private final DataModel model;
    private final Jdbi jdbi;

    ImpactGraph(DataModel model, Jdbi jdbi) {
        this.model = model;
        this.jdbi = jdbi;
    }

    Graph compute(List<Node> scope, long depth, boolean down) {
        Set<Node> nodes = new LinkedHashSet<>(scope);
        Set<Edge> edges = new LinkedHashSet<>();
        List<Node> frontier = new ArrayList<>(nodes);
        for (long level = 0; level < depth && !frontier.isEmpty(); level++) {
            List<Edge> found = down ? impactedBy(frontier) : impacting(frontier);
            List<Node> next = new ArrayList<>();
            for (Edge edge : found) {
                edges.add(edge);
                Node reached = down ? edge.target() : edge.source();
                if (nodes.add(reached)) {
                    next.add(reached);
                }
            }
            frontier = next;
        }
        return new Graph(List.copyOf(nodes), List.copyOf(edges));
    }

    // ---------------------------------------------------------------- down

    private List<Edge> impactedBy(List<Node> sources) {
        Map<ImpactRule, List<Node>> byRule = new LinkedHashMap<>();
        Map<ImpactRule, String> ruleOwner = new HashMap<>();
        for (Node source : sources) {
            for (String cls : model.lineage(source.className())) {
                for (ImpactRule rule : model.cls(cls).impacts()) {
                    byRule.computeIfAbsent(rule, r -> new ArrayList<>()).add(source);
                    ruleOwner.put(rule, cls);
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        byRule.forEach((rule, group) -> {
            Map<Long, Node> byId = index(group);
            if (rule.attribute() != null) {
                AttributeDef linkSet = model.attribute(ruleOwner.get(rule), rule.attribute()).orElseThrow();
                String linkClass = linkSet.targetClass();
                if (linkSet.type() == AttributeType.LINK_SET_INDIRECT) {
                    AttributeDef remote = model.attribute(linkClass, linkSet.remoteAttribute()).orElseThrow();
                    List<long[]> pairs = pairs(linkClass, linkSet.keyAttribute(), linkSet.remoteAttribute(), byId.keySet());
                    Map<Long, String> classes = classesOf(remote.targetClass(), pairs.stream().map(p -> p[1]).toList());
                    for (long[] pair : pairs) {
                        if (classes.containsKey(pair[1])) {
                            edges.add(new Edge(byId.get(pair[0]), new Node(classes.get(pair[1]), pair[1])));
                        }
                    }
                } else {
                    referrers(linkClass, linkSet.keyAttribute(), byId, edges);
                }
            } else {
                referrers(rule.referrerClass(), rule.referrerKey(), byId, edges);
            }
        });
        return edges;
    }

    /** Objects of {@code referrerClass} whose {@code key} points to one of the sources. */
    private void referrers(String referrerClass, String key, Map<Long, Node> sources, List<Edge> edges) {
        String sql = "select \"" + key + "\", id, finalclass from " + table(referrerClass)
                + " where finalclass = any(:classes) and \"" + key + "\" = any(:ids) order by id";
        jdbi.useHandle(handle -> handle.createQuery(sql)
                .bindArray("classes", String.class, model.concreteClasses(referrerClass))
                .bindArray("ids", Long.class, sources.keySet())
                .map((rs, ctx) -> new Edge(sources.get(rs.getLong(1)), new Node(rs.getString(3), rs.getLong(2))))
                .forEach(edges::add));
    }

    // ---------------------------------------------------------------- up

    private List<Edge> impacting(List<Node> targets) {
        List<Edge> edges = new ArrayList<>();
        for (ClassDef owner : model.classes()) {
            for (ImpactRule rule : owner.impacts()) {
                if (rule.attribute() != null) {
                    AttributeDef linkSet = model.attribute(owner.name(), rule.attribute()).orElseThrow();
                    String linkClass = linkSet.targetClass();
                    if (linkSet.type() == AttributeType.LINK_SET_INDIRECT) {
                        AttributeDef remote = model.attribute(linkClass, linkSet.remoteAttribute()).orElseThrow();
                        Map<Long, Node> reached = index(targets.stream()
                                .filter(t -> model.isSubclassOf(t.className(), remote.targetClass())).toList());
                        if (reached.isEmpty()) {
                            continue;
                        }
                        List<long[]> pairs = pairs(linkClass, linkSet.remoteAttribute(), linkSet.keyAttribute(), reached.keySet());
                        Map<Long, String> classes = classesOf(owner.name(), pairs.stream().map(p -> p[1]).toList());
                        for (long[] pair : pairs) {
                            if (classes.containsKey(pair[1])) {
                                edges.add(new Edge(new Node(classes.get(pair[1]), pair[1]), reached.get(pair[0])));
                            }
                        }
                    } else {
                        keyTargets(owner.name(), linkClass, linkSet.keyAttribute(), targets, edges);
                    }
                } else {
                    keyTargets(owner.name(), rule.referrerClass(), rule.referrerKey(), targets, edges);
                }
            }
        }
        return edges;
    }

    /** The objects of {@code ownerClass} that the targets (of {@code referrerClass}) point to with {@code key}. */
    private void keyTargets(String ownerClass, String referrerClass, String key, List<Node> targets, List<Edge> edges) {
        Map<Long, Node> referrers = index(targets.stream().filter(t -> model.isSubclassOf(t.className(), referrerClass)).toList());
        if (referrers.isEmpty()) {
            return;
        }
        String sql = "select id, \"" + key + "\" from " + table(referrerClass) + " where id = any(:ids) and \"" + key
                + "\" is not null order by id";
        List<long[]> pairs = jdbi.withHandle(handle -> handle.createQuery(sql)
                .bindArray("ids", Long.class, referrers.keySet())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list());
        Map<Long, String> classes = classesOf(ownerClass, pairs.stream().map(p -> p[1]).toList());
        for (long[] pair : pairs) {
            if (classes.containsKey(pair[1])) {
                edges.add(new Edge(new Node(classes.get(pair[1]), pair[1]), referrers.get(pair[0])));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** ({@code from}, {@code to}) column pairs of the links whose {@code from} is one of the ids. */
    private List<long[]> pairs(String linkClass, String from, String to, Collection<Long> ids) {
        String sql = "select \"" + from + "\", \"" + to + "\" from " + table(linkClass)
                + " where finalclass = any(:classes) and \"" + from + "\" = any(:ids) and \"" + to + "\" is not null order by id";
        return jdbi.withHandle(handle -> handle.createQuery(sql)
                .bindArray("classes", String.class, model.concreteClasses(linkClass))
                .bindArray("ids", Long.class, ids)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list());
    }

    /** Final classes of those ids that are objects of {@code className}. */
    private Map<Long, String> classesOf(String className, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> result = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("select id, finalclass from " + table(className)
                        + " where id = any(:ids) and finalclass = any(:classes)")
                .bindArray("ids", Long.class, Set.copyOf(ids))
                .bindArray("classes", String.class, model.concreteClasses(className))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> result.put(e.getKey(), e.getValue())));
        return result;
    }

    private String table(String className) {
        return "cmdb.\"" + model.tableOf(className) + "\"";
    }

    private static Map<Long, Node> index(List<Node> nodes) {
        Map<Long, Node> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        return byId;
    }
}
