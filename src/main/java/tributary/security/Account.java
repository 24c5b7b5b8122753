package tributary.security;

import java.util.Set;

/**
 * An authenticated user.
 *
 * @param userId    id of the User object
 * @param login     login
 * @param contactId the Person the account belongs to, or null
 * @param profiles  profile names
 */
public record Account(long userId, String login, Long contactId, Set<String> profiles) {

    public Account {
        profiles = Set.copyOf(profiles);
    }

    public boolean isAdministrator() {
        return profiles.contains(Profile.ADMINISTRATOR);
    }

    /** iTop's {@code secure_rest_services}: the REST services need the "REST Services User" profile. */
    public boolean hasRestAccess() {
        return profiles.contains(Profile.REST_SERVICES_USER);
    }
}
