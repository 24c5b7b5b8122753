package tributary.cmdb.linkset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.NewObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.cmdb.WriteResult;
import tributary.test.IntegrationTestBase;

/** Link-set texts resolved against real objects, then written through the object service and read back. */
class LinkSetResolverIT extends IntegrationTestBase {

    @Autowired
    LinkSetResolver resolver;
    @Autowired
    ObjectService objects;
    @Autowired
    Jdbi jdbi;

    WriteContext context;
    String tag;
    long org;

    @BeforeEach
    void givenAnOrganization() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CSV_IMPORT, "linkset " + tag);
        org = objects.create(context, "Organization", Map.of("name", "LinkSet " + tag)).id();
    }

    private long team(String name, long orgId) {
        return objects.create(context, "Team", Map.of("name", name, "org_id", orgId)).id();
    }

    private ResolvedLinkSet teams(String text) {
        return resolver.resolveAll("Person", "team_list", List.of(text)).get(0);
    }

    @Test
    void profilesByNameGiveAUserItsProfiles() {
        ResolvedLinkSet profiles = resolver.resolveAll("UserLocal", "profile_list",
                List.of("profileid->name:Administrator|'profileid->name:REST Services User';reason:api: yes")).get(0);
        assertThat(profiles.ok()).as(profiles.error()).isTrue();

        List<WriteResult> written = objects.createAll(context, List.of(new NewObject("UserLocal", Map.of(
                "login", "linkset-" + tag, "password", "Linkset-pwd1", "profile_list", profiles.links()))));

        assertThat(written.get(0).issues()).isEmpty();
        CmdbObject user = objects.get("UserLocal", written.get(0).id()).orElseThrow();
        assertThat(user.links("profile_list")).extracting(l -> l.get("profile"), l -> l.get("reason"))
                .containsExactlyInAnyOrder(tuple("Administrator", null), tuple("REST Services User", "api: yes"));
    }

    @Test
    void teamsByNameAndByIdGiveAPersonItsTeams() {
        long support = team("Support " + tag, org);
        long network = team("Network " + tag, org);
        ResolvedLinkSet value = teams("team_id->name:support " + tag + ";role:lead|team_id:" + network);
        assertThat(value.ok()).as(value.error()).isTrue();

        List<WriteResult> written = objects.createAll(context, List.of(new NewObject("Person", Map.of(
                "first_name", "Ada", "name", "Links " + tag, "org_id", org, "team_list", value.links()))));

        assertThat(written.get(0).issues()).isEmpty();
        assertThat(objects.get("Person", written.get(0).id()).orElseThrow().links("team_list"))
                .extracting(l -> l.get("team_id"), l -> l.get("role"))
                .containsExactlyInAnyOrder(tuple(support, "lead"), tuple(network, null));
    }

    @Test
    void noMatchAndSeveralMatchesRefuseTheValue() {
        long otherOrg = objects.create(context, "Organization", Map.of("name", "LinkSet other " + tag)).id();
        team("Twin " + tag, org);
        long second = team("Twin " + tag, otherOrg);

        assertThat(teams("team_id->name:Nobody " + tag).error())
                .isEqualTo("Found no match: ext_key = team_id, reconciliation = name=Nobody " + tag);
        assertThat(teams("team_id->name:Twin " + tag).error())
                .isEqualTo("Found several matches: ext_key = team_id, reconciliation = name=Twin " + tag);
        assertThat(teams("team_id->name:Twin " + tag + ";team_id->org_id:" + otherOrg).links())
                .as("criteria of one key are AND-ed").containsExactly(Map.of("team_id", second));
    }

    @Test
    void unknownAttributeAndWrongFinalclassRefuseTheValue() {
        team("Known " + tag, org);

        assertThat(teams("team_id->name:Known " + tag + ";rank:1").error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = lnkPersonToTeam, attcode = rank");
        assertThat(teams("team_id->nickname:Known").error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = Team, attcode = nickname");
        assertThat(teams("finalclass:URP_UserProfile;team_id->name:Known " + tag).error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = URP_UserProfile, expected_class = lnkPersonToTeam");
    }

    @Test
    void aChunkOfValuesIsResolvedWithOneStatementPerSearchedClassAndAttributes() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            team("Bulk " + i + " " + tag, org);
            texts.add("team_id->name:Bulk " + i + " " + tag + "|team_id->name:Bulk " + (i + 1) % 50 + " " + tag
                    + ";role:member");
        }
        texts.set(7, "team_id->name:Bulk 7 " + tag + ";profileid:3");
        AtomicLong statements = new AtomicLong();
        SqlStatements config = jdbi.getConfig(SqlStatements.class);
        SqlLogger previous = config.getSqlLogger();
        config.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext ctx) {
                statements.incrementAndGet();
            }
        });
        List<ResolvedLinkSet> results;
        try {
            results = resolver.resolveAll("Person", "team_list", texts, LinkSetSyntax.ITOP_DEFAULT, new LinkCriteriaCache());
        } finally {
            config.setSqlLogger(previous);
        }

        assertThat(statements.get()).as("statements to resolve 50 values").isEqualTo(1);
        assertThat(results.get(7).error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = lnkPersonToTeam, attcode = profileid");
        assertThat(results.stream().filter(ResolvedLinkSet::ok)).hasSize(49)
                .allSatisfy(r -> assertThat(r.links()).hasSize(2));
    }
}
