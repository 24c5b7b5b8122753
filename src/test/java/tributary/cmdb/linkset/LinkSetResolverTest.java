package tributary.cmdb.linkset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.cmdb.ObjectService;
import tributary.model.DataModel;
import tributary.model.ModelLoader;

/**
 * The resolver's checks and grouping, on the built-in model plus an abstract link class, with the database replaced
 * by a table of profile names (the real look-up is covered by {@code LinkSetResolverIT}).
 *
 * <pre>
 * criteria match | outcome
 * 0              | Found no match: ext_key = k, reconciliation = a=v
 * 1              | key set to the id
 * n > 1          | Found several matches: ext_key = k, reconciliation = a=v
 * </pre>
 */
class LinkSetResolverTest {

    @TempDir
    static Path dir;
    static DataModel model;

    /** URP_Profiles by name: "Dup" exists twice. */
    private static final Map<String, List<Long>> PROFILES = Map.of(
            "administrator", List.of(1L), "portal user", List.of(2L), "dup", List.of(3L, 4L));

    private final List<String> calls = new ArrayList<>();
    private LinkSetResolver resolver;

    @BeforeAll
    static void loadModel() throws IOException {
        Path file = dir.resolve("links.yml");
        Files.writeString(file, """
                classes:
                  - name: Gizmo
                    category: bizmodel
                    friendlyname: [name]
                    attributes:
                      - {code: name, type: string, mandatory: true}
                      - {code: links_list, type: linkset_indirect, link_class: lnkGizmo, ext_key_to_me: gizmo_id, ext_key_to_remote: profile_id}
                  - name: lnkGizmo
                    abstract: true
                    category: bizmodel
                    attributes:
                      - {code: gizmo_id, type: extkey, target: Gizmo, mandatory: true, on_target_delete: auto_delete}
                      - {code: profile_id, type: extkey, target: URP_Profiles, mandatory: true, on_target_delete: auto_delete}
                  - name: lnkGizmoPlain
                    parent: lnkGizmo
                    attributes:
                      - {code: weight, type: integer}
                  - name: lnkGizmoNoted
                    parent: lnkGizmo
                    attributes:
                      - {code: note, type: string, mandatory: true}
                      - {code: level, type: enum, values: [low, high], mandatory: true, default: low}
                """);
        model = new ModelLoader().load(List.of(file));
    }

    @BeforeEach
    void fakeDatabase() {
        resolver = new LinkSetResolver(model, (className, attributes, tuples) -> {
            calls.add(className + attributes + tuples.size());
            assertThat(className).isEqualTo("URP_Profiles");
            assertThat(attributes).containsExactly("name");
            return tuples.stream().map(tuple -> {
                List<Long> ids = PROFILES.getOrDefault(String.valueOf(tuple.get(0)).toLowerCase(Locale.ROOT), List.of());
                return new ObjectService.Match(ids.size(), ids.isEmpty() ? null : ids.get(0));
            }).toList();
        });
    }

    private ResolvedLinkSet user(String text) {
        return resolver.resolveAll("UserLocal", "profile_list", Collections.singletonList(text)).get(0);
    }

    private ResolvedLinkSet gizmo(String text) {
        return resolver.resolveAll("Gizmo", "links_list", List.of(text)).get(0);
    }

    @Test
    void keysByIdAndByCriteriaBecomeIds() {
        assertThat(user("profileid:12;reason:boss|profileid->name:ADMINISTRATOR").links())
                .containsExactly(Map.of("profileid", 12L, "reason", "boss"), Map.of("profileid", 1L));
    }

    @Test
    void emptyTextIsAnEmptySet() {
        assertThat(user("").links()).isEmpty();
        assertThat(user(null).links()).isEmpty();
    }

    @Test
    void noMatchAndSeveralMatchesRefuseTheWholeValue() {
        assertThat(user("profileid:12|profileid->name:Nobody").error())
                .isEqualTo("Found no match: ext_key = profileid, reconciliation = name=Nobody");
        assertThat(user("profileid->name:Dup").error())
                .isEqualTo("Found several matches: ext_key = profileid, reconciliation = name=Dup");
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
    }

