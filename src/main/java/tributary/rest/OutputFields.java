package tributary.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;

/**
 * The {@code output_fields} parameter: {@code *} (every attribute of the requested class, not {@code id}),
 * {@code *+} (every attribute of each object's own class, link sets with each link's own class), or a
 * comma-separated list of attribute codes of the requested class ({@code id} allowed). Also accepted, as an
 * extension that cannot collide with valid iTop 3.2 input: per-class lists {@code Ticket:ref;UserRequest:ref,status}.
 *
 * @param byClass  the codes to show per class
 * @param extended {@code *+}
 */
record OutputFields(Map<String, List<String>> byClass, boolean extended) {

    static final String PSEUDO_FINALCLASS = "finalclass";
    static final String PSEUDO_OBSOLESCENCE = "obsolescence_flag";

    static OutputFields parse(DataModel model, String className, JsonNode params, String name) {
        JsonNode given = PhpValues.get(params, name);
        String spec = given == null ? "*" : PhpValues.toText(given);
        Map<String, List<String>> byClass = new LinkedHashMap<>();
        if (spec.equals("*")) {
            byClass.put(className, allCodes(model, className));
            return new OutputFields(byClass, false);
        }
        if (spec.equals("*+")) {
            for (String child : model.descendants(className)) {
                byClass.put(child, allCodes(model, child));
            }
            return new OutputFields(byClass, true);
        }
        if (spec.contains(":")) {
            for (String part : spec.split(";", -1)) {
                int colon = part.indexOf(':');
                String listClass = colon < 0 ? className : part.substring(0, colon).trim();
                if (!model.hasClass(listClass)) {
                    throw new RestException(name + ": invalid class '" + listClass + "'");
                }
                byClass.put(listClass, codes(model, listClass, colon < 0 ? part : part.substring(colon + 1), name));
            }
            return new OutputFields(byClass, false);
        }
        byClass.put(className, codes(model, className, spec, name));
        return new OutputFields(byClass, false);
    }

    /** {@code id} and {@code friendlyname}, as {@code core/delete} and {@code core/get_related} report. */
    static OutputFields idAndFriendlyName(String className) {
        return new OutputFields(Map.of(className, List.of("id", "friendlyname")), false);
    }

    private static List<String> codes(DataModel model, String className, String list, String name) {
        List<String> codes = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            String code = item.trim();
            if (!code.equals("id") && !isValidCode(model, className, code)) {
                throw new RestException(name + ": invalid attribute code '" + code + "'");
            }
            codes.add(code);
        }
        return codes;
    }

    /** Attribute codes of a class, plus the pseudo attributes iTop has on every class. */
    static boolean isValidCode(DataModel model, String className, String code) {
        return model.attribute(className, code).isPresent() || code.equals(PSEUDO_OBSOLESCENCE)
                || code.equals(PSEUDO_FINALCLASS) && hasFinalClass(model, className);
    }

    /** iTop has a {@code finalclass} attribute on classes that belong to a hierarchy of several classes. */
    static boolean hasFinalClass(DataModel model, String className) {
        return model.descendants(model.rootOf(className)).size() > 1;
    }

    private static List<String> allCodes(DataModel model, String className) {
        List<String> codes = new ArrayList<>();
        for (AttributeDef att : model.attributes(className).values()) {
            if (att.type() != AttributeType.PASSWORD) {
                codes.add(att.code());
            }
        }
        if (hasFinalClass(model, className)) {
            codes.add(PSEUDO_FINALCLASS);
        }
        codes.add(PSEUDO_OBSOLESCENCE);
        return codes;
    }

    /**
     * The codes to show for an object of {@code objectClass}: the list of the closest class (walking up from the
     * object's class) that has one, else {@code id, friendlyname}.
     */
    List<String> forClass(DataModel model, String objectClass) {
        for (String cls : model.lineage(objectClass)) {
            List<String> codes = byClass.get(cls);
            if (codes != null) {
                return codes;
            }
        }
        return List.of("id", "friendlyname");
    }

    /** Whether showing these objects needs their link sets. */
    boolean needsLinkSets(DataModel model) {
        return byClass.entrySet().stream().anyMatch(e -> e.getValue().stream().anyMatch(code ->
                model.attribute(e.getKey(), code).map(a -> a.type().isLinkSet()).orElse(false)));
    }
}
