package tributary.oql;

import static tributary.oql.OqlAttributeKind.BOOLEAN;
import static tributary.oql.OqlAttributeKind.DATE;
import static tributary.oql.OqlAttributeKind.DATETIME;
import static tributary.oql.OqlAttributeKind.DECIMAL;
import static tributary.oql.OqlAttributeKind.INTEGER;
import static tributary.oql.OqlAttributeKind.STRING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small iTop-like model: Organization (hierarchical), Location, abstract Contact with Person and Team,
 * lnkPersonToTeam, abstract FunctionalCI with abstract DatacenterDevice/Server, PC, ApplicationSolution and
 * lnkApplicationSolutionToFunctionalCI, abstract Ticket with UserRequest and Incident, Contract.
 */
final class TestCatalog implements OqlCatalog {

    static final TestCatalog INSTANCE = new TestCatalog();

    private record ClassDef(String name, String parent, boolean isAbstract, List<OqlAttribute> own) {
    }

    private final Map<String, ClassDef> classes = new LinkedHashMap<>();

    private TestCatalog() {
        define("Organization", null, false, string("name"), string("code"),
            new OqlAttribute.ExternalKey("parent_id", "Organization", true),
            new OqlAttribute.ExternalField("parent_name", "parent_id", "name"), friendly("name"));
        define("Location", null, false, string("name"), string("city"), key("org_id", "Organization"),
            field("org_name", "org_id", "name"), friendly("name"));
        define("Contact", null, true, string("name"), string("status"), key("org_id", "Organization"),
            field("org_name", "org_id", "name"), string("email"), string("phone"), friendly("name"));
        define("Person", "Contact", false, string("first_name"), key("location_id", "Location"),
            field("location_name", "location_id", "name"), new OqlAttribute.LinkSet("team_list"),
            friendly("first_name", "name"));
        define("Team", "Contact", false, new OqlAttribute.LinkSet("persons_list"));
        define("lnkPersonToTeam", null, false, key("person_id", "Person"), field("person_name", "person_id", "name"),
            key("team_id", "Team"), field("team_name", "team_id", "name"), string("role"), friendly("role"));
        define("FunctionalCI", null, true, string("name"), key("org_id", "Organization"),
            field("org_name", "org_id", "name"), field("org_parent_name", "org_id", "parent_name"),
            friendly("name"));
        define("DatacenterDevice", "FunctionalCI", true, string("managementip"), string("status"),
            new OqlAttribute.Scalar("purchase_date", DATE));
        define("Server", "DatacenterDevice", false, new OqlAttribute.Scalar("cpu_count", INTEGER),
            new OqlAttribute.Scalar("ram_gb", DECIMAL), new OqlAttribute.Scalar("monitored", BOOLEAN));
        define("PC", "FunctionalCI", false, string("type"));
        define("ApplicationSolution", "FunctionalCI", false, string("redundancy"));
        define("lnkApplicationSolutionToFunctionalCI", null, false, key("functionalci_id", "FunctionalCI"),
            key("applicationsolution_id", "ApplicationSolution"), friendly());
        define("Ticket", null, true, string("ref"), string("title"), key("org_id", "Organization"),
            field("org_name", "org_id", "name"), key("agent_id", "Person"),
            field("agent_name", "agent_id", "friendlyname"), new OqlAttribute.Scalar("start_date", DATETIME),
            string("status"), friendly("ref"));
        define("UserRequest", "Ticket", false, string("request_type"));
        define("Incident", "Ticket", false);
        define("Contract", null, false, string("name"), new OqlAttribute.Scalar("end_date", DATE), friendly("name"));
    }

    private void define(String name, String parent, boolean isAbstract, OqlAttribute... own) {
        classes.put(name, new ClassDef(name, parent, isAbstract, List.of(own)));
    }

    private static OqlAttribute string(String code) {
        return new OqlAttribute.Scalar(code, STRING);
    }

    private static OqlAttribute key(String code, String target) {
        return new OqlAttribute.ExternalKey(code, target, false);
    }

    private static OqlAttribute field(String code, String key, String target) {
        return new OqlAttribute.ExternalField(code, key, target);
    }

    private static OqlAttribute friendly(String... codes) {
        return new OqlAttribute.FriendlyName("friendlyname", List.of(codes));
    }

    @Override
    public List<String> classNames() {
        return List.copyOf(classes.keySet());
    }

    @Override
    public boolean isSameOrSubclass(String className, String ancestor) {
        for (String current = className; current != null; current = classes.get(current).parent()) {
            if (current.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<String> commonAncestor(String first, String second) {
        for (String current = first; current != null; current = classes.get(current).parent()) {
            if (isSameOrSubclass(second, current)) {
                return Optional.of(current);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<String> concreteSubclasses(String className) {
        List<String> result = new ArrayList<>();
        for (ClassDef def : classes.values()) {
            if (!def.isAbstract() && isSameOrSubclass(def.name(), className)) {
                result.add(def.name());
            }
        }
        return result;
    }

    @Override
    public String tableName(String className) {
        String root = className;
        while (classes.get(root).parent() != null) {
            root = classes.get(root).parent();
        }
        return root.toLowerCase(Locale.ROOT);
    }

    @Override
    public List<OqlAttribute> attributes(String className) {
        ClassDef def = classes.get(className);
        Map<String, OqlAttribute> byCode = new LinkedHashMap<>();
        if (def.parent() != null) {
            attributes(def.parent()).forEach(attribute -> byCode.put(attribute.code(), attribute));
        }
        def.own().forEach(attribute -> byCode.put(attribute.code(), attribute));
        return List.copyOf(byCode.values());
    }
}
