package tributary.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.Issue;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ObjectValidationException;
import tributary.cmdb.WriteContext;

/**
 * User accounts (class {@code UserLocal}): authentication, creation, password changes. Accounts are CMDB objects,
 * read and written through the object service like any other.
 */
@Service
public class AccountService {

    /** Minimum password length accepted for new passwords. */
    public static final int MIN_PASSWORD_LENGTH = ObjectService.MIN_PASSWORD_LENGTH;
    static final String USER_CLASS = "UserLocal";

    private final ObjectService objects;
    private final PasswordEncoder passwords;
    /**
     * Verified credentials: login → (stored hash, keyed digest of the password). bcrypt costs tens of milliseconds,
     * too much for every REST call; a call whose password digest matches for the same stored hash skips it. A
     * password changed by any process changes the stored hash, so stale entries never match.
     */
    private final Map<String, VerifiedCredential> verified = new ConcurrentHashMap<>();
    private final byte[] digestKey = new byte[32];

    private record VerifiedCredential(String storedHash, byte[] digest) {
    }

    public AccountService(ObjectService objects, PasswordEncoder passwords) {
        this.objects = objects;
        this.passwords = passwords;
        new SecureRandom().nextBytes(digestKey);
    }

    /** The enabled account with this login and password, if any. */
    @Transactional(readOnly = true)
    public Optional<Account> authenticate(String login, String password) {
        if (login == null || login.isEmpty() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Optional<CmdbObject> user = findUser(login);
        if (user.isEmpty() || !"enabled".equals(user.get().getString("status"))) {
            return Optional.empty();
        }
        String storedHash = user.get().getString("password");
        if (storedHash == null || !passwordMatches(user.get().getString("login"), password, storedHash)) {
            return Optional.empty();
        }
        return Optional.of(toAccount(user.get()));
    }

    private boolean passwordMatches(String login, String password, String storedHash) {
        byte[] digest = digest(password);
        VerifiedCredential known = verified.get(login);
        if (known != null && known.storedHash().equals(storedHash) && MessageDigest.isEqual(known.digest(), digest)) {
            return true;
        }
        if (!passwords.matches(password, storedHash)) {
            return false;
        }
        verified.put(login, new VerifiedCredential(storedHash, digest));
        return true;
    }

    private byte[] digest(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digestKey, "HmacSHA256"));
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(readOnly = true)
    public Optional<Account> account(String login) {
        return findUser(login).map(this::toAccount);
    }

    private Optional<CmdbObject> findUser(String login) {
        List<Long> ids = objects.find(USER_CLASS, Map.of("login", login), 2);
        if (ids.size() != 1) {
            return Optional.empty();
        }
        return objects.getAll(USER_CLASS, ids, true).stream().findFirst();
    }

    private Account toAccount(CmdbObject user) {
        Set<String> profiles = user.links("profile_list").stream().map(link -> link.getString("profile"))
                .collect(Collectors.toSet());
        return new Account(user.id(), user.getString("login"), user.getLong("contactid"), profiles);
    }

    /** Creates a local account with the given profiles (built-in profile names). */
    @Transactional
    public Account createUser(WriteContext context, String login, String password, List<String> profileNames) {
        checkPassword(password);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("login", login);
        values.put("password", password);
        values.put("profile_list", profileLinks(profileNames));
        objects.create(context, USER_CLASS, values);
        return account(login).orElseThrow();
    }

    /** Changes the password of an existing account. */
    @Transactional
    public void changePassword(WriteContext context, String login, String password) {
        checkPassword(password);
        CmdbObject user = findUser(login).orElseThrow(() ->
                new ObjectValidationException(Issue.of("login", "Unknown user '" + login + "'")));
        objects.update(context, USER_CLASS, user.id(), Map.of("password", password));
    }

    /** Every account with its status and profiles, by login. */
    @Transactional(readOnly = true)
    public List<UserSummary> listUsers() {
        List<Long> ids = objects.find(USER_CLASS, Map.of(), Integer.MAX_VALUE);
        return objects.getAll(USER_CLASS, ids, true).stream()
                .map(user -> new UserSummary(user.id(), user.getString("login"), user.getString("status"),
                        user.links("profile_list").stream().map(l -> l.getString("profile")).sorted().toList()))
                .sorted((a, b) -> a.login().compareToIgnoreCase(b.login()))
                .toList();
    }

    /** One line of the account list. */
    public record UserSummary(long id, String login, String status, List<String> profiles) {
    }

    /** Ids of the URP_Profiles objects named, as link-set entries; unknown names are refused. */
    List<Map<String, Object>> profileLinks(List<String> profileNames) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (String name : profileNames) {
            Profile profile = Profile.builtIn(name.trim()).orElseThrow(() -> new ObjectValidationException(Issue.of(
                    "profile_list", "Unknown profile '" + name.trim() + "' (profiles: " + Profile.BUILT_IN.stream()
                            .map(Profile::name).collect(Collectors.joining(", ")) + ")")));
            List<Long> ids = objects.find("URP_Profiles", Map.of("name", profile.name()), 1);
            if (ids.isEmpty()) {
                throw new IllegalStateException("profile '" + profile.name() + "' is missing from the database");
            }
            links.add(Map.of("profileid", ids.get(0)));
        }
        return links;
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new ObjectValidationException(Issue.of("password", "The password must have at least "
                    + MIN_PASSWORD_LENGTH + " characters"));
        }
    }

    /** A random password of 20 characters that are easy to type. */
    static String randomPassword() {
        char[] alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return password.toString();
    }
}
