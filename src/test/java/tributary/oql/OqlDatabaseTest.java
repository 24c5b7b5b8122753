package tributary.oql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Compiles OQL against {@link TestCatalog} and runs the SQL on embedded PostgreSQL. */
class OqlDatabaseTest {

    private final OqlCompiler compiler = new OqlCompiler(TestCatalog.INSTANCE);

    @Test
    void specExamplesReturnTheRightObjects() {
        assertThat(ids("SELECT Organization")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(ids("SELECT Person WHERE name = 'monet' AND first_name = 'CLAUDE'")).containsExactly(20L);
        assertThat(ids("SELECT Person AS p WHERE p.email LIKE '%@demo.com'")).containsExactly(20L, 21L);
        assertThat(ids("SELECT Server WHERE status IN ('PRODUCTION', 'implementation')")).containsExactly(40L, 41L);
        assertThat(ids("SELECT Server WHERE status NOT IN ('obsolete') AND org_name = 'demo'")).containsExactly(40L);
        assertThat(ids("SELECT Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE o.name = 'Demo'"))
            .containsExactly(20L);
        assertThat(ids("SELECT o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE p.name = 'Monet'"))
            .containsExactly(1L);
        assertThat(TestDatabase.rows(compile("SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id")))
            .containsExactly(List.of(20L, 1L), List.of(21L, 2L), List.of(22L, 4L));
        assertThat(ids("SELECT Organization AS child JOIN Organization AS root ON child.parent_id BELOW root.id WHERE root.name = 'Demo'"))
            .containsExactly(1L, 2L, 3L);
        assertThat(ids("SELECT UserRequest WHERE status NOT IN ('closed', 'resolved') AND agent_id = :current_contact_id",
            Map.of("current_contact_id", 20L))).containsExactly(60L);
        assertThat(ids("SELECT UserRequest AS u WHERE u.start_date < DATE_SUB(NOW(), INTERVAL 60 MINUTE) AND u.status = 'new'"))
            .containsExactly(60L);
        assertThat(ids("SELECT Contract AS c WHERE c.end_date > NOW() AND c.end_date < DATE_ADD(NOW(), INTERVAL 30 DAY)"))
            .containsExactly(70L);
        assertThat(ids("SELECT Server WHERE id NOT IN (SELECT Server AS s JOIN lnkApplicationSolutionToFunctionalCI AS l ON l.functionalci_id = s.id)"))
            .containsExactly(41L, 42L);
        assertThat(ids("SELECT Ticket WHERE finalclass IN ('userrequest', 'Incident') AND title LIKE '%DISK%'"))
            .containsExactly(60L, 62L);
        assertThat(ids("SELECT DatacenterDevice AS d WHERE INET_ATON(d.managementip) > INET_ATON('10.22.32.224') AND INET_ATON(d.managementip) < INET_ATON('10.22.32.255')"))
            .containsExactly(40L);
        assertThat(ids("SELECT Server WHERE name REGEXP '^dbserver[0-9]+'")).containsExactly(40L, 41L);
        assertThat(ids("SELECT Server WHERE ISNULL(purchase_date)")).containsExactly(41L, 42L);
    }

    @Test
    void unionAcrossPersonAndTeamReturnsContacts() {
        CompiledQuery query = compile("SELECT Person WHERE org_id = 1 UNION SELECT Team WHERE org_id = 1");
        assertThat(query.resultClass()).isEqualTo("Contact");
        assertThat(TestDatabase.rows(query)).containsExactly(List.of(20L), List.of(23L));
        assertThat(ids("SELECT Server UNION SELECT PC WHERE name = 'pc1' UNION SELECT Server WHERE id = 40"))
            .containsExactly(40L, 41L, 42L, 43L);
    }

    @Test
    void treeOperators() {
        String below = "SELECT Organization AS child JOIN Organization AS root ON child.parent_id %s root.id WHERE root.name = 'Demo'";
        assertThat(ids(below.formatted("BELOW STRICT"))).containsExactly(2L, 3L);
        assertThat(ids(below.formatted("NOT BELOW"))).containsExactly(4L, 5L);
        assertThat(ids(below.formatted("NOT BELOW STRICT"))).containsExactly(1L, 4L, 5L);
        String above = "SELECT Organization AS a JOIN Organization AS node ON a.parent_id %s node.id WHERE node.name = 'Demo-SubSub'";
        assertThat(ids(above.formatted("ABOVE"))).containsExactly(1L, 2L, 3L);
        assertThat(ids(above.formatted("ABOVE STRICT"))).containsExactly(1L, 2L);
        assertThat(ids(above.formatted("NOT ABOVE"))).containsExactly(4L, 5L);
        // persons of Demo and its sub-organizations, through two joins
        assertThat(ids("SELECT Person AS P JOIN Organization AS Node ON P.org_id = Node.id JOIN Organization AS Root ON Node.parent_id BELOW Root.id WHERE Root.id = 1"))
            .containsExactly(20L, 21L);
        // iTop's quirk: a tree operator on a plain key of the joined class behaves as equality
        assertThat(ids("SELECT Person AS p JOIN lnkPersonToTeam AS lnk ON lnk.person_id BELOW p.id")).containsExactly(20L, 21L);
        assertThat(ids("SELECT UserRequest WHERE org_id IN (SELECT Organization AS o JOIN Organization AS r ON o.parent_id BELOW r.id WHERE r.id = '1')"))
            .containsExactly(60L, 61L);
    }

    @Test
    void mysqlComparisonSemantics() {
        assertThat(ids("SELECT Person WHERE org_id = '1'")).containsExactly(20L);
        assertThat(ids("SELECT Person WHERE org_id = 0")).containsExactly(25L);
        assertThat(ids("SELECT Contact WHERE org_id != 0 AND org_id < 2")).containsExactly(20L, 23L);
        assertThat(ids("SELECT Person WHERE name = 'MONET' OR name LIKE 'ren%'")).containsExactly(20L, 21L);
        assertThat(ids("SELECT Person WHERE name NOT LIKE '%o%'")).isEmpty();
        assertThat(ids("SELECT Person WHERE name = NULL OR name != NULL")).isEmpty();
        assertThat(ids("SELECT Server WHERE monitored = 1")).containsExactly(40L);
        assertThat(ids("SELECT Server WHERE ram_gb > '20' AND cpu_count >= '8'")).containsExactly(41L);
        assertThat(ids("SELECT Server WHERE purchase_date = '2020-05-01' AND purchase_date > '2020-04-30 23:59:59'")).containsExactly(40L);
        assertThat(ids("SELECT UserRequest WHERE start_date >= '2024-01-15' AND start_date < '2024-01-15 10:31'")).containsExactly(63L);
        assertThat(ids("SELECT UserRequest WHERE start_date LIKE '2024-01-15%'")).containsExactly(63L);
        assertThat(ids("SELECT UserRequest WHERE start_date < 'not a date'")).containsExactly(60L, 61L, 63L);
        assertThat(ids("SELECT Organization WHERE 1")).hasSize(5);
        assertThat(ids("SELECT Organization WHERE 0")).isEmpty();
        // (id = 3) - 1: non-zero, hence true, for every id but 3
        assertThat(ids("SELECT Organization WHERE id = 0xC / 4 - 1")).containsExactly(1L, 2L, 4L, 5L);
        assertThat(ids("SELECT Organization WHERE id = (0xC / 4 - 1)")).containsExactly(2L);
        // the precedence quirk: (1 = 2) + 1 is 1
        assertThat(ids("SELECT Organization WHERE id = 1 AND 1 = 2 + 1")).containsExactly(1L);
    }

    @Test
    void fieldValuesAreTheValuesConditionsCompare() {
        FieldValuesQuery query = compiler.fieldValues("Person", List.of("friendlyname", "org_name"));
        assertThat(query.allTextual()).isTrue();
        List<List<Object>> rows = TestDatabase.table(query.sql(), query.parameters());

        assertThat(rows).extracting(row -> ((Number) row.get(0)).longValue())
            .containsExactlyInAnyOrderElementsOf(ids("SELECT Person"));
        assertThat(rows).contains(List.of(20L, "Claude Monet", "Demo"));
        for (List<Object> row : rows) {
            // each object is found by its own values, as a search of many values at once joins them
            Map<String, Object> arguments = new HashMap<>();
            arguments.put("name", row.get(1));
            arguments.put("org", row.get(2));
            arguments.put("id", row.get(0));
            assertThat(ids("SELECT Person WHERE friendlyname = :name AND (org_name = :org OR ISNULL(:org)) AND id = :id",
                arguments)).as("%s", row).containsExactly(((Number) row.get(0)).longValue());
        }
        assertThat(compiler.fieldValues("Server", List.of("name", "org_id")).textual()).containsExactly(true, false);
        assertThatThrownBy(() -> compiler.fieldValues("Person", List.of("nope"))).isInstanceOf(OqlException.class);
    }

    @Test
    void computedAttributes() {
        assertThat(ids("SELECT Person WHERE friendlyname = 'claude monet'")).containsExactly(20L);
        assertThat(ids("SELECT Person WHERE friendlyname = ' Solo'")).containsExactly(25L);
        assertThat(ids("SELECT Ticket WHERE agent_name = 'Claude Monet'")).containsExactly(60L, 62L, 63L);
        assertThat(ids("SELECT Person WHERE org_id_friendlyname = 'Demo' OR location_id_friendlyname = 'lyon'"))
            .containsExactly(20L, 22L);
        assertThat(ids("SELECT Server WHERE org_parent_name = 'Demo'")).containsExactly(41L);
        assertThat(ids("SELECT Contact WHERE finalclass = 'team'")).containsExactly(23L, 24L);
        assertThat(ids("SELECT Contact WHERE obsolescence_flag = 0 AND finalclass = 'Person' AND org_name = 'Demo'"))
            .containsExactly(20L);
        assertThat(ids("SELECT FunctionalCI WHERE org_name = 'Demo'")).containsExactly(40L, 43L, 44L);
    }

    @Test
    void functions() {
        String oql = "SELECT Organization WHERE id = 1 AND CONCAT('a', 1, '-', NULL) IS_NULL";
        assertThat(ids(oql.replace(" IS_NULL", "").replace("AND CONCAT('a', 1, '-', NULL)", "AND ISNULL(CONCAT('a', 1, '-', NULL))")))
            .containsExactly(1L);
        List<String> truths = List.of(
            "CONCAT('a', 1, '-', 'b') = 'A1-b'", "SUBSTR('hello', -3) = 'llo'", "SUBSTR('hello', 2, 2) = 'el'",
            "SUBSTR('hello', 0) = ''", "TRIM('  x ') = 'x'", "ELT(2, 'a', 'b') = 'b'", "ISNULL(ELT(3, 'a', 'b'))",
            "IF(1 = 1, 'y', 'n') = 'y'", "IF(name = 'x', 1, 2) = 2", "COALESCE(NULL, 3) = 3",
            "INET_NTOA(167772161) = '10.0.0.1'", "INET_ATON('10.0.0.1') = 167772161", "ISNULL(INET_ATON('nope'))",
            "TO_DAYS('2000-01-01') = 730485", "FROM_DAYS(730485) = '2000-01-01'", "ROUND('2.5') = 3",
            "ROUND('2.345', 2) = '2.35'", "FLOOR('2.7') = 2", "(7 / 2) = '3.5'", "ISNULL(1 / 0)", "(3--1) = 4",
            "(0xC & 4) = 4", "(1 << 4) = 16", "(5 | 2) = 7", "(5 ^ 1) = 4",
            "YEAR('2024-01-15 10:30:45') = 2024", "MONTH('2024-01-15') = 1", "DAY('2024-01-15') = 15",
            "HOUR('2024-01-15 10:30:45') = 10", "MINUTE('2024-01-15 10:30:45') = 30",
            "SECOND('2024-01-15 10:30:45') = 45", "DATE('2024-01-15 10:30:00') = '2024-01-15'",
            "TIME('2024-01-15 10:30:00') = '10:30:00'",
            "DATE_FORMAT('2024-01-05 08:03:09', '%Y/%m/%d %H:%i:%s %% %e') = '2024/01/05 08:03:09 % 5'",
            "DATE_ADD('2024-01-31', INTERVAL 1 MONTH) = '2024-02-29'", "DATE_SUB('2024-01-01', INTERVAL 1 SECOND) = '2023-12-31 23:59:59'",
            "DATE_ADD(CURRENT_DATE(), INTERVAL 1 DAY) > NOW()", "name REGEXP 'DEM[aeiou]'", "name MATCHES 'em'",
            "name MATCHES '%' = 0", "code LIKE 'de_o'");
        for (String truth : truths) {
            assertThat(ids("SELECT Organization WHERE id = 1 AND " + truth)).as(truth).containsExactly(1L);
        }
    }

    @Test
    void injectionAttemptsAreRejectedOrMatchNothing() {
        long contacts = TestDatabase.scalar("SELECT count(*) FROM cmdb.contact", List.of());
        // a valid OQL string literal: matches the person whose name is literally that text, nobody else
        assertThat(ids("SELECT Person WHERE name = 'x\\' OR 1=1 --'")).containsExactly(22L);
        assertThat(ids("SELECT Person WHERE name = \"'; DROP TABLE cmdb.contact; --\"")).isEmpty();
        assertThat(ids("SELECT Person WHERE name = :n", Map.of("n", "' OR 1=1; DROP TABLE cmdb.contact; --"))).isEmpty();
        assertThat(ids("SELECT Person WHERE name LIKE '%\\'; DROP TABLE cmdb.contact; --%'")).isEmpty();
        assertThat(ids("SELECT `p\"; DROP TABLE cmdb.contact; --` FROM Person AS `p\"; DROP TABLE cmdb.contact; --` WHERE `p\"; DROP TABLE cmdb.contact; --`.id = 20"))
            .containsExactly(20L);
        assertThat(ids("SELECT Person WHERE name = '$$; DROP TABLE cmdb.contact; $$' OR name = '\\\\x27'")).isEmpty();
        for (String hostile : List.of("SELECT Person WHERE name = 'a'; DROP TABLE cmdb.contact",
                "SELECT Person WHERE name = 'a' -- comment", "SELECT Person WHERE name = 'a' /* x */",
                "SELECT Person\" ; DROP TABLE cmdb.contact; --", "SELECT Person WHERE `name\"; DROP TABLE x; --` = 1",
                "SELECT Person WHERE name = 'a' UNION SELECT Organization", "SELECT Person WHERE pg_sleep(5) = 1",
                "SELECT Person WHERE name = 'x\\' OR 1=1", "SELECT Person WHERE name = E'\\\\x27'")) {
            assertThatThrownBy(() -> compile(hostile)).as(hostile).isInstanceOf(OqlException.class);
        }
        assertThat(TestDatabase.scalar("SELECT count(*) FROM cmdb.contact", List.of())).isEqualTo(contacts);
    }

    @Test
    void countAndPageVariants() {
        CompiledQuery query = compile("SELECT Contact WHERE org_id != 4");
        assertThat(TestDatabase.scalar(query.count().sql(), query.count().parameters())).isEqualTo(4);
        assertThat(TestDatabase.rows(query.page(2, 1))).containsExactly(List.of(21L), List.of(23L));
        CompiledQuery union = compile("SELECT Person UNION SELECT Team");
        assertThat(TestDatabase.scalar(union.count().sql(), union.count().parameters())).isEqualTo(6);
        assertThat(TestDatabase.rows(union.page(1, 5))).containsExactly(List.of(25L));
        CompiledQuery tree = compile("SELECT p FROM Person AS p JOIN lnkPersonToTeam AS l ON l.person_id = p.id");
        assertThat(TestDatabase.scalar(tree.count().sql(), tree.count().parameters())).isEqualTo(2);
    }

    @Test
    void argumentsAreBoundOrReported() {
        assertThat(ids("SELECT Person WHERE org_id IN (:orgs) AND name != :current_user->login",
            Map.of("orgs", List.of(1, 2, "4"), "current_user->login", "Renoir"))).containsExactly(20L, 22L);
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("x", null);
        assertThat(ids("SELECT Person WHERE name = :x", withNull)).isEmpty();
        assertThatThrownBy(() -> compile("SELECT Person WHERE org_id = :org"))
            .isInstanceOf(MissingQueryArgumentException.class)
            .hasMessage("Missing query argument: expecting = org, available = ")
            .extracting(error -> ((OqlException) error).itopExceptionClass()).isEqualTo("MissingQueryArgument");
        assertThatThrownBy(() -> compiler.compile("SELECT Person WHERE org_id = :org", Map.of("current_contact_id", 20)))
            .hasMessage("Missing query argument: expecting = org, available = current_contact_id");
    }

    @Test
    void everyValidSampleProducesExecutableSql() {
        Map<String, Object> arguments = Map.of("current_contact_id", 20);
        for (String oql : OqlSamples.valid()) {
            CompiledQuery query = compiler.compile(oql, arguments);
            TestDatabase.rows(query);
            TestDatabase.scalar(query.count().sql(), query.count().parameters());
        }
    }

    @ParameterizedTest
    @MethodSource("tributary.oql.OqlSamples#valid")
    void sqlNeverContainsQueryText(String oql) {
        CompiledQuery query = compiler.compile(oql, Map.of("current_contact_id", 20));
        assertThat(query.sql()).doesNotContain("'Demo'", "Monet", "%@demo.com", "my alias");
        assertThat(query.parameters()).doesNotContainNull();
    }

    private CompiledQuery compile(String oql) {
        return compiler.compile(oql, Map.of());
    }

    private List<Long> ids(String oql) {
        return ids(oql, Map.of());
    }

    private List<Long> ids(String oql, Map<String, ?> arguments) {
        return TestDatabase.rows(compiler.compile(oql, arguments)).stream().map(row -> row.get(0))
            .collect(Collectors.toList());
    }
}
