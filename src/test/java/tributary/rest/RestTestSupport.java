package tributary.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.security.AccountService;
import tributary.test.IntegrationTestBase;

/**
 * Real HTTP calls to {@code /webservices/rest.php} of the running application, and the fixture of section 7: users
 * {@code rest} (REST Services User + Administrator) and {@code plain} (Administrator only), Organization Demo,
 * Person Claude Monet, at least five user requests, created once through the object service; per-test objects
 * (tickets T/T2, server S with dependants) are created fresh by each test that changes them.
 */
abstract class RestTestSupport extends IntegrationTestBase {

    static final String REST_USER = "rest";
    static final String REST_PASSWORD = "Rest-pwd1";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static boolean fixtureReady;
    static long demoOrg;
    static long monet;

    @Autowired
    ObjectService objects;
    @Autowired
    AccountService accounts;

    final WriteContext setup = WriteContext.of("fixture", null, true, WriteContext.ORIGIN_CLI, "rest test fixture");

    /** Section 7's fixture, created once per test JVM (the database is shared by the integration tests). */
    @org.junit.jupiter.api.BeforeEach
    void sharedFixture() {
        synchronized (RestTestSupport.class) {
            if (fixtureReady) {
                return;
            }
            user("rest", REST_PASSWORD, List.of("REST Services User", "Administrator"));
            user("plain", "Plain-pwd1", List.of("Administrator"));
            user("reader", "Reader-pwd1", List.of("REST Services User", "Reader"));
            user("cmanager", "Cmanager-pwd1", List.of("REST Services User", "Configuration Manager"));
            demoOrg = findOrCreate("Organization", Map.of("name", "Demo"), Map.of("name", "Demo", "code", "DEMO"));
            monet = findOrCreate("Person", Map.of("name", "Monet", "first_name", "Claude"),
                    Map.of("name", "Monet", "first_name", "Claude", "org_id", demoOrg, "email", "claude.monet@demo.com"));
            long restUser = accounts.account("rest").orElseThrow().userId();
            objects.update(setup, "UserLocal", restUser, Map.of("contactid", monet));
            for (int i = 0; i < 5; i++) {
                ticket("Fixture request " + i);
            }
            fixtureReady = true;
        }
    }

    private void user(String login, String password, List<String> profiles) {
        if (accounts.account(login).isEmpty()) {
            accounts.createUser(setup, login, password, profiles);
        }
    }

    private long findOrCreate(String className, Map<String, Object> criteria, Map<String, Object> values) {
        List<Long> ids = objects.find(className, criteria, 2);
        return ids.isEmpty() ? objects.create(setup, className, values).id() : ids.get(0);
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new UserRequest of Demo in state {@code new}, without team or agent. */
    long ticket(String title) {
        return objects.create(setup, "UserRequest", Map.of("org_id", demoOrg, "title", title,
                "description", "Fixture description")).id();
    }

    /** A new UserRequest in state {@code assigned} with an empty pending reason. */
    long assignedTicket(String title) {
        long team = objects.create(setup, "Team", Map.of("name", "Team " + title, "org_id", demoOrg)).id();
        long id = ticket(title);
        objects.applyStimulus(setup, "UserRequest", id, "ev_assign", Map.of("team_id", team, "agent_id", monet));
        return id;
    }

    // ---------------------------------------------------------------- HTTP

    /** A reply: HTTP status, content type and body. */
    record Reply(int status, String contentType, String allowOrigin, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** POST {@code ?version=1.3} with the rest user's credentials and this json_data. */
    JsonNode call(String jsonData) {
        return post("1.3", Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD, "json_data", jsonData)).json();
    }

    JsonNode call(Map<String, ?> jsonData) {
        return call(JSON.writeValueAsString(jsonData));
    }

    /** POST to rest.php with {@code version} in the query string (omitted when null) and a form body. */
    Reply post(String version, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri(version == null ? "" : "?version=" + encode(version)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    Reply get(String query) {
        return send(HttpRequest.newBuilder(uri("?" + query)).GET());
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Access-Control-Allow-Origin").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String suffix) {
        return URI.create(baseUrl() + "/webservices/rest.php" + suffix);
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
