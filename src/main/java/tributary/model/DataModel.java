package tributary.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The loaded, validated data model: classes with their inherited attributes, hierarchy and storage tables.
 * Immutable; built by {@link ModelLoader}.
 */
public final class DataModel {

    private final Map<String, ClassDef> classes;
    private final Map<String, String> classByLowerName;
    private final Map<String, Map<String, AttributeDef>> attributes;
    private final Map<String, List<String>> children;

    DataModel(Map<String, ClassDef> declared) {
        this.classes = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
        Map<String, String> lower = new TreeMap<>();
        Map<String, List<String>> kids = new LinkedHashMap<>();
        declared.keySet().forEach(name -> {
            lower.put(name.toLowerCase(Locale.ROOT), name);
            kids.put(name, new ArrayList<>());
        });
        declared.values().stream().filter(c -> c.parent() != null)
                .forEach(c -> kids.get(c.parent()).add(c.name()));
        this.classByLowerName = Collections.unmodifiableMap(lower);
        this.children = Collections.unmodifiableMap(kids);
        Map<String, Map<String, AttributeDef>> all = new LinkedHashMap<>();
        for (String name : declared.keySet()) {
            all.put(name, Collections.unmodifiableMap(collectAttributes(name)));
        }
        this.attributes = Collections.unmodifiableMap(all);
    }

    private LinkedHashMap<String, AttributeDef> collectAttributes(String name) {
        ClassDef cls = classes.get(name);
        LinkedHashMap<String, AttributeDef> result =
                cls.parent() == null ? new LinkedHashMap<>() : collectAttributes(cls.parent());
        cls.ownAttributes().forEach(att -> result.put(att.code(), att));
        return result;
    }

    public Collection<ClassDef> classes() {
        return classes.values();
    }

    public boolean hasClass(String name) {
        return name != null && classes.containsKey(name);
    }

    public ClassDef cls(String name) {
        ClassDef cls = classes.get(name);
        if (cls == null) {
            throw new ModelException("Unknown class '" + name + "'");
        }
        return cls;
    }

    public Optional<ClassDef> findClass(String name) {
        return Optional.ofNullable(name == null ? null : classes.get(name));
    }

