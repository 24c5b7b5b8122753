package tributary.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tributary.oql.CompiledQuery;
import tributary.oql.catalog.OqlSearch;
import tributary.test.IntegrationTestBase;
import tributary.test.StatementCounter;
import tributary.test.TestFieldLocks;

/** The object service on a real PostgreSQL: validation, keys, link sets, lifecycle, history, deletion, locks. */
class ObjectServiceIT extends IntegrationTestBase {

    @Autowired
    ObjectService objects;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TestFieldLocks locks;
    @Autowired
    Jdbi jdbi;
    @Autowired
    OqlSearch oql;

    WriteContext context;
    long org;
    String tag;

    @BeforeEach
    void givenAnOrganization() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "test " + tag);
        org = objects.create(context, "Organization", Map.of("name", "Org " + tag)).id();
    }

    private long gadget(Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(values);
        all.putIfAbsent("name", "g-" + tag);
        return objects.create(context, "Gadget", all).id();
    }

    private long person(String firstName, String name) {
        return objects.create(context, "Person", Map.of("first_name", firstName, "name", name, "org_id", org)).id();
    }

    private long gadgetCount() {
        return jdbc.queryForObject("select count(*) from cmdb.gadget where name like ?", Long.class, "%" + tag + "%");
    }

    @Nested
    class AttributeTypes {

        @Test
        void validValuesOfEveryTypeAreStoredTypedAndReadBack() {
            long id = gadget(Map.ofEntries(
                    Map.entry("notes", "multi\nline"), Map.entry("body", "<p>Hello <b>you</b></p>"),
                    Map.entry("count", "42"), Map.entry("price", "12.50"), Map.entry("active", true),
                    Map.entry("bought", "2024-02-29"), Map.entry("seen_at", "2024-03-01 13:14:15"),
                    Map.entry("size", "large"), Map.entry("contact_email", "a.b@example.org"),
                    Map.entry("hotline", "+33 (0)1 23 45 67 89"), Map.entry("address_ip", "10.1.2.3"),
                    Map.entry("homepage", "https://example.org/x?y=1"), Map.entry("org_id", org),
                    Map.entry("secret", "s3cret-value"), Map.entry("log", "first entry")));

            CmdbObject read = objects.get("Gadget", id).orElseThrow();

            assertThat(read.get("notes")).isEqualTo("multi\nline");
            assertThat(read.get("body")).isEqualTo("<p>Hello <b>you</b></p>");
            assertThat(read.get("count")).isEqualTo(42L);
            assertThat((BigDecimal) read.get("price")).isEqualByComparingTo("12.5");
            assertThat(read.get("active")).isEqualTo(true);
            assertThat(read.get("bought")).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(read.get("seen_at")).isEqualTo(LocalDateTime.of(2024, 3, 1, 13, 14, 15));
            assertThat(read.get("size")).isEqualTo("large");
            assertThat(read.get("address_ip")).isEqualTo("10.1.2.3");
            assertThat(read.get("org_id")).isEqualTo(org);
            assertThat(read.get("org_name")).isEqualTo("Org " + tag);
            assertThat(read.get("org_id_friendlyname")).isEqualTo("Org " + tag);
            assertThat(read.friendlyName()).isEqualTo("g-" + tag);
            assertThat(read.getString("secret")).startsWith("$2").doesNotContain("s3cret-value");
            assertThat(((CaseLog) read.get("log")).entries()).singleElement()
                    .satisfies(entry -> assertThat(entry.messageHtml()).isEqualTo("first entry"));
        }

        @Test
        void decomposedTextIsStoredComposedWhateverTheWriter() {
            // A future LDAP or JDBC source writes through this service, not through the CSV reader or the REST decoder.
            long id = gadget(Map.of("notes", "Cafe\u0301", "body", "<p>cre\u0300me</p>", "log", "Zoe\u0308 a\u0300 Paris"));

            CmdbObject read = objects.get("Gadget", id).orElseThrow();
            assertThat(read.get("notes")).isEqualTo("Café");
            assertThat(read.get("body")).isEqualTo("<p>crème</p>");
            assertThat(((CaseLog) read.get("log")).entries()).singleElement()
                    .satisfies(entry -> assertThat(entry.messageHtml()).isEqualTo("Zoë à Paris"));
        }

        @Test
        void aFriendlyNameWithAnEmptyPartReadsAsOqlSearchesIt() {
            // iTop joins every part with a space, empty ones too: what a read shows is what a search finds (the CSV
            // import's `extkey->friendlyname` columns are searched in OQL, and its "possible values" are reads).
            long id = objects.create(context, "Badge", Map.of("name", "b-" + tag)).id();

            String read = objects.get("Badge", id).orElseThrow().friendlyName();

            assertThat(read).isEqualTo(" b-" + tag);
            CompiledQuery query = oql.compile("SELECT Badge WHERE friendlyname = :name", Map.of("name", read),
                    OqlSearch.Caller.NOBODY);
            assertThat(oql.ids(oql.fetch(query, 0, 0))).containsExactly(id);
        }

        @Test
        void anObjectFoundThroughItsAbstractClassIsNamedByItsOwnClass() {
            // Contact names its objects by "name", Person by "first_name name": a Person reached through Contact (or
            // through a key to Contact) is searched by the name a read shows.
            long ada = person("Ada", "Lovelace-" + tag);
            long gadget = gadget(Map.of("holder_id", ada));
            String shown = objects.get("Gadget", gadget).orElseThrow().getString("holder_id_friendlyname");

            assertThat(shown).isEqualTo("Ada Lovelace-" + tag);
            assertThat(oql.ids(oql.fetch(oql.compile("SELECT Contact WHERE friendlyname = :n", Map.of("n", shown),
                    OqlSearch.Caller.NOBODY), 0, 0))).containsExactly(ada);
            assertThat(oql.ids(oql.fetch(oql.compile("SELECT Gadget WHERE holder_id_friendlyname = :n",
                    Map.of("n", shown.toUpperCase()), OqlSearch.Caller.NOBODY), 0, 0))).containsExactly(gadget);
            assertThat(oql.matchAll("Contact", List.of("friendlyname"), List.of(List.of(shown), List.of("Lovelace-" + tag))))
                    .containsExactly(new ObjectService.Match(1, ada), new ObjectService.Match(0, null));
        }

        @ParameterizedTest(name = "{0} = ''{1}'' is refused: {2}")
        @CsvSource(delimiter = '|', value = {
                "name          | a name longer than twenty characters | Unexpected value for attribute 'name': String too long (maximum 20 characters)",
                "count         | 12x                                  | Unexpected value for attribute 'count': Not an integer [12x]",
                "price         | 1,5                                  | Unexpected value for attribute 'price': Not a decimal number [1,5]",
                "price         | 1e3                                  | Unexpected value for attribute 'price': Not a decimal number [1e3]",
                "price         | .5                                   | Unexpected value for attribute 'price': Not a decimal number [.5]",
                "price         | \u0661\u0662                           | Unexpected value for attribute 'price': Not a decimal number [\u0661\u0662]",
                "price         | 0.0000000000000000000000000000001    | Unexpected value for attribute 'price': Not a decimal number [0.0000000000000000000000000000001] (at most 65 digits, 30 after the decimal point)",
                "contact_email | 'dup@x.com\u00A0'                     | Unexpected value for attribute 'contact_email': Wrong format [dup@x.com\u00A0]",
                "active        | perhaps                              | Unexpected value for attribute 'active': Not a boolean [perhaps]",
                "bought        | 2024-02-30                           | Wrong format for date attribute bought, expecting \"Y-m-d\" and got \"2024-02-30\"",
                "bought        | 29/02/2024                           | Wrong format for date attribute bought, expecting \"Y-m-d\" and got \"29/02/2024\"",
                "seen_at       | 2024-03-01T13:14:15                  | Wrong format for date attribute seen_at, expecting \"Y-m-d H:i:s\" and got \"2024-03-01T13:14:15\"",
                "size          | medium                               | Unexpected value for attribute 'size': Value not allowed [medium]",
                "contact_email | not-an-email                         | Unexpected value for attribute 'contact_email': Wrong format [not-an-email]",
                "hotline       | call me maybe                        | Unexpected value for attribute 'hotline': Wrong format [call me maybe]",
                "address_ip    | 10.1.2.300                           | Unexpected value for attribute 'address_ip': Wrong format [10.1.2.300]",
                "address_ip    | example.org                          | Unexpected value for attribute 'address_ip': Wrong format [example.org]",
                "homepage      | javascript:alert(1)                  | Unexpected value for attribute 'homepage': Wrong format [javascript:alert(1)]",
                "org_id        | 999999999                            | Unexpected value for attribute 'org_id': Target object not found (Organization::999999999)",
                "org_id        | abc                                  | Unexpected value for attribute 'org_id': Not a valid object id [abc]",
                "org_name      | Demo                                 | Unexpected value for attribute 'org_name': the attribute is read-only",
                "secret        | 7-chars                              | Unexpected value for attribute 'secret': The password must have at least 8 characters",
                "nosuch        | x                                    | nosuch: Unknown attribute"})
        void invalidValueIsRefusedNamingTheAttributeAndNothingIsWritten(String attribute, String value, String message) {
            long before = gadgetCount();

            assertThatThrownBy(() -> gadget(Map.of(attribute, value)))
                    .isInstanceOf(ObjectValidationException.class)
                    .hasMessage(message)
                    .satisfies(e -> assertThat(((ObjectValidationException) e).issues()).extracting(Issue::attribute)
                            .containsExactly(attribute));
            assertThat(gadgetCount()).isEqualTo(before);
        }

        @Test
        void structuredValuesAreRefusedForTextCaseLogAndPasswordAttributes() {
            long before = gadgetCount();
            assertThatThrownBy(() -> gadget(Map.of("notes", Map.of("a", 1))))
                    .hasMessage("Unexpected value for attribute 'notes': a text value is expected");
            assertThatThrownBy(() -> gadget(Map.of("log", 42)))
                    .hasMessage("Unexpected value for attribute 'log': a case log takes a text, add_item or items");
            assertThatThrownBy(() -> gadget(Map.of("secret", List.of("x"))))
                    .hasMessage("Unexpected value for attribute 'secret': a text value is expected");
            assertThat(gadgetCount()).isEqualTo(before);
        }

        @Test
        void missingMandatoryValueIsRefused() {
            assertThatThrownBy(() -> objects.create(context, "Person", Map.of("name", "Solo", "org_id", org)))
                    .hasMessage("Unexpected value for attribute 'first_name': Null not allowed");
        }

        @Test
        void severalIssuesAreAllReported() {
            assertThatThrownBy(() -> gadget(Map.of("count", "x", "size", "huge")))
                    .isInstanceOfSatisfying(ObjectValidationException.class, e -> assertThat(e.issues())
                            .extracting(Issue::attribute).containsExactlyInAnyOrder("count", "size"));
        }

        @Test
        void plainTextForAnHtmlAttributeIsStoredAsAParagraphAndScriptsAreRemoved() {
            long id = gadget(Map.of("notes", "x", "body", "a < b & c"));
            long other = objects.create(context, "Gadget", Map.of("name", "h-" + tag,
                    "body", "<p onclick=\"steal()\">hi<script>alert(1)</script></p>")).id();

            assertThat(objects.get("Gadget", id).orElseThrow().get("body")).isEqualTo("<p>a &lt; b &amp; c</p>");
            assertThat(objects.get("Gadget", other).orElseThrow().get("body")).isEqualTo("<p>hi</p>");
        }

        @Test
        void lengthsCountCharactersAndDecimalsKeepEveryDigitTheyMayHave() {
            String emoji = "\uD83D\uDE00".repeat(20); // 20 characters, 40 UTF-16 units; the limit is 20
            String widest = "1".repeat(35) + "." + "9".repeat(30);
            long id = gadget(Map.of("notes", "x", "name", emoji, "price", widest));

            CmdbObject read = objects.get("Gadget", id).orElseThrow();
            assertThat(read.get("name")).isEqualTo(emoji);
            assertThat(((BigDecimal) read.get("price")).toPlainString()).isEqualTo(widest);
            assertThatThrownBy(() -> gadget(Map.of("name", emoji + "x")))
                    .hasMessage("Unexpected value for attribute 'name': String too long (maximum 20 characters)");
        }

        @Test
        void aBooleanIsFalseUntilSetAndSettingFalseChangesNothing() {
            long id = gadget(Map.of("notes", "x"));
            assertThat(objects.get("Gadget", id).orElseThrow().get("active")).isEqualTo(Boolean.FALSE);

            objects.update(context, "Gadget", id, Map.of("active", "no"));

            assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op where objclass = 'Gadget' and objkey = ?"
                    + " and optype = 'update'", Long.class, id)).isZero();
        }

        @Test
        void spreadsheetFormulaLikeTextIsStoredVerbatim() {
            long id = gadget(Map.of("notes", "=HYPERLINK(\"http://x\")"));
            assertThat(objects.get("Gadget", id).orElseThrow().get("notes")).isEqualTo("=HYPERLINK(\"http://x\")");
        }

        @Test
        void uniqueAttributeRefusesADuplicateIgnoringCase() {
            objects.create(context, "URP_Profiles", Map.of("name", "Profile " + tag));
            assertThatThrownBy(() -> objects.create(context, "URP_Profiles", Map.of("name", "PROFILE " + tag)))
                    .hasMessageContaining("Unexpected value for attribute 'name'").hasMessageContaining("already used");
        }
    }

    @Nested
    class KeysFieldsAndQueries {

        @Test
        void externalFieldFollowsItsKeyAcrossClasses() {
            long owner = objects.create(context, "Person", Map.of("first_name", "Ada", "name", "Lovelace", "org_id", org,
                    "email", "ada@" + tag + ".org")).id();
            long id = gadget(Map.of("owner_id", owner));

            CmdbObject read = objects.get("Gadget", id).orElseThrow();

            assertThat(read.get("owner_email")).isEqualTo("ada@" + tag + ".org");
            assertThat(read.get("owner_id_friendlyname")).isEqualTo("Ada Lovelace");
        }

        @Test
        void keyOfZeroOrEmptyClearsTheKey() {
            long id = gadget(Map.of("org_id", org));
            objects.update(context, "Gadget", id, Map.of("org_id", 0));
            assertThat(objects.get("Gadget", id).orElseThrow().get("org_id")).isNull();
        }

        @Test
        void keyPointingToAnObjectOfAnotherClassIsRefused() {
            long team = objects.create(context, "Team", Map.of("name", "Team " + tag, "org_id", org)).id();
            assertThatThrownBy(() -> gadget(Map.of("owner_id", team)))
                    .hasMessage("Unexpected value for attribute 'owner_id': Target object not found (Person::" + team + ")");
        }

        @Test
        void queryOnAnAbstractClassReturnsTheObjectsOfItsSubclasses() {
            long person = person("Claude", "Monet-" + tag);
            long team = objects.create(context, "Team", Map.of("name", "Painters-" + tag, "org_id", org)).id();

            List<Long> contacts = objects.find("Contact", Map.of("org_id", org), 100);

            assertThat(contacts).containsExactly(person, team);
            assertThat(objects.getAll("Contact", contacts, false)).extracting(CmdbObject::className)
                    .containsExactly("Person", "Team");
            assertThat(objects.find("Person", Map.of("org_id", org), 100)).containsExactly(person);
        }

        @Test
        void stringCriteriaMatchIgnoringCase() {
            long person = person("Claude", "Monet-" + tag);
            assertThat(objects.find("Person", Map.of("name", "MONET-" + tag.toUpperCase(), "first_name", "claude"), 10))
                    .containsExactly(person);
        }

        @Test
        void aHierarchicalKeyKeepsATree() {
            long a = objects.create(context, "Organization", Map.of("name", "A-" + tag)).id();
            long b = objects.create(context, "Organization", Map.of("name", "B-" + tag, "parent_id", a)).id();
            long c = objects.create(context, "Organization", Map.of("name", "C-" + tag, "parent_id", b)).id();
            long d = objects.create(context, "Organization", Map.of("name", "D-" + tag)).id();

            // iTop's message: an object cannot be its own parent, nor the child of one of its descendants.
            assertThatThrownBy(() -> objects.update(context, "Organization", a, Map.of("parent_id", a)))
                    .hasMessage("Unexpected value for attribute 'parent_id': Value not allowed [" + a + "]");
            assertThatThrownBy(() -> objects.update(context, "Organization", a, Map.of("parent_id", c)))
                    .hasMessage("Unexpected value for attribute 'parent_id': Value not allowed [" + c + "]");
            // Objects written together are checked in order, each against the parents the ones before it set.
            List<WriteResult> results = objects.updateAll(context, List.of(
                    new ObjectUpdate("Organization", d, Map.of("parent_id", c)),
                    new ObjectUpdate("Organization", a, Map.of("parent_id", d)),
                    new ObjectUpdate("Organization", c, Map.of("parent_id", a))));
            assertThat(results).extracting(WriteResult::ok).containsExactly(true, false, true);
            assertThat(results.get(1).issues()).extracting(Issue::message)
                    .containsExactly("Unexpected value for attribute 'parent_id': Value not allowed [" + d + "]");
            assertThat(objects.get("Organization", a).orElseThrow().get("parent_id")).isNull();
            assertThat(objects.get("Organization", c).orElseThrow().get("parent_id")).isEqualTo(a);
            assertThat(objects.get("Organization", d).orElseThrow().get("parent_id")).isEqualTo(c);
            // Keys that are not hierarchical may loop (a Person may be their manager's manager).
            long p = person("P", "Loop-" + tag);
            long q = objects.create(context, "Person", Map.of("first_name", "Q", "name", "Loop-" + tag, "org_id", org,
                    "manager_id", p)).id();
            objects.update(context, "Person", p, Map.of("manager_id", q));
            assertThat(objects.get("Person", p).orElseThrow().get("manager_id")).isEqualTo(q);
        }

        @Test
        void attributeAddedToABuiltInClassByAUserModelFileIsUsable() {
            long person = objects.create(context, "Person", Map.of("first_name", "B", "name", "Badge-" + tag,
                    "org_id", org, "badge_number", 1234)).id();
            assertThat(objects.get("Person", person).orElseThrow().get("badge_number")).isEqualTo(1234L);
        }
    }

    @Nested
    class LinkSets {

        @Test
        void indirectLinkSetIsReplacedAsAWhole() {
            long team1 = objects.create(context, "Team", Map.of("name", "T1-" + tag, "org_id", org)).id();
            long team2 = objects.create(context, "Team", Map.of("name", "T2-" + tag, "org_id", org)).id();
            long team3 = objects.create(context, "Team", Map.of("name", "T3-" + tag, "org_id", org)).id();
            long person = objects.create(context, "Person", Map.of("first_name", "L", "name", "Links-" + tag,
                    "org_id", org, "team_list", List.of(Map.of("team_id", team1, "role", "lead"),
                            Map.of("team_id", team2)))).id();

            objects.update(context, "Person", person, Map.of("team_list", List.of(
                    Map.of("team_id", team2, "role", "member"), Map.of("team_id", team3), Map.of("team_id", 0))));

            CmdbObject read = objects.get("Person", person).orElseThrow();
            assertThat(read.links("team_list")).extracting(l -> l.get("team_id"), l -> l.get("role"))
                    .containsExactlyInAnyOrder(tuple(team2, "member"),
                            tuple(team3, null));
            assertThat(objects.get("Team", team1).orElseThrow().links("persons_list")).isEmpty();
            assertThat(objects.get("Team", team3).orElseThrow().links("persons_list"))
                    .extracting(l -> l.get("person_name")).containsExactly("Links-" + tag);
            // team 1 removed, team 3 added, team 2 kept with a new role: the host's history says all three
            assertThat(jdbc.queryForList("select newvalue from cmdb.change_op where objclass = 'Person' and objkey = ?"
                    + " and optype = 'links' order by id", String.class, person))
                    .containsExactly("added 2, removed 0", "added 1, removed 1, modified 1");

            objects.update(context, "Person", person, Map.of("team_list", List.of(
                    Map.of("team_id", team2, "role", "lead"), Map.of("team_id", team3))));

            assertThat(jdbc.queryForList("select newvalue from cmdb.change_op where objclass = 'Person' and objkey = ?"
                    + " and optype = 'links' order by id desc limit 1", String.class, person))
                    .containsExactly("added 0, removed 0, modified 1");
            // as in iTop, each team's members history shows the same links from its side
            String teamHistory = "select attcode || ': ' || newvalue from cmdb.change_op where objclass = 'Team'"
                    + " and objkey = ? and optype = 'links' order by id";
            assertThat(jdbc.queryForList(teamHistory, String.class, team1))
                    .containsExactly("persons_list: added 1, removed 0", "persons_list: added 0, removed 1");
            assertThat(jdbc.queryForList(teamHistory, String.class, team2)).containsExactly(
                    "persons_list: added 1, removed 0", "persons_list: added 0, removed 0, modified 1",
                    "persons_list: added 0, removed 0, modified 1");
            assertThat(jdbc.queryForList(teamHistory, String.class, team3)).containsExactly("persons_list: added 1, removed 0");

            // the person deleted, its memberships go with it: each team's history says so
            objects.delete(context, "Person", List.of(person));

            assertThat(jdbc.queryForList(teamHistory, String.class, team2)).last().isEqualTo("persons_list: added 0, removed 1");
            assertThat(jdbc.queryForList(teamHistory, String.class, team3)).containsExactly("persons_list: added 1, removed 0",
                    "persons_list: added 0, removed 1");
            assertThat(jdbc.queryForList(teamHistory, String.class, team1)).hasSize(2);
        }

        @Test
        void aLinkWrittenByItselfIsInTheHistoryOfBothItsEnds() {
            long red = objects.create(context, "Team", Map.of("name", "Red-" + tag, "org_id", org)).id();
            long blue = objects.create(context, "Team", Map.of("name", "Blue-" + tag, "org_id", org)).id();
            long person = person("Solo", "Ends-" + tag);
            String history = "select attcode || ': ' || newvalue from cmdb.change_op where objclass = ? and objkey = ?"
                    + " and optype = 'links' order by id";

            long link = objects.create(context, "lnkPersonToTeam", Map.of("person_id", person, "team_id", red)).id();
            objects.update(context, "lnkPersonToTeam", link, Map.of("role", "lead"));
            objects.update(context, "lnkPersonToTeam", link, Map.of("team_id", blue));
            objects.delete(context, "lnkPersonToTeam", List.of(link));

            // the same membership changes leave the same history as when made through either object's link set
            assertThat(jdbc.queryForList(history, String.class, "Person", person)).containsExactly(
                    "team_list: added 1, removed 0", "team_list: added 0, removed 0, modified 1",
                    "team_list: added 0, removed 0, modified 1", "team_list: added 0, removed 1");
            assertThat(jdbc.queryForList(history, String.class, "Team", red)).containsExactly(
                    "persons_list: added 1, removed 0", "persons_list: added 0, removed 0, modified 1",
                    "persons_list: added 0, removed 1");
            assertThat(jdbc.queryForList(history, String.class, "Team", blue)).containsExactly(
                    "persons_list: added 1, removed 0", "persons_list: added 0, removed 1");
        }

        @Test
        void directLinkSetCreatesAndRemovesLinkObjects() {
            long id = gadget(Map.of("parts_list", List.of(Map.of("label", "wheel"), Map.of("label", "axle"))));
            CmdbObject read = objects.get("Gadget", id).orElseThrow();
            assertThat(read.links("parts_list")).extracting(l -> l.get("label")).containsExactlyInAnyOrder("wheel", "axle");
            long wheel = read.links("parts_list").stream().filter(l -> l.get("label").equals("wheel")).findFirst()
                    .orElseThrow().id();

            objects.update(context, "Gadget", id, Map.of("parts_list", List.of(Map.of("id", wheel, "label", "big wheel"))));

            assertThat(objects.get("Gadget", id).orElseThrow().links("parts_list"))
                    .extracting(CmdbObject::id, l -> l.get("label"))
                    .containsExactly(tuple(wheel, "big wheel"));
        }

        @Test
        void linkToAMissingObjectRefusesTheHostAndWritesNothing() {
            assertThatThrownBy(() -> objects.create(context, "Person", Map.of("first_name", "L", "name", "Bad-" + tag,
                    "org_id", org, "team_list", List.of(Map.of("team_id", 987654321)))))
                    .hasMessageContaining("Target object not found (Team::987654321)");
            assertThat(objects.find("Person", Map.of("name", "Bad-" + tag), 10)).isEmpty();
        }

        @Test
        void nonArrayLinkSetIsRefused() {
            assertThatThrownBy(() -> gadget(Map.of("parts_list", "wheel")))
                    .hasMessage("A link set must be defined by an array of objects");
        }
    }

    @Nested
    class Lifecycle {

        private long ticket() {
            return objects.create(context, "UserRequest", Map.of("org_id", org, "title", "Disk full " + tag,
                    "description", "The disk is full")).id();
        }

        @Test
        void newTicketStartsInTheInitialStateWithAReference() {
            CmdbObject read = objects.get("UserRequest", ticket()).orElseThrow();
            assertThat(read.get("status")).isEqualTo("new");
            assertThat(read.getString("ref")).matches("R-\\d{6}");
            assertThat(read.get("start_date")).isNotNull();
        }

        @Test
        void stimulusNotAllowedInTheCurrentStateIsRefused() {
            long id = ticket();
            String ref = objects.get("UserRequest", id).orElseThrow().getString("ref");
            assertThatThrownBy(() -> objects.applyStimulus(context, "UserRequest", id, "ev_close", Map.of()))
                    .isInstanceOf(ObjectService.StimulusException.class)
                    .hasMessage("Invalid stimulus: 'ev_close' on the object " + ref + " in state 'new'");
        }

        @Test
        void transitionMissingMandatoryAttributesOfTheTargetStateIsRefused() {
            long id = ticket();
            assertThatThrownBy(() -> objects.applyStimulus(context, "UserRequest", id, "ev_assign", Map.of()))
                    .hasMessage("Missing mandatory attribute(s) for applying the stimulus: team_id, agent_id.");
            assertThat(objects.get("UserRequest", id).orElseThrow().get("status")).isEqualTo("new");
        }

        @Test
        void transitionWithItsMandatoryAttributesChangesTheState() {
            long id = ticket();
            long agent = person("Agent", "Smith-" + tag);
            long team = objects.create(context, "Team", Map.of("name", "Support-" + tag, "org_id", org)).id();

            objects.applyStimulus(context, "UserRequest", id, "ev_assign", Map.of("team_id", team, "agent_id", agent));
            objects.applyStimulus(context, "UserRequest", id, "ev_pending", Map.of("pending_reason", "waiting"));

            assertThat(objects.get("UserRequest", id).orElseThrow().get("status")).isEqualTo("pending");
        }

        @Test
        void stateCannotBeWrittenDirectly() {
            long id = ticket();
            assertThatThrownBy(() -> objects.update(context, "UserRequest", id, Map.of("status", "closed")))
                    .hasMessageContaining("the state changes only through a stimulus");
        }
    }

    @Nested
    class History {

        private List<Map<String, Object>> historyOf(String className, long id) {
            return jdbc.queryForList("select c.origin, c.userinfo, c.user_login, o.optype, o.attcode, o.oldvalue, o.newvalue"
                    + " from cmdb.change_op o join cmdb.change c on c.id = o.\"change\""
                    + " where o.objclass = ? and o.objkey = ? order by o.id", className, id);
        }

        @Test
        void creationAndEachChangedAttributeAreRecordedOnceWithOldAndNewValues() {
            long id = gadget(Map.of("count", 1, "size", "small"));
            WriteContext rest = WriteContext.of("rest", null, true, WriteContext.ORIGIN_REST, "fix");

            objects.update(rest, "Gadget", id, Map.of("count", 2, "size", "small", "notes", "n"));

            List<Map<String, Object>> history = historyOf("Gadget", id);
            assertThat(history).extracting(h -> h.get("optype"), h -> h.get("attcode"), h -> h.get("oldvalue"),
                    h -> h.get("newvalue")).containsExactly(
                    tuple("create", null, null, null),
                    tuple("update", "notes", "", "n"),
                    tuple("update", "count", "1", "2"));
            assertThat(history.get(1)).containsEntry("origin", "webservice-rest").containsEntry("userinfo", "fix")
                    .containsEntry("user_login", "rest");
        }

        @Test
        void updateWithIdenticalValuesRecordsNothingAndReportsNoChange() {
            long id = gadget(Map.of("count", 7, "notes", "same"));
            List<WriteResult> results = objects.updateAll(context, List.of(new ObjectUpdate("Gadget", id,
                    Map.of("count", "7", "notes", "same"))));
            assertThat(results.get(0).changedAttributes()).isEmpty();
            assertThat(historyOf("Gadget", id)).hasSize(1);
        }

        @Test
        void oneOperationIsOneChangeSet() {
            WriteContext bulk = WriteContext.of("bulk", null, true, WriteContext.ORIGIN_CSV_IMPORT, "import " + tag);
            List<WriteResult> results = objects.createAll(bulk, List.of(
                    new NewObject("Gadget", Map.of("name", "a-" + tag)), new NewObject("Gadget", Map.of("name", "b-" + tag))));
            assertThat(results).allMatch(WriteResult::ok);
            assertThat(jdbc.queryForObject("select count(distinct \"change\") from cmdb.change_op where objclass = 'Gadget'"
                    + " and objkey in (?, ?)", Long.class, results.get(0).id(), results.get(1).id())).isEqualTo(1);
        }

        @Test
        void historyEntriesNeedAnExistingChangeSetAndAChangeSetWithHistoryCannotBeDeleted() {
            long id = gadget(Map.of("count", 1));
            long change = jdbc.queryForObject("select \"change\" from cmdb.change_op where objclass = 'Gadget'"
                    + " and objkey = ?", Long.class, id);
            objects.update(context, "Gadget", id, Map.of("count", 2)); // a stored entry (the creation's is derived)
            long missing = jdbc.queryForObject("select coalesce(max(id), 0) + 1000 from cmdb.change", Long.class);

            assertThatThrownBy(() -> jdbc.update("insert into cmdb.change_op_entry (\"change\", objclass, objkey, optype)"
                    + " values (?, 'Gadget', ?, 'update'), (?, 'Gadget', ?, 'update')", change, id, missing, id))
                    .hasMessageContaining("violates the rule \"change_op_change_exists\"");
            assertThatThrownBy(() -> jdbc.update("update cmdb.change_op_entry set \"change\" = ? where objclass = 'Gadget'"
                    + " and objkey = ?", missing, id)).hasMessageContaining("change_op_change_exists");
            assertThatThrownBy(() -> jdbc.update("delete from cmdb.change where id = ?", change))
                    .hasMessageContaining("update or delete on table \"change\" violates the rule");
            assertThatThrownBy(() -> jdbc.update("update cmdb.change set id = ? where id = ?", missing, change))
                    .hasMessageContaining("update or delete on table \"change\" violates the rule");
            assertThat(historyOf("Gadget", id)).hasSize(2);

            long empty = jdbc.queryForObject("insert into cmdb.change (origin) values ('test') returning id", Long.class);
            assertThat(jdbc.update("delete from cmdb.change where id = ?", empty)).isEqualTo(1);
        }

        @Test
        void historyIsReadableThroughTheModelAndWrittenByTributaryOnly() {
            long id = gadget(Map.of("count", 1));
            objects.update(context, "Gadget", id, Map.of("count", 2));

            List<Long> ops = objects.find("CMDBChangeOpSetAttributeScalar", Map.of("objclass", "Gadget", "objkey", id), 10);

            assertThat(objects.getAll("CMDBChangeOp", ops, false)).singleElement().satisfies(op -> {
                assertThat(op.className()).isEqualTo("CMDBChangeOpSetAttributeScalar");
                assertThat(op.get("attcode")).isEqualTo("count");
                assertThat(op.get("oldvalue")).isEqualTo("1");
                assertThat(op.get("newvalue")).isEqualTo("2");
                assertThat(op.get("userinfo")).isEqualTo("test " + tag);
            });
            assertThat(objects.find("CMDBChangeOp", Map.of("objclass", "Gadget", "objkey", id), 10)).hasSize(2);
            assertThatThrownBy(() -> objects.create(context, "CMDBChange", Map.of("userinfo", "forged")))
                    .hasMessage("Objects of class CMDBChange are written by Tributary only");
            assertThatThrownBy(() -> objects.update(context, "CMDBChangeOp", ops.get(0), Map.of("newvalue", "3")))
                    .hasMessage("Objects of class CMDBChangeOpSetAttributeScalar are written by Tributary only");
            assertThat(objects.planDeletion(context, "CMDBChangeOp", ops).blocked()).isTrue();
        }

        @Test
        void aCreationEntryComesFromTheObjectRowAndIsStoredUnderTheSameIdWhenTheObjectIsDeleted() {
            long id = gadget(Map.of("count", 1));
            long change = jdbc.queryForObject("select creation_change from cmdb.gadget where id = ?", Long.class, id);
            assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op_entry where objclass = 'Gadget'"
                    + " and objkey = ?", Long.class, id)).as("no stored row for the creation").isZero();

            List<Long> created = objects.find("CMDBChangeOpCreate", Map.of("objclass", "Gadget", "objkey", id), 10);
            assertThat(created).singleElement().satisfies(op -> assertThat(op).isNegative());
            assertThat(objects.getAll("CMDBChangeOp", created, false)).singleElement().satisfies(op -> {
                assertThat(op.className()).isEqualTo("CMDBChangeOpCreate");
                assertThat(op.get("change")).isEqualTo(change);
                assertThat(op.get("objkey")).isEqualTo(id);
                assertThat(op.get("userinfo")).isEqualTo("test " + tag);
            });

            objects.delete(context, "Gadget", List.of(id));

            assertThat(historyOf("Gadget", id)).extracting(h -> h.get("optype")).containsExactly("create", "delete");
            assertThat(jdbc.queryForObject("select id from cmdb.change_op_entry where objclass = 'Gadget' and objkey = ?"
                    + " and optype = 'create' and \"change\" = ?", Long.class, id, change)).isEqualTo(created.get(0));
            assertThat(objects.getAll("CMDBChangeOpCreate", created, false)).singleElement()
                    .satisfies(op -> assertThat(op.get("objkey")).isEqualTo(id));
        }

        @Test
        void passwordChangesAreRecordedWithoutTheValue() {
            long id = gadget(Map.of("secret", "first-secret"));
            objects.update(context, "Gadget", id, Map.of("secret", "second-secret"));
            assertThat(historyOf("Gadget", id)).filteredOn(h -> "secret".equals(h.get("attcode")))
                    .singleElement().satisfies(h -> assertThat(h.get("newvalue")).isEqualTo("(hidden)"));
        }
    }

    @Nested
    class Bulk {

        @Test
        void badObjectsOfAChunkAreReportedAndTheOthersWritten() {
            List<WriteResult> results = objects.createAll(context, List.of(
                    new NewObject("Gadget", Map.of("name", "ok1-" + tag)),
                    new NewObject("Gadget", Map.of("name", "bad-" + tag, "size", "huge")),
                    new NewObject("Gadget", Map.of("name", "ok2-" + tag, "org_id", org))));

            assertThat(results).extracting(WriteResult::ok).containsExactly(true, false, true);
            assertThat(results.get(1).issues()).extracting(Issue::message)
                    .containsExactly("Unexpected value for attribute 'size': Value not allowed [huge]");
            assertThat(gadgetCount()).isEqualTo(2);
        }

        @Test
        void aChunkOfAThousandObjectsIsWrittenAndReadWithAFewStatements() {
            List<NewObject> chunk = new java.util.ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                chunk.add(new NewObject("Gadget", Map.of("name", i + "-" + tag, "org_id", org, "count", i)));
            }
            AtomicLong statements = new AtomicLong();
            List<WriteResult> results = StatementCounter.counting(jdbi, statements, () -> objects.createAll(context, chunk));
            long writeStatements = statements.getAndSet(0);
            StatementCounter.counting(jdbi, statements,
                    () -> objects.getAll("Gadget", results.stream().map(WriteResult::id).toList(), true));

            assertThat(results).allMatch(WriteResult::ok);
            assertThat(gadgetCount()).isEqualTo(1000);
            assertThat(writeStatements).as("statements to create 1000 objects").isLessThanOrEqualTo(10);
            assertThat(statements.get()).as("statements to read them back").isLessThanOrEqualTo(10);
        }

        @Test
        void aLargeChunkWrittenWithCopyStoresTheSameValuesAsASmallOne() {
            // 100 objects go through COPY (from CopyIn.THRESHOLD rows), 1 through a prepared batch.
            Map<String, Object> values = Map.ofEntries(
                    Map.entry("notes", "tab\there, back\\slash, new\nline, cr\r, \\N, quote\" and é ü"),
                    Map.entry("body", "<p>Hello <b>you</b></p>"), Map.entry("count", "-42"), Map.entry("price", "12.50"),
                    Map.entry("active", false), Map.entry("bought", "2024-02-29"), Map.entry("seen_at", "2024-03-01 13:14:00"),
                    Map.entry("size", "large"), Map.entry("org_id", org), Map.entry("log", "first\tentry"));
            List<NewObject> large = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Map<String, Object> row = new LinkedHashMap<>(values);
                row.put("name", "c" + i + "-" + tag.substring(0, 8));
                large.add(new NewObject("Gadget", row));
            }
            Map<String, Object> single = new LinkedHashMap<>(values);
            single.put("name", "single-" + tag.substring(0, 8));

            List<WriteResult> copied = objects.createAll(context, large);
            WriteResult batched = objects.createAll(context, List.of(new NewObject("Gadget", single))).get(0);

            assertThat(copied).allMatch(WriteResult::ok);
            CmdbObject reference = objects.get("Gadget", batched.id()).orElseThrow();
            assertThat(reference.get("notes")).isEqualTo(values.get("notes"));
            for (CmdbObject object : objects.getAll("Gadget", copied.stream().map(WriteResult::id).toList(), false)) {
                for (String code : List.of("notes", "body", "count", "price", "active", "bought", "seen_at", "size",
                        "org_id")) {
                    assertThat(object.get(code)).as(code).isEqualTo(reference.get(code));
                }
                assertThat(((CaseLog) object.get("log")).entries()).singleElement()
                        .satisfies(entry -> assertThat(entry.messageHtml()).isEqualTo("first\tentry"));
            }
            assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op where objclass = 'Gadget'"
                    + " and optype = 'create' and \"change\" = ?", Long.class, context.changeId())).isEqualTo(101);
        }
    }

    @Nested
    class Deletion {

        @Test
        void referrerWithAManualRuleBlocksTheDeletionAndNothingIsDeleted() {
            long person = person("Manual", "Rule-" + tag);

            DeletionPlan plan = objects.planDeletion(context, "Organization", List.of(org));

            assertThat(plan.blocked()).isTrue();
            assertThat(plan.entries()).extracting(DeletionPlan.Entry::className, DeletionPlan.Entry::id, DeletionPlan.Entry::mode)
                    .contains(tuple("Person", person, DeletionPlan.Mode.MUST_DELETE_MANUALLY));
            assertThatThrownBy(() -> objects.delete(context, "Organization", List.of(org)))
                    .isInstanceOf(ObjectService.DeletionRefusedException.class)
                    .hasMessage("Found issue(s): target_class = Person, target_id = " + person
                            + ", issues = Must be deleted explicitely");
            assertThat(objects.get("Organization", org)).isPresent();
            assertThat(objects.get("Person", person)).isPresent();
        }

        @Test
        void referrerWithAnAutoDeleteRuleIsDeletedWithItsTargetRecursively() {
            long gadget = gadget(Map.of("org_id", org, "parts_list", List.of(Map.of("label", "bolt"))));
            long part = objects.get("Gadget", gadget).orElseThrow().links("parts_list").get(0).id();

            DeletionPlan plan = objects.delete(context, "Organization", List.of(org));

            assertThat(plan.entries()).extracting(DeletionPlan.Entry::className, DeletionPlan.Entry::mode).containsExactly(
                    tuple("Organization", DeletionPlan.Mode.REQUESTED),
                    tuple("Gadget", DeletionPlan.Mode.AUTO_DELETE),
                    tuple("GadgetPart", DeletionPlan.Mode.AUTO_DELETE));
            assertThat(objects.get("Gadget", gadget)).isEmpty();
            assertThat(objects.get("GadgetPart", part)).isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from cmdb.change_op where optype = 'delete' and objclass = 'Gadget'"
                    + " and objkey = ?", Long.class, gadget)).isEqualTo(1);
        }

        @Test
        void referrerWithAResetRuleHasItsKeyEmptied() {
            long person = person("Reset", "Rule-" + tag);
            long gadget = gadget(Map.of("owner_id", person));

            DeletionPlan plan = objects.delete(context, "Person", List.of(person));

            assertThat(plan.entries()).extracting(DeletionPlan.Entry::className, DeletionPlan.Entry::mode,
                    DeletionPlan.Entry::resetAttributes).contains(
                    tuple("Gadget", DeletionPlan.Mode.RESET, List.of("owner_id")));
            assertThat(objects.get("Gadget", gadget).orElseThrow().get("owner_id")).isNull();
        }

        @Test
        void deletingTheReferrerToo_unblocksAManualRule() {
            long child = objects.create(context, "Organization", Map.of("name", "Child " + tag, "parent_id", org)).id();
            assertThat(objects.planDeletion(context, "Organization", List.of(org)).blocked()).isTrue();

            DeletionPlan plan = objects.delete(context, "Organization", List.of(org, child));

            assertThat(plan.requestedCount()).isEqualTo(2);
            assertThat(objects.getAll("Organization", List.of(org, child), false)).isEmpty();
        }
    }

    @Nested
    class Locks {

        @Test
        void lockedFieldRefusesADifferentValueAndAcceptsTheSameOne() {
            long person = person("Locked", "Field-" + tag);
            objects.update(context, "Person", person, Map.of("email", "locked@" + tag + ".org"));
            locks.lock("Person", person, "email", 7, "HR directory");

            assertThatThrownBy(() -> objects.update(context, "Person", person, Map.of("email", "other@" + tag + ".org")))
                    .hasMessage("The field Email (email) is not writable because it is mastered by the data"
                            + " synchronization. Value not set.");
            objects.update(context, "Person", person, Map.of("email", "locked@" + tag + ".org", "function", "tester"));

            CmdbObject read = objects.get("Person", person).orElseThrow();
            assertThat(read.get("email")).isEqualTo("locked@" + tag + ".org");
            assertThat(read.get("function")).isEqualTo("tester");
        }

        @Test
        void theSourceHoldingTheLockMayChangeTheValue() {
            long person = person("Source", "Owner-" + tag);
            locks.lock("Person", person, "phone", 9, "Phone book");

            objects.update(context.asDataSource(9), "Person", person, Map.of("phone", "+1 555 0100"));

            assertThat(objects.get("Person", person).orElseThrow().get("phone")).isEqualTo("+1 555 0100");
        }
    }

    @Nested
    class Transactions {

        @Test
        void rolledBackTransactionLeavesNeitherObjectsNorHistory() {
            long changesBefore = jdbc.queryForObject("select count(*) from cmdb.change", Long.class);
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                WriteContext fresh = WriteContext.of("tx", null, true, WriteContext.ORIGIN_CLI, "rollback " + tag);
                objects.create(fresh, "Gadget", Map.of("name", "tx1-" + tag));
                objects.create(fresh, "Gadget", Map.of("name", "tx2-" + tag));
                throw new IllegalStateException("boom");
            })).hasMessage("boom");

            assertThat(gadgetCount()).isZero();
            assertThat(jdbc.queryForObject("select count(*) from cmdb.change", Long.class)).isEqualTo(changesBefore);
        }
    }
}
