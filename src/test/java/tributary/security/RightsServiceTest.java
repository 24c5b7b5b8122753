package tributary.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tributary.model.ModelLoader;

/** Rights come from the profiles and the class category; several profiles add up. */
class RightsServiceTest {

    private final RightsService rights = new RightsService(new ModelLoader().load(List.of()));

    private static Account with(String... profiles) {
        return new Account(1, "someone", null, Set.of(profiles));
    }

    @Test
    void administratorMayDoEverythingEverywhere() {
        Account admin = with(Profile.ADMINISTRATOR);
        for (Action action : Action.values()) {
            assertThat(rights.allows(admin, "Server", action)).isTrue();
            assertThat(rights.allows(admin, "UserLocal", action)).isTrue();
        }
    }

    @Test
    void readerReadsAndExportsTheCmdbButWritesNothing() {
        Account reader = with(Profile.READER);
        assertThat(rights.allows(reader, "Person", Action.READ)).isTrue();
        assertThat(rights.allows(reader, "Organization", Action.BULK_READ)).isTrue();
        assertThat(rights.allows(reader, "Person", Action.WRITE)).isFalse();
        assertThat(rights.allows(reader, "Person", Action.CREATE)).isFalse();
        assertThat(rights.allows(reader, "Person", Action.DELETE)).isFalse();
        assertThat(rights.allows(reader, "UserLocal", Action.READ)).isFalse();
    }

    @Test
    void configurationManagerMaintainsTheCmdbButNotTheAccounts() {
        Account manager = with(Profile.CONFIGURATION_MANAGER);
        assertThat(rights.allows(manager, "Server", Action.BULK_CREATE)).isTrue();
        assertThat(rights.allows(manager, "Location", Action.DELETE)).isTrue();
        assertThat(rights.allows(manager, "UserLocal", Action.WRITE)).isFalse();
        assertThat(rights.allows(manager, "URP_Profiles", Action.READ)).isFalse();
    }

    @Test
    void restServicesUserProfileGivesAccessButNoDataRights() {
        Account rest = with(Profile.REST_SERVICES_USER);
        assertThat(rest.hasRestAccess()).isTrue();
        assertThat(rights.allows(rest, "Person", Action.READ)).isFalse();
        assertThat(rights.allows(with(Profile.REST_SERVICES_USER, Profile.READER), "Person", Action.READ)).isTrue();
    }

    @Test
    void refusalUsesItopWording() {
        assertThat(RightsService.refusal("Person", Action.BULK_CREATE))
                .isEqualTo("The current user does not have enough permissions for massively creating data of class Person");
    }
}
