package tributary.cmdb.linkset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.NewObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.cmdb.WriteResult;
import tributary.test.IntegrationTestBase;
import tributary.test.StatementCounter;

/**
 * Link-set texts resolved against real objects on the test PostgreSQL (some then written through the object service
 * and read back): the checks of the resolver, and its look-ups counted as SQL statements.
 *
 * <pre>
 * criteria match | outcome
 * 0              | Found no match: ext_key = k, reconciliation = a=v
 * 1              | key set to the id
 * n > 1          | Found several matches: ext_key = k, reconciliation = a=v
 * </pre>
 *
 * Profile names are unique (built-in profiles are used); team and gizmo names are not. The host {@code Gizmo} and
 * its abstract link class {@code lnkGizmo} ({@code lnkGizmoPlain}, {@code lnkGizmoNoted}) are in
 * {@code test-model.yml}.
 */
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
    long administrator;
    long restUser;

    @BeforeEach
    void givenAnOrganization() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CSV_IMPORT, "linkset " + tag);
        org = objects.create(context, "Organization", Map.of("name", "LinkSet " + tag)).id();
        administrator = profile("Administrator");
        restUser = profile("REST Services User");
    }

    private long profile(String name) {
        List<Long> ids = objects.find("URP_Profiles", Map.of("name", name), 2);
        assertThat(ids).as("built-in profile " + name).hasSize(1);
        return ids.get(0);
    }

    private long team(String name, long orgId) {
        return objects.create(context, "Team", Map.of("name", name, "org_id", orgId)).id();
    }

    private ResolvedLinkSet teams(String text) {
        return resolver.resolveAll("Person", "team_list", List.of(text)).get(0);
    }

    private ResolvedLinkSet user(String text) {
        return resolver.resolveAll("UserLocal", "profile_list", Arrays.asList(text)).get(0);
    }

    private ResolvedLinkSet gizmo(String text) {
        return resolver.resolveAll("Gizmo", "links_list", List.of(text)).get(0);
    }

    private <T> T counting(AtomicLong statements, Supplier<T> action) {
        return StatementCounter.counting(jdbi, statements, action);
    }

    // ---------------------------------------------------------------- external keys: by id, by criteria

    @Test
    void keysByIdAndByCriteriaBecomeIds() {
        assertThat(user("profileid:12;reason:boss|profileid->name:ADMINISTRATOR").links())
                .as("an id is kept as is (checked when written); criteria are searched case-insensitively")
                .containsExactly(Map.of("profileid", 12L, "reason", "boss"), Map.of("profileid", administrator));
    }

    @Test
    void emptyTextIsAnEmptySetWithoutAnyStatement() {
        AtomicLong statements = new AtomicLong();
        counting(statements, () -> {
            assertThat(user("").links()).isEmpty();
            assertThat(user(null).links()).isEmpty();
            assertThat(user("   ").links()).isEmpty();
            return null;
        });
        assertThat(statements.get()).isZero();
    }

    @Test
    void noMatchOfAProfileRefusesTheWholeValue() {
        assertThat(user("profileid:12|profileid->name:Nobody " + tag).error())
                .isEqualTo("Found no match: ext_key = profileid, reconciliation = name=Nobody " + tag);
    }

    @Test
    void unknownAttributeCodesAreRefused() {
        assertThat(user("profile_id:1").error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = URP_UserProfile, attcode = profile_id");
        assertThat(user("profileid->label:x").error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = URP_Profiles, attcode = label");
        assertThat(user("reason->name:x").error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = URP_UserProfile, attcode = reason");
    }

    @Test
    void formatErrorsAreReportedAsValues() {
        assertThat(user("Administrator").error())
                .isEqualTo("Wrong format for link attribute specification: value = Administrator");
    }

    @Test
    void idThatIsNotANumberIsRefused() {
        assertThat(user("profileid:abc").error())
                .isEqualTo("Unexpected value for attribute 'profileid': Not a valid object id [abc]");
    }

    @Test
    void missingMandatoryLinkAttributeIsRefusedButNotTheKeyToTheHost() {
        assertThat(user("reason:nothing else").error()).isEqualTo("Missing value for mandatory attribute(s): profileid");
        assertThat(user("profileid:0").error()).isEqualTo("Missing value for mandatory attribute(s): profileid");
        assertThat(user("userid:99;profileid:" + administrator).links())
                .as("the key to the host is left to the object service").containsExactly(Map.of("profileid", administrator));
    }

    @Test
    void friendlynameOfOneAttributeIsSearchedOnThatAttribute() {
        long support = team("Friendly " + tag, org);

        assertThat(user("profileid->friendlyname:rest services user").links()).containsExactly(Map.of("profileid", restUser));
        assertThat(teams("team_id->friendlyname:FRIENDLY " + tag).links()).containsExactly(Map.of("team_id", support));
    }

    @Test
    void computedAttributesOfTheTargetAreSearchedAsIToPSearchesThem() {
        // A friendly name of several attributes and an external field, as iTop's link-set syntax allows any attribute.
        long other = objects.create(context, "Organization", Map.of("name", "Other " + tag)).id();
        long claude = objects.create(context, "Person", Map.of("first_name", "Claude", "name", "Monet " + tag,
                "org_id", org)).id();
        long twin = objects.create(context, "Person", Map.of("first_name", "Claude", "name", "Monet " + tag,
                "org_id", other)).id();

        List<ResolvedLinkSet> members = resolver.resolveAll("Team", "persons_list", List.of(
                "person_id->friendlyname:claude monet " + tag + ";person_id->org_name:linkset " + tag,
                "person_id->friendlyname:Claude Monet " + tag,
                "person_id->org_name:Other " + tag + ";person_id->name:monet " + tag,
                "person_id->friendlyname:Nobody " + tag));

        assertThat(members.get(0).links()).containsExactly(Map.of("person_id", claude));
        assertThat(members.get(1).error()).isEqualTo("Found several matches: ext_key = person_id, reconciliation = "
                + "friendlyname=Claude Monet " + tag);
        assertThat(members.get(2).links()).containsExactly(Map.of("person_id", twin));
        assertThat(members.get(3).error()).startsWith("Found no match: ext_key = person_id");
    }

    // ---------------------------------------------------------------- abstract link class: finalclass

    @Test
    void linksOfSeveralFinalclassesAreWrittenToTheGizmo() {
        ResolvedLinkSet value = gizmo("finalclass:lnkGizmoPlain;profile_id->name:Administrator;weight:3"
                + "|finalclass:lnkGizmoNoted;profile_id->name:REST Services User;note:hi");
        assertThat(value.ok()).as(value.error()).isTrue();

        List<WriteResult> written = objects.createAll(context, List.of(new NewObject("Gizmo", Map.of(
                "name", "Gizmo " + tag, "links_list", value.links()))));

        assertThat(written.get(0).issues()).isEmpty();
        assertThat(objects.get("Gizmo", written.get(0).id()).orElseThrow().links("links_list"))
                .extracting(CmdbObject::className, l -> l.get("profile_id"), l -> l.get("weight"), l -> l.get("note"),
                        l -> l.get("level"))
                .containsExactlyInAnyOrder(tuple("lnkGizmoPlain", administrator, 3L, null, null),
                        tuple("lnkGizmoNoted", restUser, null, "hi", "low"));
    }

    @Test
    void abstractLinkClassRequiresAConcreteFinalclass() {
        assertThat(gizmo("profile_id:" + administrator).error()).isEqualTo("Missing finalclass for link attribute specification");
        assertThat(gizmo("finalclass:lnkGizmo;profile_id:" + administrator).error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = lnkGizmo, expected_class = lnkGizmo");
        assertThat(gizmo("finalclass:URP_UserProfile;profile_id:" + administrator).error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = URP_UserProfile, expected_class = lnkGizmo");
        assertThat(gizmo("finalclass:NoSuchClass;profile_id:" + administrator).error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = NoSuchClass, expected_class = lnkGizmo");
    }

    @Test
    void finalclassNarrowsTheAttributesAndIsKept() {
        ResolvedLinkSet plain = gizmo("finalclass:lnkgizmoplain;profile_id->name:Administrator;weight:3");
        assertThat(plain.links()).as(plain.error())
                .containsExactly(Map.of("finalclass", "lnkGizmoPlain", "profile_id", administrator, "weight", "3"));
        assertThat(gizmo("finalclass:lnkGizmoPlain;profile_id:1;note:x").error()).isEqualTo(
                "Wrong attribute code for link attribute specification: class = lnkGizmoPlain, attcode = note");
        assertThat(gizmo("finalclass:lnkGizmoPlain;profile_id:1;weight:heavy").error())
                .isEqualTo("Unexpected value for attribute 'weight': Not an integer [heavy]");
    }

    @Test
    void mandatoryAttributesOfTheFinalclassAreCheckedButDefaultsCount() {
        assertThat(gizmo("finalclass:lnkGizmoNoted;profile_id:" + administrator).error())
                .isEqualTo("Missing value for mandatory attribute(s): note");
        ResolvedLinkSet noted = gizmo("finalclass:lnkGizmoNoted;profile_id->name:REST Services User;note:hi");
        assertThat(noted.ok()).as(noted.error()).isTrue();
        assertThat(noted.links()).containsExactly(
                Map.of("finalclass", "lnkGizmoNoted", "profile_id", restUser, "note", "hi"));
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
        List<ResolvedLinkSet> results = counting(statements, () -> resolver.resolveAll("Person", "team_list", texts,
                LinkSetSyntax.ITOP_DEFAULT, new LinkCriteriaCache()));

        assertThat(statements.get()).as("statements to resolve 50 values").isEqualTo(1);
        assertThat(results.get(7).error())
                .isEqualTo("Wrong attribute code for link attribute specification: class = lnkPersonToTeam, attcode = profileid");
        assertThat(results.stream().filter(ResolvedLinkSet::ok)).hasSize(49)
                .allSatisfy(r -> assertThat(r.links()).hasSize(2));
    }

    @Test
    void aChunkIsResolvedWithOneLookUpForItsIdenticalAndDistinctCriteria() {
        LinkCriteriaCache cache = new LinkCriteriaCache();
        AtomicLong statements = new AtomicLong();
        List<ResolvedLinkSet> results = counting(statements, () -> resolver.resolveAll("UserLocal", "profile_list", List.of(
                "profileid->name:Administrator|profileid->name:REST Services User",
                "profileid->name:administrator",
                "profileid->name:Nobody " + tag,
                "profileid:7",
                "bad"), LinkSetSyntax.ITOP_DEFAULT, cache));

        assertThat(statements.get()).as("one look-up of URP_Profiles by name").isEqualTo(1);
        assertThat(results).extracting(ResolvedLinkSet::ok).containsExactly(true, true, false, true, false);
        assertThat(results.get(0).links()).containsExactly(Map.of("profileid", administrator), Map.of("profileid", restUser));
        assertThat(results.get(1).links()).containsExactly(Map.of("profileid", administrator));
        assertThat(cache.size()).as("the two profiles found, searched once each").isEqualTo(2);
    }

    @Test
    void aChunkHasOneLookUpPerTargetClassAndSearchedAttributes() {
        long otherOrg = objects.create(context, "Organization", Map.of("name", "LinkSet other " + tag)).id();
        long alpha = team("Alpha " + tag, org);
        long beta = team("Beta " + tag, org);
        long gamma = team("Gamma " + tag, otherOrg);
        AtomicLong statements = new AtomicLong();
        List<ResolvedLinkSet> results = counting(statements, () -> resolver.resolveAll("Person", "team_list", List.of(
                "team_id->name:Alpha " + tag + "|team_id->name:Beta " + tag,
                "team_id->name:Gamma " + tag + ";team_id->org_id:" + otherOrg,
                "team_id->name:Beta " + tag + ";team_id->org_id:" + org,
                "team_id->friendlyname:ALPHA " + tag), LinkSetSyntax.ITOP_DEFAULT, new LinkCriteriaCache()));

        assertThat(statements.get()).as("Team by name, Team by name and organization").isEqualTo(2);
        assertThat(results).extracting(ResolvedLinkSet::links).containsExactly(
                List.of(Map.of("team_id", alpha), Map.of("team_id", beta)),
                List.of(Map.of("team_id", gamma)),
                List.of(Map.of("team_id", beta)),
                List.of(Map.of("team_id", alpha)));
    }

    @Test
    void theRunCacheSkipsSearchesAlreadyFound() {
        LinkCriteriaCache cache = new LinkCriteriaCache();
        AtomicLong first = new AtomicLong();
        AtomicLong second = new AtomicLong();
        AtomicLong third = new AtomicLong();
        AtomicLong fourth = new AtomicLong();
        counting(first, () -> resolver.resolveAll("UserLocal", "profile_list",
                List.of("profileid->name:Administrator"), LinkSetSyntax.ITOP_DEFAULT, cache));
        List<ResolvedLinkSet> again = counting(second, () -> resolver.resolveAll("UserLocal", "profile_list",
                List.of("profileid->name:ADMINISTRATOR|profileid->name:Nobody " + tag), LinkSetSyntax.ITOP_DEFAULT, cache));
        counting(third, () -> resolver.resolveAll("UserLocal", "profile_list",
                List.of("profileid->name:Nobody " + tag), LinkSetSyntax.ITOP_DEFAULT, cache));
        List<ResolvedLinkSet> cached = counting(fourth, () -> resolver.resolveAll("UserLocal", "profile_list",
                List.of("profileid->name:administrator"), LinkSetSyntax.ITOP_DEFAULT, cache));

        assertThat(List.of(first.get(), second.get(), third.get(), fourth.get()))
                .as("Administrator searched once; Nobody, never found, searched each time").containsExactly(1L, 1L, 1L, 0L);
        assertThat(again.get(0).error()).isEqualTo("Found no match: ext_key = profileid, reconciliation = name=Nobody " + tag);
        assertThat(cached.get(0).links()).containsExactly(Map.of("profileid", administrator));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aCachedMissIsNotRememberedSoAnObjectCreatedLaterInTheRunIsFound() {
        LinkCriteriaCache cache = new LinkCriteriaCache();
        String text = "team_id->name:Late " + tag;
        assertThat(resolver.resolve("Person", "team_list", text, LinkSetSyntax.ITOP_DEFAULT, cache).ok()).isFalse();
        long late = team("Late " + tag, org);

        assertThat(resolver.resolve("Person", "team_list", text, LinkSetSyntax.ITOP_DEFAULT, cache).links())
                .containsExactly(Map.of("team_id", late));
    }

    @Test
    void configuredSyntaxIsUsed() {
        ResolvedLinkSet result = resolver.resolve("UserLocal", "profile_list", "profileid->name=Administrator,reason=a;b",
                new LinkSetSyntax("#", ",", "=", "\""), new LinkCriteriaCache());

        assertThat(result.links()).as(result.error()).containsExactly(Map.of("profileid", administrator, "reason", "a;b"));
    }

    @Test
    void anAttributeThatIsNotALinkSetIsAProgrammingError() {
        assertThatThrownBy(() -> resolver.resolveAll("UserLocal", "login", List.of("x:1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolveAll("Gizmo", "name", List.of("x:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
