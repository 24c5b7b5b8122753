package tributary.csvimport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;
import tributary.util.UnicodeText;

/**
 * What the header of an import means (services.md §2.5–2.6): each column's role, the external keys searched from
 * columns, the value columns in input order, the reconciliation keys, and the warnings to print. Built from the
 * header alone, so a restarted import rebuilds exactly the same mapping.
 */
public final class ImportMapping {

    /** Role of a column. */
    public enum Kind {
        /** The cell is the attribute's new value. */
        VALUE,
        /** The cell is one criterion of the search of an external key's target ({@code org_id->name}). */
        SEARCH,
        /**
         * The friendly name ({@code friendlyname}): computed, so not written, and its cell is shown in the details
         * table as given, among the value columns, as iTop shows it.
         */
        SHOWN,
        /** The obsolescence flag ({@code obsolescence_flag}): computed, accepted and not written. */
        IGNORED
    }

    /**
     * One column of the input.
     *
     * @param index     0-based position in the row
     * @param code      the column named with codes ({@code org_id->name}), for {@code #Columns:}
     * @param kind      role
     * @param attribute VALUE, SHOWN: the attribute; SEARCH: the external key; IGNORED: null
     * @param remote    SEARCH: the target class's attribute searched ({@code id} for a plain key column)
     */
    public record Column(int index, String code, Kind kind, AttributeDef attribute, String remote) {
    }

    /**
     * An external key set from search columns.
     *
     * @param key      the external key attribute
     * @param searches its search columns, in input order (several are ANDed)
     */
    public record ExtKey(AttributeDef key, List<Column> searches) {

        /** The remote attributes searched, for {@code #Reconciliation Keys: org_id (name)}. */
        public String remotes() {
            return searches.stream().map(Column::remote).distinct().collect(Collectors.joining(", "));
        }
    }

    /** A reconciliation key: a plain attribute, or an external key resolved from its columns. */
    public record ReconciliationKey(AttributeDef attribute, ExtKey extKey) {

        public String code() {
            return extKey != null ? extKey.key().code() : attribute.code();
        }
    }

    private final String className;
    private final List<Column> columns;
    private final List<ExtKey> extKeys;
    private final List<ReconciliationKey> reconciliationKeys;
    private final List<String> warnings;

    ImportMapping(String className, List<Column> columns, List<ExtKey> extKeys,
                  List<ReconciliationKey> reconciliationKeys, List<String> warnings) {
        this.className = className;
        this.columns = List.copyOf(columns);
        this.extKeys = List.copyOf(extKeys);
        this.reconciliationKeys = List.copyOf(reconciliationKeys);
        this.warnings = List.copyOf(warnings);
    }