    @Test
    void theKeyToTheHostIsLeftToTheObjectService() {
        assertThat(user("userid:99;profileid:1").links()).containsExactly(Map.of("profileid", 1L));
    }

    @Test
    void friendlynameOfOneAttributeIsSearchedOnThatAttribute() {
        assertThat(user("profileid->friendlyname:Portal user").links()).containsExactly(Map.of("profileid", 2L));
    }

    @Test
    void abstractLinkClassRequiresAConcreteFinalclass() {
        assertThat(gizmo("profile_id:1").error()).isEqualTo("Missing finalclass for link attribute specification");
        assertThat(gizmo("finalclass:lnkGizmo;profile_id:1").error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = lnkGizmo, expected_class = lnkGizmo");
        assertThat(gizmo("finalclass:URP_UserProfile;profile_id:1").error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = URP_UserProfile, expected_class = lnkGizmo");
        assertThat(gizmo("finalclass:NoSuchClass;profile_id:1").error()).isEqualTo(
                "Wrong class for link attribute specification: requested_class = NoSuchClass, expected_class = lnkGizmo");
    }

    @Test
    void finalclassNarrowsTheAttributesAndIsKept() {
        assertThat(gizmo("finalclass:lnkgizmoplain;profile_id->name:Administrator;weight:3").links())
                .containsExactly(Map.of("finalclass", "lnkGizmoPlain", "profile_id", 1L, "weight", "3"));
        assertThat(gizmo("finalclass:lnkGizmoPlain;profile_id:1;note:x").error()).isEqualTo(
                "Wrong attribute code for link attribute specification: class = lnkGizmoPlain, attcode = note");
        assertThat(gizmo("finalclass:lnkGizmoPlain;profile_id:1;weight:heavy").error())
                .isEqualTo("Unexpected value for attribute 'weight': Not an integer [heavy]");
    }

    @Test
    void mandatoryAttributesOfTheFinalclassAreCheckedButDefaultsCount() {
        assertThat(gizmo("finalclass:lnkGizmoNoted;profile_id:1").error())
                .isEqualTo("Missing value for mandatory attribute(s): note");
        assertThat(gizmo("finalclass:lnkGizmoNoted;profile_id:1;note:hi").ok()).isTrue();
    }

    @Test
    void aChunkIsResolvedWithOneLookUpPerTargetAndSearchedAttributes() {
        List<ResolvedLinkSet> results = resolver.resolveAll("UserLocal", "profile_list", List.of(
                "profileid->name:Administrator|profileid->name:Portal user",
                "profileid->name:administrator",
                "profileid->name:Nobody",
                "profileid:7",
                "bad"), LinkSetSyntax.ITOP_DEFAULT, new LinkCriteriaCache());

        assertThat(calls).containsExactly("URP_Profiles[name]3");
        assertThat(results).extracting(ResolvedLinkSet::ok).containsExactly(true, true, false, true, false);
    }

    @Test
    void theRunCacheSkipsSearchesAlreadyFound() {
        LinkCriteriaCache cache = new LinkCriteriaCache();
        resolver.resolveAll("UserLocal", "profile_list", List.of("profileid->name:Administrator"), LinkSetSyntax.ITOP_DEFAULT, cache);
        resolver.resolveAll("UserLocal", "profile_list", List.of("profileid->name:ADMINISTRATOR|profileid->name:Nobody"),
                LinkSetSyntax.ITOP_DEFAULT, cache);
        resolver.resolveAll("UserLocal", "profile_list", List.of("profileid->name:Nobody"), LinkSetSyntax.ITOP_DEFAULT, cache);

        assertThat(calls).containsExactly("URP_Profiles[name]1", "URP_Profiles[name]1", "URP_Profiles[name]1");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void configuredSyntaxIsUsed() {
        ResolvedLinkSet result = resolver.resolve("UserLocal", "profile_list", "profileid->name=Administrator,reason=a;b",
                new LinkSetSyntax("#", ",", "=", "\""), new LinkCriteriaCache());

        assertThat(result.links()).containsExactly(Map.of("profileid", 1L, "reason", "a;b"));
    }

    @Test
    void anAttributeThatIsNotALinkSetIsAProgrammingError() {
        assertThatThrownBy(() -> resolver.resolveAll("UserLocal", "login", List.of("x:1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
