package tributary.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the built-in model and the users' model files, merges them (a user file may add classes, or add
 * attributes to an existing class by naming it without a parent) and validates the result.
 */
public final class ModelLoader {

    /** Classpath resource of the built-in model. */
    public static final String BUILTIN = "model/builtin.yml";

    private static final Pattern CODE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("id", "finalclass", "obsolescence_flag");

    private final YAMLMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Loads the built-in model plus the given user files, in order. */
    public DataModel load(List<Path> userFiles) {
        Map<String, ClassDef> classes = new LinkedHashMap<>();
        try (InputStream in = ModelLoader.class.getClassLoader().getResourceAsStream(BUILTIN)) {
            merge(classes, parse(Objects.requireNonNull(in, BUILTIN), "built-in model"), "built-in model");
        } catch (IOException e) {
            throw new ModelException("cannot read the built-in model: " + e.getMessage());
        }
        for (Path file : userFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                merge(classes, parse(in, file.toString()), file.toString());
            } catch (IOException e) {
                throw new ModelException("cannot read model file '" + file + "': " + e.getMessage());
            }
        }
        checkHierarchy(classes);
        DataModel model = new DataModel(classes);
        new ModelValidator(model).validate();
        return model;
    }

    /** Parents must exist and never loop, before the model resolves inheritance. */
    private static void checkHierarchy(Map<String, ClassDef> classes) {
        for (ClassDef cls : classes.values()) {
            String where = cls.source() + ", class '" + cls.name() + "'";
            Set<String> visited = new HashSet<>();
            for (ClassDef current = cls; current.parent() != null; current = classes.get(current.parent())) {
                if (!classes.containsKey(current.parent())) {
                    throw new ModelException(where + ": unknown parent class '" + current.parent() + "'");
                }
                if (!visited.add(current.name())) {
                    throw new ModelException(where + ": its parent chain forms a cycle");
                }
            }
        }
    }

    private ModelFileSpec parse(InputStream in, String source) {
        try {
            ModelFileSpec spec = mapper.readValue(in, ModelFileSpec.class);
            if (spec == null || spec.classes() == null) {
                throw new ModelException(source + ": expected a top-level 'classes:' list");
            }
            return spec;
        } catch (JacksonException e) {
            throw new ModelException(source + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    private void merge(Map<String, ClassDef> classes, ModelFileSpec spec, String source) {
        for (ModelFileSpec.ClassSpec cs : spec.classes()) {
            String where = source + ", class '" + cs.name() + "'";
            if (cs.name() == null || !CODE.matcher(cs.name()).matches()) {
                throw new ModelException(source + ": invalid class name '" + cs.name() + "'");
            }
            ClassDef existing = classes.get(cs.name());
            List<AttributeDef> attributes = new ArrayList<>();
            boolean root = existing == null ? cs.parent() == null : existing.parent() == null;
            if (existing == null && root) {
                attributes.add(friendlyNameAttribute(cs.name()));
            }
            for (ModelFileSpec.AttributeSpec as : nullToEmpty(cs.attributes())) {
                AttributeDef att = attribute(as, cs.name(), where);
                attributes.add(att);
                if (att.type() == AttributeType.EXTERNAL_KEY) {
                    attributes.add(keyFriendlyName(att));
                }
            }
            if (existing != null) {
                if (cs.parent() != null || cs.isAbstract() != null || cs.lifecycle() != null || cs.table() != null
                        || cs.readOnly() != null) {
                    throw new ModelException(where + ": the class already exists; a model file can only add"
                            + " attributes, impacts and reconciliation keys to it (omit parent, abstract, lifecycle, table, read_only)");
                }
                List<AttributeDef> merged = new ArrayList<>(existing.ownAttributes());
                merged.addAll(attributes);
                List<ImpactRule> impacts = new ArrayList<>(existing.impacts());
                impacts.addAll(impacts(cs));
                classes.put(cs.name(), new ClassDef(existing.name(), existing.label(), existing.parent(),
                        existing.isAbstract(), existing.category(), existing.friendlyName(),
                        cs.reconciliation() == null ? existing.reconciliationKeys() : cs.reconciliation(),
                        merged, existing.lifecycle(), impacts, existing.source(), existing.table(), existing.readOnly()));
            } else {
                classes.put(cs.name(), new ClassDef(cs.name(), cs.label() == null ? cs.name() : cs.label(),
                        cs.parent(), Boolean.TRUE.equals(cs.isAbstract()), cs.category(),
                        nullToEmpty(cs.friendlyname()), nullToEmpty(cs.reconciliation()), attributes,
                        lifecycle(cs, where), impacts(cs), source, table(cs, where), Boolean.TRUE.equals(cs.readOnly())));
            }
        }
    }

    private AttributeDef attribute(ModelFileSpec.AttributeSpec as, String className, String where) {
        if (as.code() == null || !CODE.matcher(as.code()).matches() || RESERVED.contains(as.code())
                || as.code().equals("friendlyname") || as.code().endsWith("_friendlyname")) {
            throw new ModelException(where + ": invalid or reserved attribute code '" + as.code() + "'");
        }
        AttributeType type;
        try {
            type = AttributeType.fromYaml(as.type());
        } catch (ModelException e) {
            throw new ModelException(where + ", attribute '" + as.code() + "': unknown type '" + as.type()
                    + "' (types: " + Arrays.stream(AttributeType.values()).filter(t -> t != AttributeType.FRIENDLY_NAME)
                    .map(AttributeType::yamlName).collect(Collectors.joining(", ")) + ")");
        }
        String target = as.target();
        String keyAttribute = as.key();
        String remote = as.attribute();
        if (type.isLinkSet()) {
            target = as.linkClass();
            keyAttribute = as.extKeyToMe();
            remote = as.extKeyToRemote();
        }
        DeletionRule rule = null;
        if (type == AttributeType.EXTERNAL_KEY) {
            rule = deletionRule(as.onTargetDelete(), where + ", attribute '" + as.code() + "'");
        }
        int maxLength = as.maxLength() != null ? as.maxLength() : defaultMaxLength(type);
        return new AttributeDef(as.code(), as.label() == null ? defaultLabel(as.code()) : as.label(), type,
                Boolean.TRUE.equals(as.mandatory()), Boolean.TRUE.equals(as.readOnly()),
                Boolean.TRUE.equals(as.unique()), maxLength, as.values(),
                as.defaultValue() == null && type == AttributeType.BOOLEAN ? "false" : as.defaultValue(), target,
                Boolean.TRUE.equals(as.hierarchical()), rule, keyAttribute, remote, className, as.autonumber(),
                Boolean.TRUE.equals(as.touch()), as.indexed());
    }

    private static DeletionRule deletionRule(String value, String where) {
        if (value == null) {
            return DeletionRule.MANUAL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "manual" -> DeletionRule.MANUAL;
            case "auto", "auto_delete", "delete" -> DeletionRule.AUTO_DELETE;
            case "reset" -> DeletionRule.RESET;
            default -> throw new ModelException(where + ": on_target_delete must be manual, auto_delete or reset,"
                    + " found '" + value + "'");
        };
    }

    private static AttributeDef friendlyNameAttribute(String className) {
        return new AttributeDef("friendlyname", "Full name", AttributeType.FRIENDLY_NAME, false, true, false, 0,
                null, null, null, false, null, null, null, className, null, false, null);
    }

    private static AttributeDef keyFriendlyName(AttributeDef key) {
        return new AttributeDef(key.code() + "_friendlyname", key.label() + " friendly name",
                AttributeType.EXTERNAL_FIELD, false, true, false, 0, null, null, key.targetClass(), false, null,
                key.code(), "friendlyname", key.declaringClass(), null, false, null);
    }

    private static Lifecycle lifecycle(ModelFileSpec.ClassSpec cs, String where) {
        ModelFileSpec.LifecycleSpec spec = cs.lifecycle();
        if (spec == null) {
            return null;
        }
        if (spec.attribute() == null || spec.states() == null || spec.states().isEmpty()) {
            throw new ModelException(where + ": a lifecycle needs an 'attribute' and at least one state");
        }
        List<Lifecycle.State> states = spec.states().stream()
                .map(s -> new Lifecycle.State(s.code(), nullToEmpty(s.mandatory()),
                        s.transitions() == null ? Map.of() : s.transitions()))
                .toList();
        return new Lifecycle(spec.attribute(), states.get(0).code(), states);
    }

    private static String table(ModelFileSpec.ClassSpec cs, String where) {
        if (cs.table() == null) {
            return null;
        }
        if (cs.parent() != null || !CODE.matcher(cs.table()).matches()) {
            throw new ModelException(where + ": 'table' names the table of a root class: letters, digits and _ only");
        }
        return cs.table().toLowerCase(Locale.ROOT);
    }

    private static List<ImpactRule> impacts(ModelFileSpec.ClassSpec cs) {
        return nullToEmpty(cs.impacts()).stream()
                .map(i -> new ImpactRule(i.attribute(), i.referrerClass(), i.key()))
                .toList();
    }

    /**
     * iTop's sizes: strings and the string-based types (e-mail, phone, IP address) hold 255 characters, URLs 2048. A
     * limit also keeps indexed values within what a PostgreSQL index entry can hold.
     */
    private static int defaultMaxLength(AttributeType type) {
        return switch (type) {
            case STRING, EMAIL, PHONE, IP_ADDRESS -> 255;
            case URL -> 2048;
            default -> 0;
        };
    }

    static String defaultLabel(String code) {
        String base = code.endsWith("_id") ? code.substring(0, code.length() - 3) : code;
        return Arrays.stream(base.split("_")).filter(word -> !word.isEmpty())
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining(" "));
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Checks the cross-references of a merged model. */
    private static final class ModelValidator {
        private final DataModel model;

        ModelValidator(DataModel model) {
            this.model = model;
        }

        void validate() {
            for (ClassDef cls : model.classes()) {
                String where = cls.source() + ", class '" + cls.name() + "'";
                Set<String> seen = new HashSet<>();
                for (String ancestor : model.lineage(cls.name())) {
                    for (AttributeDef att : model.cls(ancestor).ownAttributes()) {
                        if (ancestor.equals(cls.name()) && !seen.add(att.code())) {
                            throw new ModelException(where + ": attribute '" + att.code() + "' is declared twice");
                        }
                    }
                }
                for (String ancestor : model.lineage(cls.name()).subList(1, model.lineage(cls.name()).size())) {
                    for (AttributeDef att : cls.ownAttributes()) {
                        if (model.cls(ancestor).ownAttributes().stream().anyMatch(a -> a.code().equals(att.code()))) {
                            throw new ModelException(where + ": attribute '" + att.code()
                                    + "' is already inherited from '" + ancestor + "'");
                        }
                    }
                }
                cls.ownAttributes().forEach(att -> checkAttribute(cls, att, where + ", attribute '" + att.code() + "'"));
                for (String code : cls.friendlyName()) {
                    requireAttribute(cls.name(), code, where + ": friendly name");
                }
                for (String code : cls.reconciliationKeys()) {
                    requireAttribute(cls.name(), code, where + ": reconciliation key");
                }
                checkLifecycle(cls, where);
                for (ImpactRule rule : cls.impacts()) {
                    if (rule.attribute() != null) {
                        AttributeDef att = requireAttribute(cls.name(), rule.attribute(), where + ": impacts");
                        if (!att.type().isLinkSet()) {
                            throw new ModelException(where + ": impacts attribute '" + rule.attribute()
                                    + "' is not a link set");
                        }
                    } else {
                        if (!model.hasClass(rule.referrerClass())) {
                            throw new ModelException(where + ": impacts names unknown class '" + rule.referrerClass() + "'");
                        }
                        AttributeDef key = requireAttribute(rule.referrerClass(), rule.referrerKey(), where + ": impacts");
                        if (key.type() != AttributeType.EXTERNAL_KEY) {
                            throw new ModelException(where + ": impacts key '" + rule.referrerKey() + "' is not an external key");
                        }
                    }
                }
            }
            for (String root : model.rootClasses()) {
                Map<String, AttributeDef> columns = new LinkedHashMap<>();
                for (String name : model.descendants(root)) {
                    for (AttributeDef att : model.cls(name).ownAttributes()) {
                        if (!att.isStored()) {
                            continue;
                        }
                        AttributeDef other = columns.putIfAbsent(att.column(), att);
                        if (other != null && !other.type().sqlType().equals(att.type().sqlType())) {
                            throw new ModelException("attribute '" + att.code() + "' of class '" + name + "' ("
                                    + att.type().yamlName() + ") and of class '" + other.declaringClass() + "' ("
                                    + other.type().yamlName() + ") share table '" + model.tableOf(root)
                                    + "' with incompatible types: rename one of them");
                        }
                    }
                }
            }
        }

        private AttributeDef requireAttribute(String className, String code, String where) {
            return model.attribute(className, code).orElseThrow(() -> new ModelException(where
                    + " names unknown attribute '" + code + "' of class '" + className + "'"));
        }

        private void checkAttribute(ClassDef cls, AttributeDef att, String where) {
            if (att.indexed() != null && (!att.isStored() || att.type().isLinkSet())) {
                throw new ModelException(where + ": 'indexed' applies to stored attributes only");
            }
            if (Boolean.FALSE.equals(att.indexed()) && att.unique()) {
                throw new ModelException(where + ": a unique attribute is always indexed (its index enforces it)");
            }
            switch (att.type()) {
                case ENUM -> {
                    if (att.values().isEmpty()) {
                        throw new ModelException(where + ": an enum needs 'values'");
                    }
                    if (att.defaultValue() != null && !att.values().contains(att.defaultValue())) {
                        throw new ModelException(where + ": default '" + att.defaultValue() + "' is not one of "
                                + att.values());
                    }
                }
                case EXTERNAL_KEY -> {
                    if (!model.hasClass(att.targetClass())) {
                        throw new ModelException(where + ": unknown target class '" + att.targetClass() + "'");
                    }
                    if (att.hierarchical() && !model.isSubclassOf(cls.name(), att.targetClass())) {
                        throw new ModelException(where + ": a hierarchical key must point to its own class");
                    }
                    if (att.mandatory() && att.onTargetDelete() == DeletionRule.RESET) {
                        throw new ModelException(where + ": a mandatory key cannot be reset on deletion");
                    }
                }
                case EXTERNAL_FIELD -> {
                    AttributeDef key = requireAttribute(cls.name(), att.keyAttribute(), where + ": key");
                    if (key.type() != AttributeType.EXTERNAL_KEY) {
                        throw new ModelException(where + ": '" + att.keyAttribute() + "' is not an external key");
                    }
                    requireAttribute(key.targetClass(), att.remoteAttribute(), where + ": attribute");
                }
                case LINK_SET, LINK_SET_INDIRECT -> {
                    if (!model.hasClass(att.targetClass())) {
                        throw new ModelException(where + ": unknown link class '" + att.targetClass() + "'");
                    }
                    AttributeDef toMe = requireAttribute(att.targetClass(), att.keyAttribute(), where + ": ext_key_to_me");
                    if (toMe.type() != AttributeType.EXTERNAL_KEY || !model.isSubclassOf(cls.name(), toMe.targetClass())) {
                        throw new ModelException(where + ": ext_key_to_me '" + att.keyAttribute()
                                + "' must be an external key of '" + att.targetClass() + "' pointing to '" + cls.name() + "'");
                    }
                    if (att.type() == AttributeType.LINK_SET_INDIRECT) {
                        AttributeDef toRemote = requireAttribute(att.targetClass(), att.remoteAttribute(),
                                where + ": ext_key_to_remote");
                        if (toRemote.type() != AttributeType.EXTERNAL_KEY) {
                            throw new ModelException(where + ": ext_key_to_remote must be an external key");
                        }
                    }
                }
                default -> {
                }
            }
        }

        private void checkLifecycle(ClassDef cls, String where) {
            Lifecycle lifecycle = cls.lifecycle();
            if (lifecycle == null) {
                return;
            }
            AttributeDef state = requireAttribute(cls.name(), lifecycle.stateAttribute(), where + ": lifecycle");
            if (state.type() != AttributeType.ENUM) {
                throw new ModelException(where + ": the lifecycle attribute must be an enum");
            }
            for (Lifecycle.State s : lifecycle.states()) {
                if (!state.values().contains(s.code())) {
                    throw new ModelException(where + ": state '" + s.code() + "' is not a value of '"
                            + state.code() + "'");
                }
                s.mandatory().forEach(code -> requireAttribute(cls.name(), code, where + ": state '" + s.code() + "'"));
                s.transitions().values().forEach(target -> {
                    if (lifecycle.state(target).isEmpty()) {
                        throw new ModelException(where + ": transition to unknown state '" + target + "'");
                    }
                });
            }
        }
    }
}
