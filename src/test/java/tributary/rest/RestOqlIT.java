package tributary.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * OQL through {@code core/get}: the example queries of services.md section 6.4 on data made for each, the rejected
 * inputs and accepted oddities, and a fuzz test of generated and hostile queries over HTTP.
 */
class RestOqlIT extends RestTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    String tag;

    @BeforeEach
    void newTag() {
        tag = tag();
    }

    private JsonNode get(String className, String oql) {
        return call(map("operation", "core/get", "class", className, "key", oql, "output_fields", "id"));
    }

    private Set<String> found(String className, String oql) {
        JsonNode json = get(className, oql);
        assertThat(json.get("code").asInt()).as(json.toString()).isZero();
        return json.get("objects").isNull() ? Set.of() : Set.copyOf(json.get("objects").propertyNames());
    }

    private long create(String className, Map<String, Object> values) {
        return objects.create(setup, className, values).id();
    }

    @Test
    void q01AllOrganizations() {
        assertThat(found("Organization", "SELECT Organization")).contains("Organization::" + demoOrg);
    }

    @Test
    void q02EqualityIsCaseInsensitive() {
        assertThat(found("Person", "SELECT Person WHERE name = 'Monet' AND first_name = 'Claude'"))
                .containsExactly("Person::" + monet);
        assertThat(found("Person", "SELECT Person WHERE name = 'MONET' AND first_name = 'claude'"))
                .containsExactly("Person::" + monet);
    }

    @Test
    void q03LikeWithAlias() {
        assertThat(found("Person", "SELECT Person AS p WHERE p.email LIKE '%@demo.com'")).contains("Person::" + monet);
    }

    @Test
    void q04q05q18ServersByStatusOrganizationAndEmptyDate() {
        long production = create("Server", map("name", "prod " + tag, "org_id", demoOrg, "status", "production"));
        long stock = create("Server", map("name", "stock " + tag, "org_id", demoOrg, "status", "stock"));
        long obsolete = create("Server", map("name", "old " + tag, "org_id", demoOrg, "status", "obsolete",
                "purchase_date", "2020-01-01"));
        Set<String> inStatus = found("Server", "SELECT Server WHERE status IN ('production', 'implementation')");
        assertThat(inStatus).contains("Server::" + production).doesNotContain("Server::" + stock, "Server::" + obsolete);
        Set<String> notObsolete = found("Server", "SELECT Server WHERE status NOT IN ('obsolete') AND org_name = 'Demo'");
        assertThat(notObsolete).contains("Server::" + production, "Server::" + stock).doesNotContain("Server::" + obsolete);
        assertThat(found("Server", "SELECT Server WHERE ISNULL(purchase_date)"))
                .contains("Server::" + production).doesNotContain("Server::" + obsolete);
    }

    @Test
    void q06q07q08Joins() {
        assertThat(found("Person", "SELECT Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE o.name = 'Demo'"))
                .contains("Person::" + monet);
        assertThat(found("Organization", "SELECT o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id"
                + " WHERE p.name = 'Monet'")).containsExactly("Organization::" + demoOrg);
        assertThat(found("Person", "SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id"
                + " WHERE p.id = " + monet)).containsExactly("Person::" + monet);
    }

    @Test
    void q09BelowAndBelowStrict() {
        long root = create("Organization", map("name", "Root " + tag));
        long child = create("Organization", map("name", "Child " + tag, "parent_id", root));
        long grandChild = create("Organization", map("name", "Grandchild " + tag, "parent_id", child));
        create("Organization", map("name", "Other " + tag));
        assertThat(found("Organization", "SELECT Organization AS child JOIN Organization AS root ON child.parent_id"
                + " BELOW root.id WHERE root.name = 'Root " + tag + "'"))
                .containsExactlyInAnyOrder("Organization::" + root, "Organization::" + child, "Organization::" + grandChild);
        assertThat(found("Organization", "SELECT Organization AS child JOIN Organization AS root ON child.parent_id"
                + " BELOW STRICT root.id WHERE root.name = 'Root " + tag + "'"))
                .containsExactlyInAnyOrder("Organization::" + child, "Organization::" + grandChild);
    }

    @Test
    void q10MagicParameterOfTheCallersContact() {
        long assigned = assignedTicket("Magic " + tag);
        long other = ticket("Not mine " + tag);
        assertThat(found("UserRequest", "SELECT UserRequest WHERE status NOT IN ('closed', 'resolved')"
                + " AND agent_id = :current_contact_id")).contains("UserRequest::" + assigned)
                .doesNotContain("UserRequest::" + other);
        assertThat(found("Person", "SELECT Person WHERE id = :current_contact_id")).containsExactly("Person::" + monet);
        assertThat(found("Person", "SELECT Person WHERE email = :current_contact->email")).contains("Person::" + monet);
    }

    @Test
    void q11DateArithmetic() {
        long old = create("UserRequest", map("org_id", demoOrg, "title", "Old " + tag, "description", "d",
                "start_date", LocalDateTime.now().minusHours(2).withNano(0)));
        long recent = ticket("Recent " + tag);
        assertThat(found("UserRequest", "SELECT UserRequest AS u WHERE u.start_date < DATE_SUB(NOW(), INTERVAL 60 MINUTE)"
                + " AND u.status = 'new'")).contains("UserRequest::" + old).doesNotContain("UserRequest::" + recent);
    }

    @Test
    void q12ContractsEndingWithinThirtyDays() {
        long soon = create("Contract", map("name", "Soon " + tag, "end_date", LocalDate.now().plusDays(10)));
        long later = create("Contract", map("name", "Later " + tag, "end_date", LocalDate.now().plusDays(60)));
        assertThat(found("Contract", "SELECT Contract AS c WHERE c.end_date > NOW() AND c.end_date < DATE_ADD(NOW(),"
                + " INTERVAL 30 DAY)")).contains("Contract::" + soon).doesNotContain("Contract::" + later);
    }

    @Test
    void q13SubQueryWithJoin() {
        long linked = create("Server", map("name", "linked " + tag, "org_id", demoOrg));
        long alone = create("Server", map("name", "alone " + tag, "org_id", demoOrg));
        create("ApplicationSolution", map("name", "app " + tag, "org_id", demoOrg,
                "functionalcis_list", List.of(Map.of("functionalci_id", linked))));
        assertThat(found("Server", "SELECT Server WHERE id NOT IN (SELECT Server AS s JOIN"
                + " lnkApplicationSolutionToFunctionalCI AS l ON l.functionalci_id = s.id)"))
                .contains("Server::" + alone).doesNotContain("Server::" + linked);
    }

    @Test
    void q14UnionOfPersonsAndTeams() {
        long org = create("Organization", map("name", "Union " + tag));
        long person = create("Person", map("name", "P " + tag, "first_name", "F", "org_id", org));
        long team = create("Team", map("name", "T " + tag, "org_id", org));
        JsonNode json = get("Contact", "SELECT Person WHERE org_id = " + org + " UNION SELECT Team WHERE org_id = " + org);
        assertThat(json.get("message").asString()).isEqualTo("Found: 2");
        assertThat(json.get("objects").propertyNames()).containsExactlyInAnyOrder("Person::" + person, "Team::" + team);
    }

    @Test
    void q15FinalClassAndLike() {
        long disk = ticket("The DISK is full " + tag);
        ticket("Network down " + tag);
        assertThat(found("Ticket", "SELECT Ticket WHERE finalclass IN ('UserRequest', 'Incident') AND title LIKE '%disk%"
                + tag + "'")).containsExactly("UserRequest::" + disk);
        assertThat(found("Ticket", "SELECT Ticket WHERE finalclass IN ('UserRequest', 'Incident') AND title LIKE '%disk%'"))
                .contains("UserRequest::" + disk);
    }

    @Test
    void q16q17IpRangesAndRegularExpressions() {
        long inRange = create("Server", map("name", "dbserver1" + tag, "org_id", demoOrg, "managementip", "10.22.32.230"));
        long outOfRange = create("Server", map("name", "web" + tag, "org_id", demoOrg, "managementip", "10.22.33.1"));
        // our model has no DatacenterDevice: the same query on Server, where managementip lives
        assertThat(found("Server", "SELECT Server AS d WHERE INET_ATON(d.managementip) > INET_ATON('10.22.32.224')"
                + " AND INET_ATON(d.managementip) < INET_ATON('10.22.32.255')"))
                .contains("Server::" + inRange).doesNotContain("Server::" + outOfRange);
        assertThat(found("Server", "SELECT Server WHERE name REGEXP '^dbserver[0-9]+'"))
                .contains("Server::" + inRange).doesNotContain("Server::" + outOfRange);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT toto WHERE toto.a = (3++1)",
        "SELECT toto WHHHERE toto.a = \"1\"",
        "SELECT Organization WHERE Organization.name == \"1\"",
        "SELECT Organization WHERE Organization.id % 1",
        "SELECT Organization WHERE Organization.name like 'arg'",
        "SELECT Organization WHERE Organization.name NOT LIKE \"That's \"it\"\"",
        "SELECT Organization WHERE Organization.name NOT LIKE 'That's it'",
        "SELECT Organization WHERE Organization.name NOT LIKE \"blah \\ truc\"",
        "SELECT Organization WHERE Organization.parent_id BELOW 2",
        "SELECT Contact WHERE nom_de_famille = \"foo\"",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON p.id = lnk.person_id",
        "SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id = p.id WHERE id = 1",
        "SELECT foo FROM Person AS p JOIN Location AS l ON p.location_id = l.id",
        "SELECT Contact AS c WHERE Contact.name = 'x'",
        "name = 'Demo'",
        "SELECT Organization WHERE name = :undefined",
        "SELECT Person WHERE team_list = 1",
        "SELECT UserLocal WHERE password = 'x'",
    })
    void rejectedQueriesAreCode100WithTheQueryInTheMessage(String oql) {
        JsonNode json = get("Organization", oql);
        assertThat(json.get("code").asInt()).isEqualTo(100);
        assertThat(json.get("message").asString())
                .startsWith("Error: Query failed to execute: query = " + oql + ", exception_class = ");
        assertThat(json.has("objects")).isFalse();
    }

    @Test
    void missingArgumentsAreNamed() {
        assertThat(get("Organization", "SELECT Organization WHERE id IN (:param1, :param2)").get("message").asString())
                .contains("exception_class = MissingQueryArgument").contains("Missing query argument: expecting = param1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT Organization WHERE Organization.id = (3--1)",
        "SELECT Organization WHERE Organization.id = 0xC",
        "SELECT Organization WHERE name = 'AXDVFS0xCZ32'",
        "SELECT Person UNION SELECT Team UNION SELECT Person",
        "SELECT Organization WHERE name = \"\\\"; DELETE FROM cmdb.organization; --\"",
        "SELECT Organization WHERE name = 'x\\' OR \\'1\\'=\\'1'",
        "SELECT Organization WHERE name = '$$; DROP TABLE cmdb.organization; $$'",
    })
    void acceptedOdditiesRun(String oql) {
        assertThat(get("Organization", oql).get("code").asInt()).isZero();
    }

    @Test
    void fuzzedAndHostileQueriesNeverBreakTheServiceNorRunExtraSql() {
        long organizations = jdbc.queryForObject("select count(*) from cmdb.organization", Long.class);
        String tables = tables();
        List<String> queries = fuzzQueries(new Random(20260527L), 3000);
        int accepted = 0;
        for (String oql : queries) {
            Reply reply = post("1.3", Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD, "json_data",
                    JSON.writeValueAsString(map("operation", "core/get", "class", "Organization", "key", oql,
                            "output_fields", "id", "limit", 5))));
            assertThat(reply.status()).as(oql).isEqualTo(200);
            JsonNode json = reply.json();
            int code = json.get("code").asInt();
            assertThat(code).as(oql).isIn(0, 100);
            String message = json.get("message").asString();
            if (code == 100) {
                assertThat(message).as(oql).startsWith("Error: ").doesNotContain("org.postgresql", "PSQLException",
                        "\tat ", "Internal error");
            } else {
                accepted++;
            }
        }
        assertThat(jdbc.queryForObject("select count(*) from cmdb.organization", Long.class)).isEqualTo(organizations);
        assertThat(tables()).isEqualTo(tables);
        assertThat(accepted).as("some generated queries are valid").isPositive();
    }

    private String tables() {
        return jdbc.queryForList("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_schema not in ('pg_catalog', 'information_schema') order by 1", String.class)
                .stream().collect(Collectors.joining(","));
    }

    private static final String[] SEEDS = {
        "SELECT Organization",
        "SELECT Organization WHERE name = 'Demo'",
        "SELECT Organization AS o WHERE o.name LIKE '%e%' AND o.status != 'inactive'",
        "SELECT Organization WHERE id IN (1, 2, 3) OR code = \"DEMO\"",
        "SELECT o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE p.name = 'Monet'",
        "SELECT Organization AS c JOIN Organization AS r ON c.parent_id BELOW r.id WHERE r.id = 1",
        "SELECT Organization WHERE id NOT IN (SELECT Organization WHERE name LIKE 'a%')",
        "SELECT Organization WHERE CONCAT(name, code) = 'x' AND LENGTH(name) > 0",
        "SELECT Organization WHERE DATE_ADD(NOW(), INTERVAL 1 DAY) > NOW() AND ISNULL(code)",
        "SELECT Organization UNION SELECT Organization WHERE name = 'x'",
    };

    private static final String[] HOSTILE = {
        "'", "\"", "`", "\\", "--", "/*", "*/", ";", "$$", "$tag$", "%", "==", "'; DROP TABLE cmdb.organization; --",
        "\" OR 1=1 --", "') OR ('1'='1", "$$ OR 1=1 $$", "\u0000", "\u00e9", "\u202e", "::text", "||", "E'\\x41'",
        "pg_sleep(1)", "(SELECT 1)", ":x", ":current_user->password", "NULL", "0x", "-", "9999999999999999999999",
        "UNION", "JOIN", "WHERE", "AS", "IN", "NOT IN", "BELOW", "REGEXP", "MATCHES", "INTERVAL", "(", ")", ",", ".",
    };

    static List<String> fuzzQueries(Random random, int count) {
        List<String> queries = new ArrayList<>();
        for (String hostile : HOSTILE) {
            queries.add("SELECT Organization WHERE name = '" + hostile + "'");
            queries.add("SELECT Organization WHERE name = " + hostile);
            queries.add("SELECT Organization " + hostile);
        }
        while (queries.size() < count) {
            String seed = SEEDS[random.nextInt(SEEDS.length)];
            StringBuilder query = new StringBuilder(seed);
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                int at = random.nextInt(query.length() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> query.insert(at, HOSTILE[random.nextInt(HOSTILE.length)]);
                    case 1 -> query.insert(at, " " + HOSTILE[random.nextInt(HOSTILE.length)] + " ");
                    case 2 -> {
                        if (query.length() > 1) {
                            int end = Math.min(query.length(), at + 1 + random.nextInt(6));
                            query.delete(Math.min(at, query.length() - 1), end);
                        }
                    }
                    default -> query.insert(at, (char) (32 + random.nextInt(95)));
                }
            }
            queries.add(query.toString());
        }
        return queries;
    }
}