    /** The class whose name equals {@code name} ignoring case, if any. */
    public Optional<String> classIgnoringCase(String name) {
        return Optional.ofNullable(name == null ? null : classByLowerName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every attribute of the class, inherited ones first, in declaration order. */
    public Map<String, AttributeDef> attributes(String className) {
        Map<String, AttributeDef> result = attributes.get(className);
        if (result == null) {
            throw new ModelException("Unknown class '" + className + "'");
        }
        return result;
    }

    public Optional<AttributeDef> attribute(String className, String code) {
        return Optional.ofNullable(attributes(className).get(code));
    }

    public String rootOf(String className) {
        ClassDef cls = cls(className);
        while (cls.parent() != null) {
            cls = classes.get(cls.parent());
        }
        return cls.name();
    }

    /** PostgreSQL table (in schema {@code cmdb}) holding the objects of the class: one per hierarchy. */
    public String tableOf(String className) {
        ClassDef root = cls(rootOf(className));
        return root.table() != null ? root.table() : root.name().toLowerCase(Locale.ROOT);
    }

    /** Whether objects of the class are written by Tributary only (inherited). */
    public boolean isReadOnly(String className) {
        for (String current = className; current != null; current = cls(current).parent()) {
            if (cls(current).readOnly()) {
                return true;
            }
        }
        return false;
    }

    public boolean isSubclassOf(String className, String ancestor) {
        for (String current = className; current != null; current = classes.get(current).parent()) {
            if (current.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The class and its ancestors, from the class up to its root. */
    public List<String> lineage(String className) {
        List<String> result = new ArrayList<>();
        for (String current = className; current != null; current = cls(current).parent()) {
            result.add(current);
        }
        return result;
    }

    /** The class and all its descendants, depth first. */
    public List<String> descendants(String className) {
        List<String> result = new ArrayList<>();
        result.add(className);
        for (String child : children.getOrDefault(className, List.of())) {
            result.addAll(descendants(child));
        }
        return result;
    }

    /** The non-abstract classes among the class and its descendants. */
    public List<String> concreteClasses(String className) {
        return descendants(className).stream().filter(name -> !classes.get(name).isAbstract()).toList();
    }

    /** The closest class both arguments are (or descend from), if they share a hierarchy. */
    public Optional<String> commonAncestor(String first, String second) {
        List<String> firstLineage = lineage(first);
        return lineage(second).stream().filter(firstLineage::contains).findFirst();
    }

    /** Friendly-name rule of the class (inherited from the closest ancestor declaring one). */
    public List<String> friendlyNameAttributes(String className) {
        for (String current : lineage(className)) {
            List<String> rule = classes.get(current).friendlyName();
            if (!rule.isEmpty()) {
                return rule;
            }
        }
        return List.of("id");
    }

    /**
     * The friendly-name rule every object found through {@code className} follows, when its concrete classes all share
     * the class's own; empty when a subclass names its objects otherwise (a Person under Contact), as each object is
     * named by its own class's rule.
     */
    public Optional<List<String>> sharedFriendlyNameAttributes(String className) {
        List<String> own = friendlyNameAttributes(className);
        return concreteClasses(className).stream().allMatch(concrete -> friendlyNameAttributes(concrete).equals(own))
                ? Optional.of(own) : Optional.empty();
    }

    /** Reconciliation keys of the class (inherited from the closest ancestor declaring some). */
    public List<String> reconciliationKeys(String className) {
        for (String current : lineage(className)) {
            List<String> keys = classes.get(current).reconciliationKeys();
            if (!keys.isEmpty()) {
                return keys;
            }
        }
        return List.of();
    }

    public Optional<Lifecycle> lifecycle(String className) {
        for (String current = className; current != null; current = cls(current).parent()) {
            Lifecycle lifecycle = classes.get(current).lifecycle();
            if (lifecycle != null) {
                return Optional.of(lifecycle);
            }
        }
        return Optional.empty();
    }

    /** Impact rules of the class, its own and its ancestors'. */
    public List<ImpactRule> impacts(String className) {
        List<ImpactRule> result = new ArrayList<>();
        lineage(className).forEach(name -> result.addAll(classes.get(name).impacts()));
        return result;
    }

    public String category(String className) {
        for (String current : lineage(className)) {
            String category = classes.get(current).category();
            if (category != null) {
                return category;
            }
        }
        return "bizmodel";
    }

    /** Root classes: one table each. */
    public List<String> rootClasses() {
        return classes.values().stream().filter(c -> c.parent() == null).map(ClassDef::name).toList();
    }

    /** Stored attributes of every class of the hierarchy of {@code rootClass}: the columns of its table. */
    public Map<String, AttributeDef> columnsOfHierarchy(String rootClass) {
        Map<String, AttributeDef> columns = new LinkedHashMap<>();
        for (String name : descendants(rootClass)) {
            for (AttributeDef att : classes.get(name).ownAttributes()) {
                if (att.isStored()) {
                    columns.putIfAbsent(att.column(), att);
                }
            }
        }
        return columns;
    }

    /** External keys of every class that point to {@code className} or one of its ancestors. */
    public List<AttributeDef> keysPointingTo(String className) {
        List<String> lineage = lineage(className);
        List<AttributeDef> result = new ArrayList<>();
        for (ClassDef cls : classes.values()) {
            for (AttributeDef att : cls.ownAttributes()) {
                if (att.type() == AttributeType.EXTERNAL_KEY && lineage.contains(att.targetClass())) {
                    result.add(att);
                }
            }
        }
        return result;
    }
}
