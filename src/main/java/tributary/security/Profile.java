package tributary.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in profiles and their rights per class category ({@code bizmodel}, {@code structure},
 * {@code authentication}). Rights of several profiles add up.
 *
 * @param name        profile name, as in iTop
 * @param description what it is for
 * @param rights      actions allowed per category
 */
public record Profile(String name, String description, Map<String, Set<Action>> rights) {

    public static final String ADMINISTRATOR = "Administrator";
    public static final String REST_SERVICES_USER = "REST Services User";
    public static final String CONFIGURATION_MANAGER = "Configuration Manager";
    public static final String READER = "Reader";

    private static final Set<Action> ALL = EnumSet.allOf(Action.class);
    private static final Set<Action> READ_ONLY = EnumSet.of(Action.READ, Action.BULK_READ);

    public static final List<Profile> BUILT_IN = List.of(
            new Profile(ADMINISTRATOR, "Has all rights, on every class, including accounts",
                    Map.of("bizmodel", ALL, "structure", ALL, "authentication", ALL, "history", READ_ONLY)),
            new Profile(REST_SERVICES_USER, "May use the REST/JSON web services (gives no data rights by itself)",
                    Map.of()),
            new Profile(CONFIGURATION_MANAGER, "Maintains the CMDB: reads, writes and deletes configuration items,"
                    + " contacts, organizations and locations", Map.of("bizmodel", ALL, "structure", ALL, "history", READ_ONLY)),
            new Profile(READER, "Reads and exports the CMDB", Map.of("bizmodel", READ_ONLY, "structure", READ_ONLY,
                    "history", READ_ONLY)));

    public static Optional<Profile> builtIn(String name) {
        return BUILT_IN.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }

    public boolean allows(String category, Action action) {
        return rights.getOrDefault(category, Set.of()).contains(action.grantedBy());
    }
}
