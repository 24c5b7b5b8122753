package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tributary.cli.ExitCode;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.csvimport.ImportTestSupport.Result;
import tributary.csvimport.ImportTestSupport.Transport;
import tributary.security.AccountService;
import tributary.security.Profile;
import tributary.test.IntegrationTestBase;

/**
 * The conformance cases of services.md §7.3 and bad input, through the CLI command and through HTTP. Each test uses
 * names of its own (a tag), so tests stay independent on the shared database.
 */
class CsvImportIT extends IntegrationTestBase {

    @Autowired
    ImportCommand command;
    @Autowired
    ObjectService objects;
    @Autowired
    AccountService accounts;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    tributary.app.TributaryProperties properties;
    @TempDir
    Path directory;

    ImportTestSupport imports;
    String tag;
    long demo;

    static final String[] COMMON = {"class=Person", "charset=UTF-8", "no_localize=1", "output=details"};

    @BeforeEach
    void fixture() {
        imports = new ImportTestSupport(command, baseUrl(), directory);
        tag = UUID.randomUUID().toString().substring(0, 8);
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "fixture");
        synchronized (CsvImportIT.class) {
            if (accounts.account("importer").isEmpty()) {
                accounts.createUser(context, "importer", "Importer-pwd1", List.of(Profile.ADMINISTRATOR, Profile.REST_SERVICES_USER));
            }
            if (accounts.account("reader").isEmpty()) {
                accounts.createUser(context, "reader", "Reader-pwd1", List.of(Profile.READER, Profile.REST_SERVICES_USER));
            }
            List<Long> found = objects.find("Organization", Map.of("name", "Demo"), 2);
            demo = found.isEmpty() ? objects.create(context, "Organization", Map.of("name", "Demo")).id() : found.get(0);
        }
    }

    /** "first name<manager's first name" of the Persons named {@code name}, by first name. */
    private List<String> managersOf(String name) {
        return jdbc.queryForList("select p.first_name || '<' || coalesce(m.first_name, '') from cmdb.contact p"
                + " left join cmdb.contact m on m.id = p.manager_id where p.name = ? order by p.first_name", String.class, name);
    }

    private static String[] with(String... extra) {
        String[] all = new String[COMMON.length + extra.length];
        System.arraycopy(COMMON, 0, all, 0, COMMON.length);
        System.arraycopy(extra, 0, all, COMMON.length, extra.length);
        return all;
    }

    private long persons(String name) {
        return jdbc.queryForObject("select count(*) from cmdb.contact where finalclass = 'Person' and name = ?", Long.class, name);
    }

    // ------------------------------------------------------------------------------------------- §7.3

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case46_createsAPersonAndReportsItsLine(Transport transport) {
        String last = "Lovelace-" + tag;
        Result result = imports.run(transport, "\"first_name\",\"name\", \"email\", \"org_id->name\"\n"
                + "\"Ada\", \"" + last + "\", \"ada@x.org\", Demo\n", with());

        assertThat(result.lines()).contains("#Issues: 0", "#Warnings: 0", "#Created: 1", "#Updated: 0",
                "#Reconciliation Keys: name, first_name, email", "#Columns: first_name, name, email, org_id->name",
                "Line;Status;Object Class;Object Id;org_id (Organization - ext key);first_name (First Name);name (Last Name);email (Email)");
        assertThat(result.lastLine()).matches("^0;created;Person;\\d+;" + demo + ";\"Ada\";\"" + last + "\";\"ada@x.org\"$");
        assertThat(persons(last)).isEqualTo(1);
        if (transport == Transport.CLI) {
            assertThat(result.exitCode()).isZero();
            assertThat(result.text()).endsWith("\n");
        } else {
            assertThat(result.text()).doesNotEndWith("\n");
        }
        long id = Long.parseLong(result.lastLine().split(";")[3]);
        assertThat(jdbc.queryForObject("select c.origin || '|' || c.userinfo from cmdb.change c join cmdb.change_op o"
                + " on o.\"change\" = c.id where o.objclass = 'Person' and o.objkey = ? and o.optype = 'create'", String.class, id))
                .isEqualTo("csv-import|importer, Web Service (CSV)");

        Result again = imports.run(transport, "first_name,name,email,org_id->name\nAda," + last + ",ada@x.org,Demo\n", with());
        assertThat(again.lines()).contains("#Created: 0", "#Unchanged: 1");
        assertThat(again.lastLine()).isEqualTo("0;unchanged;Person;" + id + ";" + demo + ";Ada;" + last + ";ada@x.org");

        Result changed = imports.run(transport, "first_name,name,email,org_id->name\nAda," + last + ",ADA@x.org,Demo\n",
                with("reconciliationkeys=first_name,name", "comment=fix " + tag));
        assertThat(changed.lines()).contains("#Updated: 1", "#Change tracking comment: fix " + tag,
                "#Reconciliation Keys: first_name, name");
        assertThat(changed.lastLine()).isEqualTo("0;updated 1 cols;Person;" + id + ";" + demo + ";Ada;" + last + ";ADA@x.orgModified");

        // A rejected update still marks what it would have changed, as iTop prepares the object before refusing it.
        Result refused = imports.run(transport, "first_name,name,email,org_id->name,phone,status\nAda," + last
                + ",ADA@x.org,Demo,999,bogus\n", with("reconciliationkeys=first_name,name"));
        assertThat(refused.lastLine()).isEqualTo("0;Issue: Unexpected attribute value(s);Person;" + id + ";" + demo + ";Ada;"
                + last + ";ADA@x.org;999Modified;'bogus' is an invalid value. Unexpected value for attribute 'status':"
                + " Value not allowed [bogus]");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFriendlyNameColumnIsShownAsGivenInTheDetailsAndNeverWritten(Transport transport) {
        // Lists exported from iTop carry the friendly name. iTop neither checks nor writes it (it is computed), and its
        // details table shows the cell as given, in its place among the value columns.
        String last = "Hopper-" + tag;
        String csv = "first_name,name,friendlyname,email,org_id->name\nGrace," + last + ",Not her name,grace@x.org,Demo\n"
                + "Alan,Turing-" + tag + ",Alan T,alan@x.org,gabuzomeu\n";

        Result result = imports.run(transport, csv, with());
        assertThat(result.lines()).contains("#Issues: 1", "#Created: 1", "#Columns: first_name, name, friendlyname, email,"
                + " org_id->name", "Line;Status;Object Class;Object Id;org_id (Organization - ext key);first_name (First Name);"
                + "name (Last Name);friendlyname (Full name);email (Email)");
        assertThat(result.lines()).anyMatch(line -> line.matches("^0;created;Person;\\d+;" + demo + ";\"Grace\";\"" + last
                + "\";Not her name;\"grace@x.org\"$"));
        assertThat(result.lines()).anyMatch(line -> line.startsWith("1;Issue: Unexpected attribute value(s);n/a;n/a;No match"
                + " for value 'gabuzomeu'.") && line.endsWith(";Alan T;\"alan@x.org\""));
        long id = jdbc.queryForObject("select id from cmdb.contact where finalclass = 'Person' and name = ?", Long.class, last);
        assertThat(objects.get("Person", id).orElseThrow().friendlyName()).isEqualTo("Grace " + last);

        Result again = imports.run(transport, csv, with());
        assertThat(again.lines()).contains("#Unchanged: 1", "#Created: 0")
                .contains("0;unchanged;Person;" + id + ";" + demo + ";Grace;" + last + ";Not her name;grace@x.org");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case49_unknownOrganizationIsAnAttributeIssueWithSamples(Transport transport) {
        Result result = imports.run(transport, "first_name,name,email,org_id->name\nAda,L-" + tag + ",ada@x.org,gabuzomeu\n", with());

        assertThat(result.lines()).contains("#Issues: 1", "#Created: 0");
        assertThat(result.lastLine()).contains("Issue: Unexpected attribute value(s);n/a;n/a;No match for value 'gabuzomeu'."
                + " Some possible 'Organization' value(s): ");
        if (transport == Transport.CLI) {
            assertThat(result.exitCode()).isEqualTo(1);
        }

        Result keyed = imports.run(transport, "first_name,name,email,org_id->name\nAda,L-" + tag + ",ada@x.org,gabuzomeu\n",
                with("reconciliationkeys=name,first_name,org_id->name"));
        assertThat(keyed.lastLine()).startsWith("0;Issue: failed to reconcile;n/a;n/a;No match for value 'gabuzomeu'."
                + " Some possible 'Organization' value(s): ");
        assertThat(keyed.lines()).contains("#Reconciliation Keys: name, first_name, org_id (name)");
        assertThat(persons("L-" + tag)).isZero();

        // The organization was found, but the row was not reconciled: its key has nothing to report, as in iTop.
        Result bySite = imports.run(transport, "first_name,name,org_id->name,location_id->name,phone\nAda,L-" + tag
                + ",Demo,Nowhere-" + tag + ",6\n", with("reconciliationkeys=name,location_id"));
        assertThat(bySite.lastLine()).startsWith("0;Issue: failed to reconcile;n/a;n/a;n/a;")
                .doesNotStartWith("0;Issue: failed to reconcile;n/a;n/a;n/a;" + demo).endsWith(";Ada;L-" + tag + ";6");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case51_invalidEnumValue(Transport transport) {
        Result result = imports.run(transport, "first_name,name,email,org_id->name,status\nAda,L-" + tag + ",ada@x.org,Demo,toto\n", with());

        assertThat(result.lines()).contains("#Issues: 1");
        assertThat(result.lastLine()).contains("Issue: Unexpected attribute value(s);n/a;n/a;" + demo + ";\"Ada\";\"L-" + tag
                + "\";\"ada@x.org\";'toto' is an invalid value. Unexpected value for attribute 'status': Value not allowed [toto]");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void decomposedAccentsFindTheComposedSpellingAlreadyStored(Transport transport) {
        // The CMDB holds "Renée Zoë-…" of "Société-…" as most systems write them (one character per accented letter);
        // the file spells them decomposed ("e" then U+0301), as some exports do. Same text: no second person.
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "fixture");
        String last = "Zoë-" + tag;
        String org = "Société-" + tag;
        String email = "renee-" + tag + "@x.org";
        long orgId = objects.create(context, "Organization", Map.of("name", org)).id();
        long id = objects.create(context, "Person", Map.of("first_name", "Renée", "name", last,
                "email", email, "org_id", orgId)).id();
        String decomposed = Normalizer.normalize("first_name,name,email,org_id->name\nRenée," + last
                + "," + email + "," + org + "\n", Normalizer.Form.NFD);
        assertThat(decomposed).doesNotContain("é", "ë");

        Result result = imports.run(transport, decomposed, with());

        assertThat(result.lines()).contains("#Issues: 0", "#Created: 0", "#Unchanged: 1");
        assertThat(result.lastLine()).isEqualTo("0;unchanged;Person;" + id + ";" + orgId + ";Renée;" + last + ";" + email);
        assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where lower(name) like lower(?)", Long.class,
                "%" + tag)).isEqualTo(1);

        Result renamed = imports.run(transport, Normalizer.normalize("first_name,name,email\nRenée," + last
                + "," + email + "\n", Normalizer.Form.NFD), with("reconciliationkeys=email", "comment=nfd " + tag));
        assertThat(renamed.lines()).contains("#Unchanged: 1", "#Updated: 0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void linkSetColumnInItopSyntaxReplacesTheLinks(Transport transport) {
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "teams");
        long red = objects.create(context, "Team", Map.of("name", "Red-" + tag, "org_id", demo)).id();
        long blue = objects.create(context, "Team", Map.of("name", "Blue-" + tag, "org_id", demo)).id();
        String last = "Linked-" + tag;
        String header = "first_name,name,email,org_id->name,team_list\n";

        Result created = imports.run(transport, header + "Ada," + last + ",ada@x.org,Demo,\"team_id->name:Red-" + tag
                + ";role:lead|team_id->name:Blue-" + tag + "\"\n", with());
        Result unchanged = imports.run(transport, header + "Ada," + last + ",ada@x.org,Demo,\"team_id->name:Red-" + tag
                + ";role:lead|team_id->name:Blue-" + tag + "\"\n", with());
        Result updated = imports.run(transport, header + "Ada," + last + ",ada@x.org,Demo,team_id->name:Blue-" + tag + "\n",
                with());
        Result wrong = imports.run(transport, header + "Ada," + last + ",ada@x.org,Demo,team_id->name:Nope-" + tag + "\n",
                with());

        assertThat(created.lines()).contains("#Created: 1", "#Issues: 0");
        // The cell as given, in iTop's syntax, not the link records it was read into.
        assertThat(created.lastLine()).endsWith(";\"team_id->name:Red-" + tag + ";role:lead|team_id->name:Blue-" + tag
                + "\"");
        assertThat(updated.lastLine()).endsWith(";team_id->name:Blue-" + tag + "Modified");
        long person = objects.find("Person", Map.of("name", last), 2).get(0);
        assertThat(unchanged.lines()).contains("#Unchanged: 1");
        assertThat(updated.lines()).contains("#Updated: 1");
        assertThat(objects.get("Person", person).orElseThrow().links("team_list"))
                .extracting(link -> link.get("team_id")).containsExactly(blue);
        assertThat(red).isNotEqualTo(blue);
        assertThat(wrong.lines()).contains("#Issues: 1");
        assertThat(wrong.lastLine()).contains("Issue: Unexpected attribute value(s)")
                .contains("'team_id->name:Nope-" + tag + "' is an invalid value. Failed to process input: Found no match:"
                        + " ext_key = team_id, reconciliation = name=Nope-" + tag);

        // <NULL> is a true null: no link, as an empty cell.
        Result nulled = imports.run(transport, header + "Ada," + last + ",ada@x.org,Demo,<NULL>\n", with());
        assertThat(nulled.lines()).contains("#Updated: 1", "#Issues: 0");
        assertThat(objects.get("Person", person).orElseThrow().links("team_list")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case52_dateInTheWrongFormatWithoutDateFormat(Transport transport) {
        Result result = imports.run(transport, "first_name,name,email,org_id->name,obsolescence_date\nAda,L-" + tag + ",ada@x.org,Demo,toto\n", with());

        assertThat(result.lastLine()).contains("Issue: Internal error: CoreUnexpectedValue, Wrong format for date attribute"
                + " obsolescence_date, expecting \"Y-m-d\" and got \"toto\";n/a;n/a;n/a;Ada;L-" + tag + ";ada@x.org;toto");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case54_simulationReportsWithoutWriting(Transport transport) {
        String last = "Sim-" + tag;
        Result result = imports.run(transport, "first_name,name,email,org_id->name\nAda," + last + ",ada@x.org,Demo\n",
                with("simulate=1"));

        assertThat(result.lines()).contains("#Simulate: 1", "#Created: 1");
        assertThat(result.lastLine()).startsWith("0;created;Person;0;");
        assertThat(persons(last)).isZero();
    }

    @Test
    void fatalErrorsAreTheSameTextThroughCliAndHttp() {
        String csv = "first_name,name,email,org_id->name\nAda,Fatal-" + tag + ",ada@x.org,Demo\n";
        List<String[]> cases = List.of(
                new String[] {"#Unknown class: 'Foo'", "class=Foo"},
                new String[] {"#Separator is limited to one character, found ';;'", "class=Person", "separator=;;"},
                new String[] {"#Unknown output format: 'xml'", "class=Person", "output=xml"});
        for (String[] c : cases) {
            String[] parameters = java.util.Arrays.copyOfRange(c, 1, c.length);
            Result cli = imports.run(Transport.CLI, csv, parameters);
            Result http = imports.run(Transport.HTTP, csv, parameters);
            assertThat(cli.text()).isEqualTo(c[0] + "\n");
            assertThat(http.text()).isEqualTo(c[0]);
            assertThat(cli.exitCode()).isEqualTo(2);
        }
        assertThat(imports.run(Transport.CLI, "", "class=Person").text()).isEqualTo("#Missing data - at least one line is expected\n");
        assertThat(imports.run(Transport.HTTP, "", "class=Person").text()).isEqualTo("#Missing data - at least one line is expected");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case58_noReconciliationScheme(Transport transport) {
        Result result = imports.run(transport, "phone,function\n123,boss\n", with());
        assertThat(result.lastLine()).isEqualTo("#No reconciliation scheme could be defined, please add a column corresponding"
                + " to one defined reconciliation key (class: 'Person', reconciliation:name,first_name,org_id,org_name,email,employee_number)");
        assertThat(result.lines().get(result.lines().size() - 2)).startsWith("#Data Size: ");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case60_localizedHeaders(Transport transport) {
        String last = "Loc-" + tag;
        Result result = imports.run(transport, "First Name,Last Name,Email,Organization->Name\nAda," + last + ",ada@x.org,Demo\n",
                "class=Person", "charset=UTF-8", "output=details");
        assertThat(result.lines()).contains("#Created: 1", "#Localize: yes", "#Columns: first_name, name, email, org_id->name");
        assertThat(result.lastLine()).matches("^0;created;Person;\\d+;" + demo + ";\"Ada\";\"" + last + "\";\"ada@x.org\"$");

        Result codes = imports.run(transport, "first_name,name,email,org_id->name\nAda," + last + ",ada@x.org,Demo\n",
                "class=Person", "charset=UTF-8", "output=details");
        assertThat(codes.lastLine()).startsWith("#Unknown column: 'first_name'. Possible columns: ");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case61_serverRowsInInputOrder(Transport transport) {
        String server = "Server1-" + tag;
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "fixture");
        objects.create(context, "Server", Map.of("name", server, "org_id", demo, "status", "production"));
        String csv = "Organization->Name,Name,Status,Purchase date\n"
                + "Demo," + server + ",production,\n"
                + "Demo," + server + ",production,<date\n"
                + "Demo," + server + ",production,2020-20-03\n"
                + ",S2-" + tag + ",production,\n"
                + "Demo,S3-" + tag + ",>BadValue,\n"
                + ">Bad,S4-" + tag + ",production,\n";
        Result result = imports.run(transport, csv, "class=Server", "charset=UTF-8", "output=details",
                "reconciliationkeys=name", "date_format=Y-m-d H:i:s");

        List<String> lines = result.lines();
        assertThat(lines).contains("#Date and time format: 'Y-m-d H:i:s'", "#Date format: 'Y-m-d'", "#Issues: 5", "#Unchanged: 1");
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("Line;")).findFirst().orElseThrow());
        assertThat(lines.get(header + 1)).startsWith("0;unchanged;Server;");
        assertThat(lines.get(header + 2)).isEqualTo("1;Issue: wrong date format;n/a;n/a;n/a;" + server
                + ";production;'<date' is an invalid value. Expected format: 2022-10-23");
        assertThat(lines.get(header + 3)).endsWith(";'2020-20-03' is an invalid value. Expected format: 2022-10-23");
        assertThat(lines.get(header + 4)).startsWith("3;Issue: Unexpected attribute value(s);n/a;n/a;Invalid value for attribute. Null not allowed;");
        assertThat(lines.get(header + 5)).contains("'>BadValue' is an invalid value. Allowed 'status' value(s): stock,implementation,production,obsolete");
        assertThat(lines.get(header + 6)).startsWith("5;Issue: Unexpected attribute value(s);n/a;n/a;No match for value '>Bad'."
                + " Some possible 'Organization' value(s): ");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowWithAWrongDateShowsItsValidDatesInTheInternalFormat(Transport transport) {
        Result result = imports.run(transport, "org_id->name,name,move2production,purchase_date\nDemo,S5-" + tag
                + ",23/10/2022,31/02/2022\n", "class=Server", "no_localize=1", "output=details", "reconciliationkeys=name",
                "date_format=d/m/Y");

        assertThat(result.lastLine()).isEqualTo("0;Issue: wrong date format;n/a;n/a;n/a;S5-" + tag
                + ";2022-10-23;'31/02/2022' is an invalid value. Expected format: 23/10/2022");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void case63_parserVectorsReachTheObjects(Transport transport) {
        String csv = "org_id->name;first_name;name;function\n"
                + "Demo;a;V1-" + tag + ";<NULL>\n"
                + "Demo;? a ?;V2-" + tag + ";? c ?\n"
                + "Demo; a ; V3-" + tag + " ; c \n"
                + "Demo;?a\"?;V4-" + tag + ";?c1,\",c2\n,c3?\n";
        Result result = imports.run(transport, csv, with("separator=;", "qualifier=?"));
        assertThat(result.lines()).contains("#Created: 4", "#Issues: 0");
        assertThat(jdbc.queryForList("select coalesce(first_name, '<null>') || '|' || coalesce(function, '<null>') from cmdb.contact"
                + " where name like ? order by name", String.class, "V_-" + tag))
                .containsExactly("a|<null>", " a | c ", "a|c", "a\"|c1,\",c2\n,c3");
    }

    // ------------------------------------------------------------------------------------------- bad input

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badRowsAreIssuesAndGoodRowsAreKept(Transport transport) {
        String good = "Good-" + tag;
        String csv = "first_name,name,email,org_id->name\n"
                + "Ada," + good + ",ada@x.org,Demo\n"                  // 0 ok
                + "Ada,Short-" + tag + ",ada@x.org\n"                  // 1 too few cells
                + "Ada,Long-" + tag + ",ada@x.org,Demo,extra\n"        // 2 too many cells
                + "Ada,Mail-" + tag + ",not-an-email,Demo\n"           // 3 invalid email
                + "=1+2,Formula-" + tag + ",,Demo\n"                   // 4 formula stored verbatim
                + ",NoFirst-" + tag + ",,Demo\n"                       // 5 missing mandatory
                + "Bob,Good2-" + tag + ",bob@x.org,Demo\n"             // 6 ok
                + "\"Ada,Open-" + tag + ",x,Demo\n";                   // 7 unterminated quote (to the end)
        Result result = imports.run(transport, csv, with());

        List<String> lines = result.lines();
        assertThat(lines).contains("#Created: 3", "#Issues: 5", "#Data Lines: 8");
        assertThat(result.text()).doesNotContain("Exception", "\tat ");
        assertThat(lines).anyMatch(l -> l.startsWith("1;Issue: Wrong number of cells: 3 found, 4 expected"));
        assertThat(lines).anyMatch(l -> l.startsWith("2;Issue: Wrong number of cells: 5 found, 4 expected"));
        assertThat(lines).anyMatch(l -> l.startsWith("3;Issue: Unexpected attribute value(s)")
                && l.endsWith("'not-an-email' is an invalid value. Unexpected value for attribute 'email': Wrong format [not-an-email]"));
        assertThat(lines).anyMatch(l -> l.startsWith("4;created;Person;") && l.contains("\"=1+2\""));
        assertThat(lines).anyMatch(l -> l.startsWith("5;Issue: Unexpected attribute value(s)")
                && l.contains("'' is an invalid value. Unexpected value for attribute 'first_name': Null not allowed"));
        assertThat(lines).anyMatch(l -> l.startsWith("7;Issue: Unterminated text qualifier"));
        assertThat(jdbc.queryForObject("select first_name from cmdb.contact where name = ?", String.class, "Formula-" + tag))
                .isEqualTo("=1+2");
        assertThat(persons(good) + persons("Good2-" + tag)).isEqualTo(2);

        // <NULL> proposes no value at all: "Invalid value for attribute", not "'' is an invalid value".
        Result nulled = imports.run(transport, "first_name,name,email,org_id->name\n<NULL>,Null-" + tag + ",n@x.org,Demo\n",
                with());
        assertThat(nulled.lastLine()).isEqualTo("0;Issue: Unexpected attribute value(s);n/a;n/a;" + demo
                + ";Invalid value for attribute. Unexpected value for attribute 'first_name': Null not allowed;\"Null-" + tag
                + "\";\"n@x.org\"");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidUtf8AndBinaryGarbageAreReportedPerRow(Transport transport) {
        byte[] head = ("first_name,name,email,org_id->name\nAda,Utf-" + tag + ",a@x.org,Demo\nB").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28};
        byte[] tail = (",Bad-" + tag + ",b@x.org,Demo\nNul\0x,Nul-" + tag + ",c@x.org,Demo\n").getBytes(StandardCharsets.UTF_8);
        byte[] csv = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, csv, 0, head.length);
        System.arraycopy(bad, 0, csv, head.length, bad.length);
        System.arraycopy(tail, 0, csv, head.length + bad.length, tail.length);

        Result result = imports.run(transport, csv, with());

        assertThat(result.lines()).contains("#Created: 1", "#Issues: 2");
        assertThat(result.lines()).anyMatch(l -> l.startsWith("1;Issue: Invalid UTF-8 byte sequence in this row"));
        assertThat(result.lines()).anyMatch(l -> l.startsWith("2;Issue: Unexpected attribute value(s)") && l.contains("NUL character"));
        assertThat(persons("Bad-" + tag) + persons("Nul-" + tag)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFiveMegabyteCellIsRefusedCleanly(Transport transport) {
        String huge = "x".repeat(5 * 1024 * 1024);
        Result result = imports.run(transport, "first_name,name,email,org_id->name\nAda,Huge-" + tag + ",a@x.org,Demo\n"
                + huge + ",Huge2-" + tag + ",a@x.org,Demo\n", with("output=summary"));
        assertThat(result.lines()).contains("#Created: 1", "#Issues: 1");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnterminatedQualifierFollowedByMoreThanARowMayHoldIsOneIssueNotAnOutOfMemory(Transport transport) {
        // 20 MB after a qualifier never closed: read as one cell, the rest of a large file would fill the memory.
        StringBuilder csv = new StringBuilder("first_name,name,email,org_id->name\nAda,Open-" + tag + ",a@x.org,Demo\n"
                + "\"Bob,Open2-" + tag + ",b@x.org,Demo\n");
        String row = "Carl,Never-" + tag + ",c@x.org,Demo\n";
        csv.append(row.repeat(20 * 1024 * 1024 / row.length()));
        Result result = imports.run(transport, csv.toString(), with("output=summary"));
        assertThat(result.lines()).contains("#Created: 1", "#Issues: 1");
        assertThat(persons("Open-" + tag)).isEqualTo(1);
        assertThat(persons("Never-" + tag)).isZero();
        Result details = imports.run(transport, csv.toString(), with("simulate=1"));
        assertThat(details.lines()).contains("#Data Lines: 2")
                .anyMatch(line -> line.startsWith("1;Issue: This row is longer than 16,777,216 characters"));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAttributeGivenByTwoColumnsIsRefusedRatherThanReconciledByOneAndWrittenFromTheOther(Transport transport) {
        imports.run(transport, "first_name,name,org_id->name\nAda,Twice-" + tag + ",Demo\n", with());
        // Reconciling on the first column and writing the second would rename Ada.
        Result twice = imports.run(transport, "first_name,name,name,org_id->name\nAda,Twice-" + tag + ",Renamed-"
                + tag + ",Demo\n", with("reconciliationkeys=first_name,name"));
        assertThat(twice.exitCode()).isIn(ExitCode.REFUSED, -1);
        assertThat(twice.lastLine()).isEqualTo("#Attribute 'name' is given by two columns (2 and 3): keep one of them");
        assertThat(persons("Twice-" + tag)).isEqualTo(1);
        assertThat(persons("Renamed-" + tag)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownColumnsAndKeysAreRefused(Transport transport) {
        Result column = imports.run(transport, "first_name,nosuch\nA,B\n", with());
        assertThat(column.lastLine()).startsWith("#Unknown column: 'nosuch'. Possible columns: name, status, org_id, ");
        assertThat(column.lastLine()).contains("org_id->name", "friendlyname", "obsolescence_flag").doesNotContain(", id,");
        Result key = imports.run(transport, "first_name,name\nA,B\n", with("reconciliationkeys=nosuch"));
        assertThat(key.lastLine()).isEqualTo("#Unknown reconciliation key: 'nosuch'");
        Result absent = imports.run(transport, "first_name,name\nA,B\n", with("reconciliationkeys=email"));
        assertThat(absent.lastLine()).isEqualTo("#Reconciliation key not found in the input columns: 'email'");
        Result missingKey = imports.run(transport, "first_name,name\nA,NoOrg-" + tag + "\n", with());
        assertThat(missingKey.lastLine()).isEqualTo("0;Issue: Could not be created, due to missing external key(s): Organization;n/a;n/a;\"A\";\"NoOrg-" + tag + "\"");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUserWithoutBulkRightsIsRefused(Transport transport) {
        Result result = imports.run(transport, "first_name,name\nA,B\n", with("auth_user=reader", "auth_pwd=Reader-pwd1"));
        assertThat(result.lastLine()).isEqualTo("#You are not allowed to perform a bulk update of objects of class Person");
    }

    @Test
    void badCredentials() {
        assertThat(imports.run(Transport.HTTP, "a\n", "class=Person", "auth_pwd=wrong").text()).isEqualTo("Invalid login");
        // Over HTTP Basic too: iTop's answer, not the security layer's 401.
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("importer:wrong".getBytes(StandardCharsets.UTF_8));
        assertThat(imports.httpMultipart("a\n".getBytes(StandardCharsets.UTF_8), Map.of("class", "Person"), basic).text())
                .isEqualTo("Invalid login");
        Result cli = imports.run(Transport.CLI, "a\n", "class=Person", "auth_pwd=wrong");
        assertThat(cli.text()).isEqualTo("Access restricted or wrong credentials ('importer')\n");
        assertThat(cli.exitCode()).isEqualTo(2);
    }

    @Test
    void formPostAndMultipartGiveTheSameAnswer() {
        String csv = "first_name,name,email,org_id->name\nAda,Form-" + tag + ",ada@x.org,Demo\n";
        Map<String, String> parameters = Map.of("auth_user", "importer", "auth_pwd", "Importer-pwd1", "class", "Person",
                "no_localize", "1", "charset", "UTF-8", "simulate", "1", "output", "details");
        Result form = imports.httpForm(csv, parameters);
        Result multipart = imports.httpMultipart(csv.getBytes(StandardCharsets.UTF_8), parameters);
        Result cli = imports.cli(csv.getBytes(StandardCharsets.UTF_8), parameters);
        assertThat(form.text()).isEqualTo(multipart.text());
        assertThat(cli.text()).isEqualTo(form.text() + "\n");
        assertThat(form.lines()).contains("#Created: 1");
    }

    @Test
    void dataTheServerCannotStoreIsRefusedInTextNotWithAnErrorPage() throws Exception {
        // The upload directory taken by a file: the form's data cannot be written there (as on a full or read-only disk).
        Path uploads = properties.home().resolve("imports");
        Path aside = uploads.resolveSibling("imports-aside-" + tag);
        Files.move(uploads, aside);
        Files.writeString(uploads, "not a directory");
        try {
            Result form = imports.httpForm("first_name,name,email,org_id->name\nAda,Disk-" + tag + ",ada@x.org,Demo\n",
                    Map.of("auth_user", "importer", "auth_pwd", "Importer-pwd1", "class", "Person", "no_localize", "1"));
            assertThat(form.text()).startsWith("ERROR: The data could not be stored for the import: ");
        } finally {
            Files.delete(uploads);
            Files.move(aside, uploads);
        }
        assertThat(persons("Disk-" + tag)).isZero();
    }

    @Test
    void aFileWrittenOverWhileItIsImportedStopsTheImportBeforeRowsOfTheNewCopy() throws Exception {
        // A nightly transfer copying the next file over the same name while the import still reads it.
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "fixture");
        objects.create(context, "Organization", Map.of("name", "Live-" + tag + " Org"));
        objects.create(context, "Organization", Map.of("name", "Next-" + tag + " Org"));
        Path file = tributary.test.PeopleCsv.write(directory.resolve("live.csv"), "Live-" + tag, 150_000);
        java.util.concurrent.CompletableFuture<Result> running = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                imports.cli(new byte[0], Map.of("auth_user", "importer", "auth_pwd", "Importer-pwd1", "class", "Person",
                        "csvfile", file.toString(), "no_localize", "1", "charset", "UTF-8",
                        "reconciliationkeys", "email")));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2))
                .pollInterval(java.time.Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                        "select count(*) from cmdb.contact where name like ?", Long.class, "Live-" + tag + " %") >= 5_000);

        tributary.test.PeopleCsv.write(file, "Next-" + tag, 150_000); // written over in place, as cp does

        Result result = running.get(2, java.util.concurrent.TimeUnit.MINUTES);
        assertThat(result.lastLine()).startsWith("#The import stopped: the file " + file
                + " changed while it was being imported");
        assertThat(result.exitCode()).isEqualTo(ExitCode.CRASHED);
        assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where name like ?", Long.class,
                "Next-" + tag + " %")).as("rows of the new copy").isZero();
    }

    @Test
    void aFormFieldIsDecodedWithTheCharsetParameterAsAMultipartPartIs() {
        // A Latin-1 file posted as a form field, as iTop clients do; the other fields stay UTF-8.
        String last = "Zoé-" + tag;
        byte[] latin1 = ("first_name,name,email,org_id->name\nZoé," + last + ",zoe-" + tag + "@x.org,Demo\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> parameters = Map.of("auth_user", "importer", "auth_pwd", "Importer-pwd1", "class", "Person",
                "no_localize", "1", "charset", "ISO-8859-1", "output", "details", "comment", "Réunion");

        Map<String, String> simulated = new java.util.HashMap<>(parameters);
        simulated.put("simulate", "1");
        assertThat(imports.httpForm(latin1, simulated).text()).isEqualTo(imports.httpMultipart(latin1, simulated).text());

        Result form = imports.httpForm(latin1, parameters);

        assertThat(form.lines()).contains("#Created: 1", "#Change tracking comment: Réunion");
        assertThat(form.lastLine()).endsWith(";\"Zoé\";\"" + last + "\";\"zoe-" + tag + "@x.org\"");
        assertThat(persons(last)).isEqualTo(1);
    }

    @Test
    void retcodeIsTheBareNumberOfIssues() {
        String csv = "first_name,name,email,org_id->name\nAda,Ret-" + tag + ",ada@x.org,gabuzomeu\n";
        assertThat(imports.run(Transport.CLI, csv, with("output=retcode")).text()).isEqualTo("1");
        assertThat(imports.run(Transport.HTTP, csv, with("output=retcode")).text()).isEqualTo("1");
    }

    @Test
    void duplicateRowsInOneChunkCreateOneObject() {
        String last = "Dup-" + tag;
        Result result = imports.run(Transport.CLI, "first_name,name,email,org_id->name\nAda," + last + ",a@x.org,Demo\n"
                + "Ada," + last + ",a@x.org,Demo\nAda," + last + ",b@x.org,Demo\n", with("reconciliationkeys=first_name,name"));
        assertThat(result.lines()).contains("#Created: 1", "#Unchanged: 1", "#Updated: 1");
        assertThat(persons(last)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keysTheDatabaseCallsEqualAreOneObjectWhereJavasLowerCaseWouldSplitThem(Transport transport) {
        // Java lower-cases "İ" to "i" plus a combining dot, PostgreSQL to "i": the rows must still be about one object,
        // in one chunk and across chunks, and the next run must find it alone.
        String csv = "name,code\nİzmir-" + tag + ",TR2\nizmir-" + tag + ",TR3\nx-" + tag + ",X\nIZMİR-" + tag + ",TR4\n";
        String[] organizations = {"class=Organization", "charset=UTF-8", "no_localize=1", "output=details",
            "reconciliationkeys=name", "chunk_size=2"};

        assertThat(imports.run(transport, csv, organizations).lines()).contains("#Created: 2", "#Updated: 2", "#Issues: 0");
        assertThat(jdbc.queryForList("select code from cmdb.organization where name ilike ?", String.class, "%zmir-" + tag))
                .containsExactly("TR4");
        // Each row renames the object (case) and changes its code again, as it did in the first run.
        assertThat(imports.run(transport, csv, organizations).lines()).contains("#Created: 0", "#Updated: 3",
                "#Unchanged: 1", "#Issues: 0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keysDifferingInTheCaseOfALetterJavaDoesNotKnowYetAreOneObject(Transport transport) {
        // "Ⱟ" (U+2C2F) and "ⱟ" came with Unicode 14: Java 17 has no case for them, PostgreSQL lower-cases the first.
        String csv = "name,code\nⰿ-" + tag + ",G0\nⰯ-" + tag + ",G1\nⱟ-" + tag + ",G2\n";
        String[] organizations = {"class=Organization", "charset=UTF-8", "no_localize=1", "reconciliationkeys=name"};

        assertThat(imports.run(transport, csv, organizations).lines()).contains("#Created: 2", "#Updated: 1",
                "#Issues: 0");
        assertThat(jdbc.queryForList("select code from cmdb.organization where name like ? order by code", String.class,
                "%-" + tag)).containsExactly("G0", "G2");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowFindsTheObjectAnEarlierRowOfItsChunkWrites(Transport transport) {
        // iTop writes row by row: a parent (or manager) listed before the rows naming it is found by them.
        String csv = "name,parent_id->name\nRoot-" + tag + ",\nChild-" + tag + ",ROOT-" + tag + "\nGrandchild-" + tag
                + ",Child-" + tag + "\nOrphan-" + tag + ",Later-" + tag + "\nLater-" + tag + ",\n";
        String[] organizations = {"class=Organization", "charset=UTF-8", "no_localize=1", "output=details"};
        Result result = imports.run(transport, csv, organizations);

        assertThat(result.lines()).contains("#Created: 4", "#Issues: 1");
        assertThat(result.lines().get(result.lines().size() - 2)).startsWith("3;Issue: Unexpected attribute value(s);n/a;n/a;"
                + "No match for value 'Later-" + tag + "'");
        String parents = "select o.name || '<' || coalesce(p.name, '') from cmdb.organization o"
                + " left join cmdb.organization p on p.id = o.parent_id where o.name like ? order by o.id";
        assertThat(jdbc.queryForList(parents, String.class, "%-" + tag)).containsExactlyInAnyOrder("Root-" + tag + "<",
                "Child-" + tag + "<Root-" + tag, "Grandchild-" + tag + "<Child-" + tag, "Later-" + tag + "<");
        // The rest comes with the next run, as in iTop.
        assertThat(imports.run(transport, csv, organizations).lines()).contains("#Created: 1", "#Unchanged: 4", "#Issues: 0");

        // The same within and across chunks, with a key searched by another attribute than the reconciliation's.
        String last = "Chart-" + tag;
        StringBuilder people = new StringBuilder("first_name,name,email,org_id->name,manager_id->email\n");
        for (int i = 0; i < 7; i++) {
            people.append('P').append(i).append(',').append(last).append(",p").append(i).append('-').append(tag)
                    .append("@x.org,Demo,").append(i == 0 ? "" : "P" + (i - 1) / 2 + "-" + tag + "@X.org").append('\n');
        }
        Result chart = imports.run(transport, people.toString(), with("chunk_size=3"));
        assertThat(chart.lines()).contains("#Created: 7", "#Issues: 0");
        assertThat(managersOf(last))
                .containsExactly("P0<", "P1<P0", "P2<P0", "P3<P1", "P4<P1", "P5<P2", "P6<P2");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void externalKeysFindTheirTargetByFriendlyNameOrByTheTargetsExternalFields(Transport transport) {
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "targets");
        long acme = objects.create(context, "Organization", Map.of("name", "Acme-" + tag)).id();
        long site = objects.create(context, "Location", Map.of("name", "Site-" + tag, "org_id", acme)).id();
        String last = "Named-" + tag;
        objects.create(context, "Person", Map.of("first_name", "Frances", "name", last, "org_id", demo));
        objects.create(context, "Person", Map.of("first_name", "Twin", "name", last, "org_id", demo));
        objects.create(context, "Person", Map.of("first_name", "Twin", "name", last, "org_id", acme));
        String csv = "first_name,name,email,org_id->name,location_id->friendlyname,manager_id->friendlyname\n"
                + "Ann," + last + ",ann-" + tag + "@x.org,Demo,site-" + tag + ",frances " + last + "\n"
                + "Bob," + last + ",bob-" + tag + "@x.org,Demo,Site-" + tag + ",Twin " + last + "\n"
                + "Cid," + last + ",cid-" + tag + "@x.org,Demo,Nowhere-" + tag + ",\n";

        Result result = imports.run(transport, csv, with());

        // A friendly name of one attribute (Location's name) and of several (a Person's first name and name), matched
        // ignoring case as any search; two Twins are ambiguous; an unknown site is reported with samples.
        assertThat(result.lines()).contains("#Created: 1", "#Issues: 2");
        assertThat(result.lines().stream().filter(line -> line.startsWith("1;")).findFirst().orElseThrow())
                .contains("Invalid value for attribute. Ambiguous: found 2 objects");
        assertThat(result.lines().stream().filter(line -> line.startsWith("2;")).findFirst().orElseThrow())
                .contains("No match for value 'Nowhere-" + tag + "'");
        long ann = objects.find("Person", Map.of("first_name", "Ann", "name", last), 2).get(0);
        CmdbObject read = objects.get("Person", ann).orElseThrow();
        assertThat(read.get("location_id")).isEqualTo(site);
        assertThat(read.getString("manager_id_friendlyname")).isEqualTo("Frances " + last);

        // A target found through its own external field: the site of the Acme organization.
        Result byField = imports.run(transport, "first_name,name,email,org_id->name,location_id->org_name\nAnn," + last
                + ",ann-" + tag + "@x.org,Demo,ACME-" + tag + "\n", with());
        assertThat(byField.lines()).contains("#Unchanged: 1", "#Issues: 0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowFindsByFriendlyNameTheManagerAnEarlierRowOfItsChunkCreates(Transport transport) {
        String last = "Chief-" + tag;
        String csv = "first_name,name,email,org_id->name,manager_id->friendlyname\n"
                + "Mia," + last + ",mia-" + tag + "@x.org,Demo,\n"
                + "Ned," + last + ",ned-" + tag + "@x.org,Demo,mia " + last + "\n";

        assertThat(imports.run(transport, csv, with()).lines()).contains("#Created: 2", "#Issues: 0");
        assertThat(managersOf(last))
                .containsExactly("Mia<", "Ned<Mia");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowFindsTheManagerAnEarlierRowCreatesWhateverItsCriteria(Transport transport) {
        // Criteria no column holds as such: an external field (org_name, in the org_id->name column) and an external
        // key (org_id, which no column gives as an id): the row still comes after the one creating its manager.
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "criteria");
        long own = objects.create(context, "Organization", Map.of("name", "Own-" + tag)).id();
        String last = "Crit-" + tag;
        String byField = "first_name,name,org_id->name,email,manager_id->email,manager_id->org_name\n"
                + "Boss," + last + ",Demo,boss-" + tag + "@x.org,,\n"
                + "Sub," + last + ",Demo,sub-" + tag + "@x.org,BOSS-" + tag + "@x.org,demo\n";
        String byKey = "first_name,name,org_id->name,email,manager_id->org_id\n"
                + "Lone," + last + ",Own-" + tag + ",lone-" + tag + "@x.org,\n"
                + "Aide," + last + ",Demo,aide-" + tag + "@x.org," + own + "\n";

        assertThat(imports.run(transport, byField, with("reconciliationkeys=email")).lines())
                .contains("#Created: 2", "#Issues: 0");
        assertThat(imports.run(transport, byKey, with("reconciliationkeys=email")).lines())
                .contains("#Created: 2", "#Issues: 0");
        assertThat(managersOf(last))
                .containsExactly("Aide<Lone", "Boss<", "Lone<", "Sub<Boss");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowNamingItsManagerSeesNothingTheLaterRowsDo(Transport transport) {
        // Row by row, as iTop: in the first file, row 1 finds the Boss of row 0, not the namesake row 2 creates (no
        // "Ambiguous"), nor misses it because row 3 renames it later; in the second, row 1 (a key by organization,
        // which no column holds) cannot find the Person that only row 2 creates in that organization.
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "later rows");
        long empty = objects.create(context, "Organization", Map.of("name", "Empty-" + tag)).id();
        String boss = "Alpha-" + tag;
        String byName = "first_name,name,org_id->name,employee_number,manager_id->friendlyname\n"
                + "Boss," + boss + ",Demo,B1-" + tag + ",\n"
                + "Sub," + boss + ",Demo,B2-" + tag + ",Boss " + boss + "\n"
                + "Boss," + boss + ",Demo,B9-" + tag + ",\n"
                + "Boss,Gamma-" + tag + ",Demo,B1-" + tag + ",\n";
        String byOrganization = "first_name,name,org_id->name,employee_number,manager_id->org_id\n"
                + "Boss,A-" + tag + ",Demo,N0-" + tag + ",\n"
                + "Sub,X-" + tag + ",Demo,N1-" + tag + "," + empty + "\n"
                + "Boss,P-" + tag + ",Empty-" + tag + ",N2-" + tag + ",\n";

        Result first = imports.run(transport, byName, with("reconciliationkeys=employee_number"));
        Result second = imports.run(transport, byOrganization, with("reconciliationkeys=employee_number"));

        assertThat(first.lines()).contains("#Created: 3", "#Updated: 1", "#Issues: 0");
        assertThat(second.lines()).contains("#Created: 2", "#Issues: 1");
        assertThat(second.lines().stream().filter(line -> line.startsWith("1;")).findFirst().orElseThrow())
                .contains("No match for value '" + empty + "'");
        assertThat(jdbc.queryForObject("select m.employee_number from cmdb.contact p join cmdb.contact m on m.id = p.manager_id"
                + " where p.employee_number = ?", String.class, "B2-" + tag)).isEqualTo("B1-" + tag);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowWaitingForItsManagerIsStillWrittenBeforeTheLaterRowsOfItsObject(Transport transport) {
        // Row 2 names the boss row 1 creates, so it is written after row 1; rows 3 and 4, about the same employee, must
        // still come after it: the last row of an object wins, as when iTop writes row by row.
        String last = "Order-" + tag;
        String boss = "M-" + tag;
        String employee = "E-" + tag;
        String csv = "employee_number,first_name,name,org_id->name,function,manager_id->employee_number\n"
                + boss + ",Boss," + last + ",Demo,boss,\n"
                + employee + ",Emp," + last + ",Demo,first," + boss + "\n"
                + employee + ",Emp," + last + ",Demo,second,\n"
                + employee + ",Emp," + last + ",Demo,third,\n";
        Result result = imports.run(transport, csv, with("reconciliationkeys=employee_number"));

        assertThat(result.lines()).contains("#Created: 2", "#Updated: 2", "#Issues: 0");
        assertThat(result.lines().stream().filter(line -> line.matches("[0-3];.*")).map(line -> line.split(";")[1]))
                .containsExactly("created", "created", "updated 2 cols", "updated 1 cols");
        assertThat(jdbc.queryForList("select p.function || '<' || coalesce(m.employee_number, '') from cmdb.contact p"
                + " left join cmdb.contact m on m.id = p.manager_id where p.employee_number = ?", String.class, employee))
                .containsExactly("third<");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aKeyIntoTheImportedClassFindsWhatEachEarlierRowLeft(Transport transport) {
        // The boss's e-mail changes in the second chunk: later chunks find the boss by the new address only, as iTop
        // (which searches each row's keys when it comes to it) does.
        String last = "Boss-" + tag;
        String old = "boss-old-" + tag + "@x.org";
        String renewed = "boss-new-" + tag + "@x.org";
        String csv = "first_name,name,email,org_id->name,manager_id->email\n"
                + "Boss," + last + "," + old + ",Demo,\n"
                + "Ann," + last + ",ann-" + tag + "@x.org,Demo," + old + "\n"
                + "Boss," + last + "," + renewed + ",Demo,\n"
                + "Cid," + last + ",cid-" + tag + "@x.org,Demo," + renewed + "\n"
                + "Dan," + last + ",dan-" + tag + "@x.org,Demo," + old + "\n"
                + "Eve," + last + ",eve-" + tag + "@x.org,Demo," + renewed + "\n";
        Result result = imports.run(transport, csv, with("chunk_size=2", "reconciliationkeys=first_name,name"));

        assertThat(result.lines()).contains("#Created: 4", "#Updated: 1", "#Issues: 1");
        assertThat(result.lines().stream().filter(line -> line.startsWith("4;")).findFirst().orElseThrow())
                .startsWith("4;Issue: Unexpected attribute value(s);").contains("No match for value '" + old + "'");
        assertThat(jdbc.queryForList("select p.first_name || '<' || coalesce(m.email, '') from cmdb.contact p"
                + " left join cmdb.contact m on m.id = p.manager_id where p.name = ? order by p.first_name", String.class, last))
                .containsExactly("Ann<" + renewed, "Boss<", "Cid<" + renewed, "Eve<" + renewed);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void emptyColumnsEndingTheHeaderAreAcceptedAndMustStayEmpty(Transport transport) {
        // Spreadsheets export a column once used and then cleared as empty cells, its header cell included.
        String last = "Phantom-" + tag;
        Result result = imports.run(transport, "first_name,name,email,org_id->name,,\nAna," + last + ",a@x.org,Demo,,\n"
                + "Bea," + last + ",b@x.org,Demo,,lost?\nCid," + last + ",c@x.org,Demo\n", with());

        assertThat(result.lines()).contains("#Columns: first_name, name, email, org_id->name", "#Created: 1", "#Issues: 2",
                "1;Issue: Column 6 has no name in the header but holds 'lost?';n/a;n/a;n/a;Bea;" + last + ";b@x.org",
                "2;Issue: Wrong number of cells: 4 found, 6 expected (as many as in the header);n/a;n/a;n/a;Cid;" + last
                        + ";c@x.org");
        assertThat(persons(last)).isEqualTo(1);
        // An empty name before a named column designates nothing: refused, as in iTop.
        assertThat(imports.run(transport, "first_name,,name\nAna,,X\n", with()).text())
                .contains("#Unknown column: ''. Possible columns: ");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRowWithoutAnyReconciliationValueNeverUpdatesWhateverLacksThem(Transport transport) {
        String last = "NoMail-" + tag;
        imports.run(Transport.CLI, "first_name,name,org_id->name\nKeep," + last + ",Demo\n", with());
        long lacking = jdbc.queryForObject("select count(*) from cmdb.contact where finalclass = 'Person'"
                + " and coalesce(email, '') = ''", Long.class);
        String csv = "first_name,name,email,org_id->name\nE1," + last + ",,Demo\nE2," + last + ",<NULL>,Demo\nE3," + last
                + ",,Demo\nE4," + last + ",e4-" + tag + "@x.org,Demo\n";

        Result byEmail = imports.run(transport, csv, with("reconciliationkeys=email"));

        // iTop would update one of the Persons without an e-mail (Keep, say) with each of E1, E2 and E3 in turn.
        String refused = ";Invalid value for attribute. No reconciliation key has a value, and " + lacking
                + (lacking == 1 ? " object has" : " objects have") + " none either: which one is meant cannot be told";
        assertThat(byEmail.lines()).contains("#Created: 1", "#Updated: 0", "#Issues: 3",
                "0;Issue: failed to reconcile;n/a;n/a;n/a;E1;" + last + refused,
                "2;Issue: failed to reconcile;n/a;n/a;n/a;E3;" + last + refused);
        assertThat(jdbc.queryForList("select first_name from cmdb.contact where name = ? order by first_name", String.class,
                last)).containsExactly("E4", "Keep");
        // With other keys given, an empty one is searched as empty, as in iTop: E1, E2 and E3 are three more people.
        assertThat(imports.run(transport, csv, with()).lines()).contains("#Created: 3", "#Unchanged: 1", "#Issues: 0");
        assertThat(persons(last)).isEqualTo(5);
    }

    @Test
    void anEmptyAutoNumberedReconciliationKeyCreatesATicket() {
        String title = "Printer-" + tag;
        // Nothing has an empty ref, so the search finds nothing and the rows create tickets, as in iTop.
        Result result = imports.run(Transport.CLI, "ref,title,description,org_id->name\n," + title + " 1,d,Demo\n,"
                        + title + " 2,d,Demo\n",
                "class=UserRequest", "charset=UTF-8", "no_localize=1", "output=details");
        assertThat(result.lines()).contains("#Reconciliation Keys: ref", "#Created: 2", "#Issues: 0");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anAccountsPasswordFollowsTheSameRuleAsWithTheUserCommand(Transport transport) {
        Result result = imports.run(transport, "login,password,profile_list\nshort-" + tag + ",abc,profileid->name:Reader\n"
                + "long-" + tag + ",Long-enough1,profileid->name:Reader\n",
                "class=UserLocal", "charset=UTF-8", "no_localize=1", "output=details");

        assertThat(result.lines()).contains("#Created: 1", "#Issues: 1");
        assertThat(result.text()).contains("The password must have at least 8 characters");
        assertThat(jdbc.queryForList("select login from cmdb.\"user\" where login like ?", String.class, "%-" + tag))
                .containsExactly("long-" + tag);
    }

    @Test
    void aParentThatWouldCloseALoopIsRefused() {
        String[] organizations = {"class=Organization", "charset=UTF-8", "no_localize=1", "output=details"};
        imports.run(Transport.CLI, "name,parent_id->name\nTop-" + tag + ",\nLeaf-" + tag + ",Top-" + tag + "\n", organizations);

        Result loop = imports.run(Transport.CLI, "name,parent_id->name\nTop-" + tag + ",Leaf-" + tag + "\n", organizations);

        long leaf = jdbc.queryForObject("select id from cmdb.organization where name = ?", Long.class, "Leaf-" + tag);
        assertThat(loop.lines()).contains("#Issues: 1", "#Updated: 0");
        assertThat(loop.lastLine()).contains(";Issue: Unexpected attribute value(s);Organization;")
                .endsWith("Unexpected value for attribute 'parent_id': Value not allowed [" + leaf + "];Top-" + tag);
        assertThat(jdbc.queryForObject("select parent_id from cmdb.organization where name = ?", Long.class, "Top-" + tag))
                .isNull();
    }

    @Test
    void theApplicationsSessionsLookUpWithoutMemoize() {
        // Bulk look-ups probe an index once per distinct value: a Memoize cache on them only costs (see
        // application.properties).
        assertThat(jdbc.queryForObject("show enable_memoize", String.class)).isEqualTo("off");
    }

    @Test
    void aKeyRepeatedInTheNextChunkUpdatesTheObjectThePreviousChunkCreated() {
        // Rows are prepared (and reconciled) ahead of the chunk being written: the second row of each pair is searched
        // while the first is still being created, and must still find it.
        String last = "Next-" + tag;
        StringBuilder csv = new StringBuilder("first_name,name,email,org_id->name\n");
        for (int i = 0; i < 60; i++) {
            csv.append("P").append(i / 2).append(',').append(last).append(",m").append(i).append("@x.org,Demo\n");
        }
        for (String chunkSize : List.of("chunk_size=1", "chunk_size=3")) {
            jdbc.update("delete from cmdb.contact where finalclass = 'Person' and name = ?", last);
            Result result = imports.run(Transport.CLI, csv.toString(), with("reconciliationkeys=first_name,name", chunkSize));
            assertThat(result.lines()).as(chunkSize).contains("#Issues: 0", "#Created: 30", "#Updated: 30");
            assertThat(persons(last)).as(chunkSize).isEqualTo(30);
            assertThat(jdbc.queryForObject("select count(*) from cmdb.contact where name = ? and email = 'm'"
                    + " || (cast(substr(first_name, 2) as int) * 2 + 1) || '@x.org'", Long.class, last)).isEqualTo(30);
        }
    }

    @Test
    void smallChunksGiveTheSameReportAsOneChunk() {
        StringBuilder csv = new StringBuilder("first_name,name,email,org_id->name\n");
        for (int i = 0; i < 25; i++) {
            csv.append("P").append(i).append(",Chunk-").append(tag).append(",p").append(i).append("@x.org,")
                    .append(i % 7 == 3 ? "gabuzomeu" : "Demo").append('\n');
        }
        Result small = imports.run(Transport.CLI, csv.toString(), with("chunk_size=4", "simulate=1"));
        Result big = imports.run(Transport.CLI, csv.toString(), with("simulate=1"));
        assertThat(small.text()).isEqualTo(big.text());
        assertThat(small.lines()).contains("#Data Lines: 25", "#Issues: 4", "#Created: 21");
    }

    @Test
    void statisticsAreRefreshedWhenTheImportDoublesTheTableNotForSmallerAdditions() {
        jdbc.execute("analyze cmdb.contact");
        long rows = jdbc.queryForObject("select count(*) from cmdb.contact", Long.class);
        int doubling = (int) Math.max(5_000, rows) + 3_000;
        long before = manualAnalyzeCount();
        Result first = imports.run(Transport.HTTP, people("Grow-" + tag, doubling), with("output=summary", "chunk_size=1000"));
        assertThat(first.lines()).contains("#Created: " + doubling);
        long afterFirst = manualAnalyzeCount();
        Map<String, Object> refreshed = jdbc.queryForMap("select (select coalesce(last_autoanalyze < last_analyze, true)"
                + " from pg_stat_user_tables where schemaname = 'cmdb' and relname = 'contact') as ours,"
                + " array_length(histogram_bounds::text::text[], 1) as bounds, n_distinct from pg_stats"
                + " where schemaname = 'cmdb' and tablename = 'contact_email_idx'");
        // A table of 8,000 rows or more gets 5,000 more: refreshing its statistics would change nothing useful (the
        // earlier rule, a refresh each 5,000 rows created, did).
        jdbc.execute("analyze cmdb.contact");
        long beforeSecond = manualAnalyzeCount();
        Result second = imports.run(Transport.HTTP, people("Add-" + tag, 5_000), with("output=summary", "chunk_size=1000"));
        assertThat(second.lines()).contains("#Created: 5000");

        assertThat(afterFirst).as("an import that doubles the table refreshes its statistics").isGreaterThan(before);
        assumeThat(refreshed.get("ours")).as("autovacuum analysed the table after the import did").isEqualTo(true);
        // From a small sample (default_statistics_target 10: at most 11 histogram bounds, 101 by default), which still
        // tells the planner that e-mail addresses are selective, what its choice of index needs: more than half of the
        // table's rows have distinct ones (this import's own, all different, are), so n_distinct is below -0.5.
        assertThat(((Number) refreshed.get("bounds")).intValue()).isBetween(2, 11);
        assertThat(((Number) refreshed.get("n_distinct")).doubleValue()).isLessThan(-0.5);
        assertThat(manualAnalyzeCount()).as("5,000 rows added to %d: no ANALYZE", rows + doubling).isEqualTo(beforeSecond);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCompletedRunKeepsItsCountsButNotItsDetailsLines(Transport transport) {
        // The details lines (about 100 bytes a row) are only needed for the run's report: they go once it is printed.
        Result result = imports.run(transport, people("Forget-" + tag, 30), with("chunk_size=10"));
        assertThat(result.lines()).contains("#Created: 30").anyMatch(line -> line.contains("Forget-" + tag));
        Map<String, Object> kept = jdbc.queryForMap("select count(*) as chunks, sum(row_count) as rows,"
                + " sum(created) as created, sum(octet_length(details)) as details from csvimport.chunk_result"
                + " where job_instance_id = (select max(job_instance_id) from csvimport.chunk_result)");
        assertThat(kept).containsEntry("chunks", 3L).containsEntry("rows", 30L).containsEntry("created", 30L)
                .containsEntry("details", 0L);
    }

    private long manualAnalyzeCount() {
        return jdbc.queryForObject("select analyze_count from pg_stat_user_tables where schemaname = 'cmdb'"
                + " and relname = 'contact'", Long.class);
    }

    private static String people(String name, int count) {
        StringBuilder csv = new StringBuilder("first_name,name,email,org_id->name\n");
        for (int i = 0; i < count; i++) {
            csv.append('P').append(i).append(',').append(name).append(",p").append(i).append('@').append(name)
                    .append(".org,Demo\n");
        }
        return csv.toString();
    }
}
