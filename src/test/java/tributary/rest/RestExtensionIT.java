package tributary.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Providers of REST verbs collected from the Spring context (section 1.12), with a provider of the tests. */
class RestExtensionIT extends RestTestSupport {

    @Autowired
    TestRestProvider provider;

    private Reply post(String version, String jsonData) {
        return post(version, Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD, "json_data", jsonData));
    }

    @Test
    void aVersionOfferedOnlyByTheExtensionListsItsVerbsWithItsName() {
        JsonNode json = post(TestRestProvider.OWN_VERSION, "{\"operation\":\"list_operations\"}").json();
        assertThat(json.get("message").asString()).isEqualTo("Operations: 2");
        assertThat(json.get("operations").valueStream().map(op -> op.get("verb").asString() + "@"
                + op.get("extension").asString()).toList())
                .containsExactly("test/echo@TestRestProvider", "test/fail@TestRestProvider");
    }

    @Test
    void theExtensionRunsItsVerbsAndCoreVerbsAreUnknownInItsVersion() {
        JsonNode echo = post(TestRestProvider.OWN_VERSION, "{\"operation\":\"test/echo\",\"value\":[1,\"a\"]}").json();
        assertThat(echo.toString()).isEqualTo("{\"code\":0,\"message\":\"echo\",\"login\":\"rest\",\"value\":[1,\"a\"],"
                + "\"version\":\"2.0-test\"}");
        assertThat(post(TestRestProvider.OWN_VERSION, "{\"operation\":\"core/get\"}").body())
                .isEqualTo("{\"code\":11,\"message\":\"Error: Unknown verb 'core\\/get' in version '2.0-test'\"}");
    }

    @Test
    void exceptionsKeepTheirCodeAndCodeZeroBecomes100() {
        assertThat(post(TestRestProvider.OWN_VERSION, "{\"operation\":\"test/fail\",\"code\":42}").body())
                .isEqualTo("{\"code\":42,\"message\":\"Error: failing as asked\"}");
        assertThat(post(TestRestProvider.OWN_VERSION, "{\"operation\":\"test/fail\",\"code\":0}").body())
                .isEqualTo("{\"code\":100,\"message\":\"Error: failing as asked\"}");
    }

    @Test
    void extensionVerbsFollowTheSevenCoreVerbsAndTributarysOwn() {
        provider.enableFor("1.3");
        try {
            JsonNode json = post("1.3", "{\"operation\":\"list_operations\"}").json();
            assertThat(json.get("message").asString()).isEqualTo("Operations: 10");
            List<String> verbs = json.get("operations").valueStream().map(op -> op.get("verb").asString()).toList();
            assertThat(verbs.subList(0, 7)).allMatch(verb -> verb.startsWith("core/"));
            assertThat(verbs.subList(7, 10)).containsExactly("tributary/job_status", "test/echo", "test/fail");
            assertThat(post("1.3", "{\"operation\":\"test/echo\",\"value\":1}").json().get("value").asInt()).isEqualTo(1);
        } finally {
            provider.disableFor("1.3");
        }
        assertThat(post("1.3", "{\"operation\":\"list_operations\"}").json().get("message").asString())
                .isEqualTo("Operations: 8");
    }
}