    public String className() {
        return className;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<ExtKey> extKeys() {
        return extKeys;
    }

    /** Columns carrying a value, in input order (a plain external-key column is one of them). */
    public List<Column> valueColumns() {
        return columns.stream().filter(c -> c.kind() == Kind.VALUE).toList();
    }

    /** The columns of the details table after the external keys: the value columns and the shown ones, in input order. */
    public List<Column> displayedColumns() {
        return columns.stream().filter(c -> c.kind() == Kind.VALUE || c.kind() == Kind.SHOWN).toList();
    }

    public List<ReconciliationKey> reconciliationKeys() {
        return reconciliationKeys;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** {@code first_name, name, email, org_id->name}. */
    public String columnsLine() {
        return columns.stream().map(Column::code).collect(Collectors.joining(", "));
    }

    /** {@code name, first_name, org_id (name)}. */
    public String reconciliationLine() {
        return reconciliationKeys.stream()
                .map(k -> k.extKey() == null ? k.attribute().code() : k.extKey().key().code() + " (" + k.extKey().remotes() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Header of the details table: {@code Line;Status;Object Class;Object Id;<ext keys>;<value columns>}. */
    public String detailsHeader() {
        StringBuilder header = new StringBuilder("Line;Status;Object Class;Object Id");
        for (ExtKey extKey : extKeys) {
            header.append(';').append(extKey.key().code()).append(" (").append(extKey.key().label()).append(" - ext key)");
        }
        for (Column column : displayedColumns()) {
            header.append(';').append(column.attribute().code()).append(" (").append(column.attribute().label()).append(')');
        }
        return header.toString();
    }

    // ------------------------------------------------------------------------------------------------ building

    /** What a header name can designate. */
    private record Target(AttributeDef attribute, AttributeDef key, String remote, boolean ignored) {

        String describe() {
            return key != null ? key.code() + "->" + remote : attribute != null ? attribute.code() : "obsolescence_flag";
        }
    }

    /**
     * Maps a header.
     *
     * @param reconciliationParameter the {@code reconciliationkeys} parameter, blank for the class defaults
     * @throws ImportRefusedException with iTop's message ({@code Unknown column: …}, {@code Unknown reconciliation
     *                                key: …}, …) when the header or the keys cannot be used
     */
    public static ImportMapping of(DataModel model, String className, List<String> header, boolean localize,
                                   String reconciliationParameter) {
        Dictionary dictionary = dictionary(model, className, localize);
        List<String> warnings = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        Map<String, List<Column>> searchesByKey = new LinkedHashMap<>();
        Map<String, AttributeDef> keysByCode = new LinkedHashMap<>();
        Map<String, Integer> valueColumnByCode = new HashMap<>();
        // Empty cells ending the header are columns a spreadsheet exported without a name (a column once used, then
        // cleared): not mapped, their cells must stay empty (BulkChange checks). An empty name before a named column is
        // an unknown column, as in iTop.
        int named = header.size();
        while (named > 1 && cleanName(header.get(named - 1)).isEmpty()) {
            named--;
        }
        for (int i = 0; i < named; i++) {
            String name = cleanName(header.get(i));
            List<Target> targets = dictionary.get(name.toLowerCase(Locale.ROOT));
            if (targets == null) {
                throw new ImportRefusedException("Unknown column: '" + safe(name)
                        + "'. Possible columns: " + String.join(", ", dictionary.possibleColumns()), true);
            }
            Target target = choose(targets, "Input column '" + name + "'", warnings);
            if (target.ignored()) {
                columns.add(new Column(i, target.describe(), Kind.IGNORED, null, null));
            } else if (target.key() == null && target.attribute().type() == AttributeType.FRIENDLY_NAME) {
                columns.add(new Column(i, target.attribute().code(), Kind.SHOWN, target.attribute(), null));
            } else if (target.key() != null) {
                Column column = new Column(i, target.describe(), Kind.SEARCH, target.key(),
                        searchable(model, target.key().targetClass(), target.remote()));
                columns.add(column);
                keysByCode.put(target.key().code(), target.key());
                searchesByKey.computeIfAbsent(target.key().code(), k -> new ArrayList<>()).add(column);
            } else if (target.attribute().type() == AttributeType.EXTERNAL_FIELD) {
                AttributeDef key = model.attribute(className, target.attribute().keyAttribute()).orElseThrow();
                Column column = new Column(i, target.attribute().code(), Kind.SEARCH, key,
                        searchable(model, key.targetClass(), target.attribute().remoteAttribute()));
                columns.add(column);
                keysByCode.put(key.code(), key);
                searchesByKey.computeIfAbsent(key.code(), k -> new ArrayList<>()).add(column);
            } else {
                AttributeDef att = target.attribute();
                Integer earlier = valueColumnByCode.putIfAbsent(att.code(), i);
                if (earlier != null) {
                    // Which one would win? The reconciliation would read one, the update write the other.
                    throw new ImportRefusedException("Attribute '" + att.code() + "' is given by two columns ("
                            + (earlier + 1) + " and " + (i + 1) + "): keep one of them", true);
                }
                Column column = new Column(i, att.code(), Kind.VALUE, att, null);
                columns.add(column);
                if (att.type() == AttributeType.EXTERNAL_KEY) {
                    keysByCode.put(att.code(), att);
                    searchesByKey.computeIfAbsent(att.code(), k -> new ArrayList<>())
                            .add(new Column(i, att.code(), Kind.SEARCH, att, "id"));
                }
            }
        }
        List<ExtKey> extKeys = new ArrayList<>();
        searchesByKey.forEach((code, searches) -> extKeys.add(new ExtKey(keysByCode.get(code), searches)));
        List<ReconciliationKey> keys = reconciliationKeys(model, className, dictionary, columns, extKeys,
                reconciliationParameter, localize, warnings);
        return new ImportMapping(className, columns, extKeys, keys, warnings);
    }

    /** Accepted column names (lower case) → what they designate. */
    private record Dictionary(Map<String, List<Target>> targets) {

        List<Target> get(String lowerName) {
            return targets.get(lowerName);
        }

        /** The names, in lower case as iTop lists them (labels too, in localized mode: {@code first name}). */
        List<String> possibleColumns() {
            return List.copyOf(targets.keySet());
        }
    }

    private static Dictionary dictionary(DataModel model, String className, boolean localize) {
        Dictionary dictionary = new Dictionary(new LinkedHashMap<>());
        // iTop lists the computed friendlyname after the declared attributes, then obsolescence_flag.
        List<AttributeDef> attributes = new ArrayList<>();
        model.attributes(className).values().stream().filter(a -> a.type() != AttributeType.FRIENDLY_NAME).forEach(attributes::add);
        model.attributes(className).values().stream().filter(a -> a.type() == AttributeType.FRIENDLY_NAME).forEach(attributes::add);
        for (AttributeDef att : attributes) {
            add(dictionary, localize ? att.label() : att.code(), new Target(att, null, null, false));
            if (att.type() == AttributeType.EXTERNAL_KEY) {
                for (AttributeDef remote : model.attributes(att.targetClass()).values()) {
                    String name = (localize ? att.label() : att.code()) + "->" + (localize ? remote.label() : remote.code());
                    add(dictionary, name, new Target(null, att, remote.code(), false));
                }
            }
        }
        add(dictionary, localize ? "Obsolete" : "obsolescence_flag", new Target(null, null, null, true));
        return dictionary;
    }

    private static boolean isType(Target target, AttributeType type) {
        return target.attribute() != null && target.attribute().type() == type;
    }

    private static void add(Dictionary dictionary, String name, Target target) {
        String lower = name.toLowerCase(Locale.ROOT);
        List<Target> targets = dictionary.targets().computeIfAbsent(lower, k -> new ArrayList<>());
        // An external key keeps its name against an external field of the same name (not an ambiguity).
        if (isType(target, AttributeType.EXTERNAL_FIELD)
                && targets.stream().anyMatch(t -> isType(t, AttributeType.EXTERNAL_KEY))) {
            return;
        }
        if (isType(target, AttributeType.EXTERNAL_KEY)) {
            targets.removeIf(t -> isType(t, AttributeType.EXTERNAL_FIELD));
        }
        targets.add(target);
    }

    private static Target choose(List<Target> targets, String what, List<String> warnings) {
        if (targets.size() > 1) {
            warnings.add(what + " is ambiguous. Could be related to " + targets.stream().map(Target::describe)
                    .collect(Collectors.joining(" or ")) + ". The first one will be used: " + targets.get(0).describe());
        }
        return targets.get(0);
    }

    /**
     * Trimmed (no-break and zero-width spaces included: an unknown column that prints like a known one helps nobody),
     * without the trailing {@code *} of iTop's templates, also before an arrow ({@code Organization*->Name}).
     */
    static String cleanName(String header) {
        String name = UnicodeText.trimName(header);
        int arrow = name.indexOf("->");
        if (arrow >= 0) {
            String left = UnicodeText.trimName(name.substring(0, arrow));
            String right = UnicodeText.trimName(name.substring(arrow + 2));
            return stripStar(left) + "->" + stripStar(right);
        }
        return stripStar(name);
    }

    private static String stripStar(String name) {
        String result = name;
        while (result.endsWith("*")) {
            result = UnicodeText.trimName(result.substring(0, result.length() - 1));
        }
        return result;
    }

    /**
     * The stored attribute a search on {@code remote} of {@code targetClass} uses: a friendly name made of one
     * attribute searches that attribute; other computed attributes cannot be searched.
     */
    private static String searchable(DataModel model, String targetClass, String remote) {
        AttributeDef att = model.attribute(targetClass, remote).orElse(null);
        if (att != null && att.type() == AttributeType.FRIENDLY_NAME) {
            List<String> parts = model.sharedFriendlyNameAttributes(targetClass).orElse(List.of());
            if (parts.size() == 1) {
                return parts.get(0);
            }
        }
        return remote;
    }

    private static List<ReconciliationKey> reconciliationKeys(DataModel model, String className,
                                                              Dictionary dictionary, List<Column> columns,
                                                              List<ExtKey> extKeys, String parameter, boolean localize,
                                                              List<String> warnings) {
        List<ReconciliationKey> keys = new ArrayList<>();
        String explicit = parameter == null ? "" : parameter.trim();
        List<String> defaults = model.reconciliationKeys(className);
        if (explicit.isEmpty() && !localize) {
            for (String code : defaults) {
                if (columns.stream().noneMatch(c -> c.code().equals(code))) {
                    continue;
                }
                AttributeDef att = model.attribute(className, code).orElseThrow();
                ReconciliationKey key = keyFor(model, className, new Target(att, null, null, false), columns, extKeys);
                if (key != null && keys.stream().noneMatch(k -> k.code().equals(key.code()))) {
                    keys.add(key);
                }
            }
        } else {
            // In localized mode iTop names the default keys whose code is a column by their labels, then reads them
            // back as keys given by name: a label naming several attributes warns, and the first of them is used.
            List<String> names = !explicit.isEmpty()
                    ? Arrays.stream(explicit.split(",")).map(ImportMapping::cleanName).filter(n -> !n.isEmpty()).toList()
                    : defaults.stream().filter(code -> columns.stream().anyMatch(c -> c.code().equals(code)))
                    .map(code -> model.attribute(className, code).orElseThrow().label()).toList();
            for (String name : names) {
                ReconciliationKey key = namedKey(model, className, dictionary, columns, extKeys, name, warnings);
                if (keys.stream().noneMatch(k -> k.code().equals(key.code()))) {
                    keys.add(key);
                }
            }
        }
        if (keys.isEmpty() && explicit.isEmpty()) {
            throw new ImportRefusedException("No reconciliation scheme could be defined, please add a column corresponding"
                    + " to one defined reconciliation key (class: '" + className + "', reconciliation:"
                    + String.join(",", defaults) + ")", true);
        }
        return keys;
    }

    /**
     * The reconciliation key {@code name} (a code, or a label in localized mode) designates. Refusals name the key by
     * its code, as iTop does once it has read the name.
     */
    private static ReconciliationKey namedKey(DataModel model, String className, Dictionary dictionary,
                                              List<Column> columns, List<ExtKey> extKeys, String name,
                                              List<String> warnings) {
        List<Target> targets = dictionary.get(name.toLowerCase(Locale.ROOT));
        if (targets == null) {
            throw new ImportRefusedException("Unknown reconciliation key: '" + safe(name) + "'", true);
        }
        Target target = choose(targets, "Reconciliation key '" + name + "'", warnings);
        String code = safe(target.describe());
        ReconciliationKey key = keyFor(model, className, target, columns, extKeys);
        if (key == null && isType(target, AttributeType.FRIENDLY_NAME)) {
            // The column is there, but a computed value is not what reconciliation searches: say what is, rather than
            // deny the column.
            throw new ImportRefusedException("Reconciliation key not found in the input columns: '" + code
                    + "' (computed from " + String.join(", ", model.friendlyNameAttributes(className))
                    + ": reconcile on those instead)", true);
        }
        if (key == null && target.attribute() != null && target.attribute().type().isLinkSet()
                && columns.stream().anyMatch(c -> c.attribute() == target.attribute())) {
            throw new ImportRefusedException("Reconciliation key not found in the input columns: '" + code
                    + "' (a link set cannot identify an object: reconcile on attributes of the object itself)", true);
        }
        if (key == null) {
            throw new ImportRefusedException("Reconciliation key not found in the input columns: '" + code + "'", true);
        }
        return key;
    }

    /** A name echoed in a refusal, without the characters iTop strips from it there ({@code " < >}). */
    private static String safe(String name) {
        return name.replaceAll("[\"<>]", "");
    }

    private static ReconciliationKey keyFor(DataModel model, String className, Target target, List<Column> columns,
                                            List<ExtKey> extKeys) {
        AttributeDef key = null;
        if (target.key() != null) {
            key = target.key();
        } else if (target.attribute() != null && target.attribute().type() == AttributeType.EXTERNAL_KEY) {
            key = target.attribute();
        } else if (target.attribute() != null && target.attribute().type() == AttributeType.EXTERNAL_FIELD) {
            key = model.attribute(className, target.attribute().keyAttribute()).orElse(null);
        }
        if (key != null) {
            String code = key.code();
            return extKeys.stream().filter(e -> e.key().code().equals(code)).findFirst()
                    .map(e -> new ReconciliationKey(null, e)).orElse(null);
        }
        if (target.attribute() == null || !target.attribute().isStored()) {
            return null;
        }
        AttributeDef att = target.attribute();
        boolean present = columns.stream().anyMatch(c -> c.kind() == Kind.VALUE && c.attribute().code().equals(att.code()));
        return present ? new ReconciliationKey(att, null) : null;
    }
}
