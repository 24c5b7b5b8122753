package tributary.oql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The catalog as OQL uses it: the filter codes of a class (attributes plus the implied {@code id},
 * {@code finalclass}, {@code obsolescence_flag} and {@code <extkey>_friendlyname}), memoised per class.
 * One instance serves one validation or compilation; it is not thread-safe.
 */
final class CatalogView {

    /** How a filter code is obtained. */
    enum Role { ID, FINALCLASS, OBSOLESCENCE_FLAG, KEY_FRIENDLYNAME, ATTRIBUTE }

    /**
     * A usable filter code.
     *
     * @param code      the code
     * @param role      how it is obtained
     * @param attribute the attribute for {@code ATTRIBUTE}, the external key for {@code KEY_FRIENDLYNAME}
     */
    record Field(String code, Role role, OqlAttribute attribute) {
    }

    static final String ID = "id";

    private final OqlCatalog catalog;
    private final Map<String, Map<String, Field>> filterCodes = new HashMap<>();
    private final Map<String, Map<String, OqlAttribute>> attributes = new HashMap<>();
    private final Map<String, Boolean> coversWholeTable = new HashMap<>();

    CatalogView(OqlCatalog catalog) {
        this.catalog = catalog;
    }

    OqlCatalog catalog() {
        return catalog;
    }

    boolean classExists(String className) {
        return catalog.classExists(className);
    }

    List<String> classNames() {
        return catalog.classNames();
    }

    /** iTop's IsSameFamilyBranch: one class is the other or one of its subclasses. */
    boolean sameFamilyBranch(String first, String second) {
        return catalog.isSameOrSubclass(first, second) || catalog.isSameOrSubclass(second, first);
    }

    /** Every attribute of the class by code, link sets included. */
    Map<String, OqlAttribute> attributes(String className) {
        return attributes.computeIfAbsent(className, name -> {
            Map<String, OqlAttribute> byCode = new LinkedHashMap<>();
            for (OqlAttribute attribute : catalog.attributes(name)) {
                byCode.putIfAbsent(attribute.code(), attribute);
            }
            return byCode;
        });
    }

    /** Codes usable in conditions, in the order offered as suggestions. */
    Map<String, Field> filterCodes(String className) {
        return filterCodes.computeIfAbsent(className, name -> {
            Map<String, Field> codes = new LinkedHashMap<>();
            codes.put(ID, new Field(ID, Role.ID, null));
            Map<String, OqlAttribute> declared = attributes(name);
            for (OqlAttribute attribute : declared.values()) {
                if (attribute instanceof OqlAttribute.LinkSet) {
                    continue;
                }
                codes.putIfAbsent(attribute.code(), new Field(attribute.code(), Role.ATTRIBUTE, attribute));
                if (attribute instanceof OqlAttribute.ExternalKey) {
                    String friendly = attribute.code() + "_friendlyname";
                    if (!declared.containsKey(friendly)) {
                        codes.putIfAbsent(friendly, new Field(friendly, Role.KEY_FRIENDLYNAME, attribute));
                    }
                }
            }
            codes.putIfAbsent("finalclass", new Field("finalclass", Role.FINALCLASS, null));
            codes.putIfAbsent("obsolescence_flag", new Field("obsolescence_flag", Role.OBSOLESCENCE_FLAG, null));
            return codes;
        });
    }

    List<String> externalKeyCodes(String className) {
        List<String> keys = new ArrayList<>();
        for (OqlAttribute attribute : attributes(className).values()) {
            if (attribute instanceof OqlAttribute.ExternalKey) {
                keys.add(attribute.code());
            }
        }
        return keys;
    }

    /**
     * Whether every concrete class stored in the table of {@code className} is a subclass of it, in which
     * case a query on it needs no {@code finalclass} filter.
     */
    boolean coversWholeTable(String className) {
        return coversWholeTable.computeIfAbsent(className, name -> {
            String table = catalog.tableName(name);
            Set<String> own = new LinkedHashSet<>(catalog.concreteSubclasses(name));
            for (String other : catalog.classNames()) {
                if (table.equals(catalog.tableName(other)) && !own.containsAll(catalog.concreteSubclasses(other))) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Classes of the same hierarchy as {@code className} (iTop lists them when a union mixes hierarchies). */
    List<String> familyOf(String className) {
        List<String> family = new ArrayList<>();
        for (String other : catalog.classNames()) {
            if (catalog.commonAncestor(className, other).isPresent()) {
                family.add(other);
            }
        }
        return family;
    }
}
