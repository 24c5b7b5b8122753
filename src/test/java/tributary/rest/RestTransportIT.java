package tributary.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Transport, authentication and the processing order of rest.php (services.md section 7.1). */
class RestTransportIT extends RestTestSupport {

    private static final String LIST = "{\"operation\":\"list_operations\"}";

    private Map<String, String> restForm(String jsonData) {
        return Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD, "json_data", jsonData);
    }

    @Test
    void case1ListOperationsListsTheSevenCoreVerbsFirstWithHeadersAndKeyOrder() {
        Reply reply = post("1.3", restForm(LIST));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.allowOrigin()).isEqualTo("*");
        assertThat(reply.body()).startsWith("{\"code\":0,\"message\":\"Operations: 8\",\"version\":\"1.3\",\"operations\":[");
        JsonNode json = reply.json();
        List<String> verbs = json.get("operations").valueStream().map(op -> op.get("verb").asString()).toList();
        assertThat(verbs).containsExactly("core/create", "core/update", "core/apply_stimulus", "core/get", "core/delete",
                "core/get_related", "core/check_credentials", "tributary/job_status");
        for (JsonNode operation : json.get("operations")) {
            assertThat(operation.propertyNames()).containsExactly("verb", "description", "extension");
            assertThat(operation.get("extension").asString()).isEqualTo(
                    operation.get("verb").asString().startsWith("core/") ? "CoreServices" : "JobStatusServices");
        }
    }

    @Test
    void case4MissingJsonData() {
        Reply reply = post("1.3", Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"code\":3,\"message\":\"Error: Missing parameter 'json_data'\"}");
    }

    @Test
    void case5WrongPassword() {
        Reply reply = post("1.3", Map.of("auth_user", REST_USER, "auth_pwd", "wrong", "json_data", LIST));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"code\":1,\"message\":\"Error: Invalid login\"}");
    }

    @Test
    void noCredentialsAtAllIsAnInvalidLogin() {
        assertThat(post("1.3", Map.of("json_data", LIST)).body())
                .isEqualTo("{\"code\":1,\"message\":\"Error: Invalid login\"}");
    }

    @Test
    void case6AdministratorWithoutRestProfileIsRefused() {
        Reply reply = post("1.3", Map.of("auth_user", "plain", "auth_pwd", "Plain-pwd1", "json_data", LIST));
        assertThat(reply.body()).isEqualTo("{\"code\":1,\"message\":\"Error: This user is not authorized to use the web"
                + " services. (The profile REST Services User is required to access the REST web services)\"}");
    }

    @Test
    void case7MissingVersion() {
        assertThat(post(null, restForm(LIST)).body())
                .isEqualTo("{\"code\":2,\"message\":\"Error: Missing parameter 'version' (e.g. '1.0')\"}");
    }

    @Test
    void authenticationIsCheckedBeforeVersionAndJsonData() {
        assertThat(post(null, Map.of("auth_user", REST_USER, "auth_pwd", "wrong")).json().get("code").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad", "[]", "0", "null", "false", "\"\"", "{\"a\":1} trailing", " "})
    void case9InvalidOrNullLikeJson(String jsonData) {
        assertThat(post("1.3", restForm(jsonData)).body())
                .isEqualTo("{\"code\":4,\"message\":\"Error: Parameter json_data is not a valid JSON structure\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "[1]", "true", "\"abc\""})
    void jsonScalarsPassDecodingAndLackAnOperation(String jsonData) {
        assertThat(post("1.3", restForm(jsonData)).body())
                .isEqualTo("{\"code\":100,\"message\":\"Error: Missing parameter 'operation'\"}");
    }

    @Test
    void case10UnsupportedVersion() {
        assertThat(post("9.9", restForm(LIST)).body())
                .isEqualTo("{\"code\":10,\"message\":\"Error: There is no service available for version '9.9'\"}");
    }

    @Test
    void versionsAreComparedAsExactStrings() {
        assertThat(post("1.30", restForm(LIST)).json().get("code").asInt()).isEqualTo(10);
    }

    @Test
    void case11UnknownVerb() {
        assertThat(post("1.3", restForm("{\"operation\":\"core/foo\"}")).body())
                .isEqualTo("{\"code\":11,\"message\":\"Error: Unknown verb 'core\\/foo' in version '1.3'\"}");
    }

    @Test
    void case12EmptyObjectLacksOperation() {
        assertThat(post("1.3", restForm("{}")).body())
                .isEqualTo("{\"code\":100,\"message\":\"Error: Missing parameter 'operation'\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2", "1.3", "1.4"})
    void case15EveryVersionOffersTheSameOperationsAndShapes(String version) {
        JsonNode list = post(version, restForm(LIST)).json();
        assertThat(list.get("message").asString()).isEqualTo("Operations: 8");
        assertThat(list.get("version").asString()).isEqualTo(version);
        JsonNode get = post(version, restForm("{\"operation\":\"core/get\",\"class\":\"Organization\",\"key\":" + demoOrg
                + ",\"output_fields\":\"name\"}")).json();
        assertThat(get.get("objects").get("Organization::" + demoOrg).propertyNames())
                .containsExactly("code", "message", "class", "key", "fields");
        assertThat(get.get("objects").get("Organization::" + demoOrg).get("key").asString()).isEqualTo(Long.toString(demoOrg));
    }

    @Test
    void basicAuthenticationWithJsonDataInTheQueryStringOfAPost() {
        String basic = Base64.getEncoder().encodeToString((REST_USER + ":" + REST_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Reply reply = send(HttpRequest.newBuilder(uri("?version=1.3&json_data=" + encode(LIST)))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reply.json().get("message").asString()).isEqualTo("Operations: 8");
    }

    @Test
    void basicAuthenticationWithAWrongPasswordIsAnInvalidLoginInTheAnswer() {
        // As iTop: code 1 in a normal answer, not an HTTP 401 from the security layer.
        String basic = Base64.getEncoder().encodeToString((REST_USER + ":wrong").getBytes(StandardCharsets.UTF_8));
        Reply reply = send(HttpRequest.newBuilder(uri("?version=1.3&json_data=" + encode(LIST)))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"code\":1,\"message\":\"Error: Invalid login\"}");
    }

    @Test
    void formCredentialsAreReadFromThePostBodyOnly() {
        Reply reply = get("version=1.3&auth_user=rest&auth_pwd=Rest-pwd1&json_data=" + encode(LIST));
        assertThat(reply.body()).isEqualTo("{\"code\":1,\"message\":\"Error: Invalid login\"}");
    }

    @Test
    void getWithBasicAuthenticationAndJsonpCallback() {
        String basic = Base64.getEncoder().encodeToString((REST_USER + ":" + REST_PASSWORD).getBytes(StandardCharsets.UTF_8));
        Reply reply = send(HttpRequest.newBuilder(uri("?version=1.3&callback=my_cb&json_data=" + encode(LIST)))
                .header("Authorization", "Basic " + basic).GET());
        assertThat(reply.contentType()).startsWith("application/javascript");
        assertThat(reply.body()).startsWith("my_cb({\"code\":0,\"message\":\"Operations: 8\"").endsWith("});");
    }

    @Test
    void aCallbackWithForbiddenCharactersIsDroppedAndPlainJsonReturned() {
        Map<String, String> form = new java.util.HashMap<>(restForm(LIST));
        form.put("callback", "alert(1)//");
        Reply reply = post("1.3", form);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body()).startsWith("{\"code\":0");
    }

    @Test
    void jsonDataAsAnUploadedMultipartFile() {
        String boundary = "----tributary" + tag();
        String body = part(boundary, "auth_user", null, REST_USER) + part(boundary, "auth_pwd", null, REST_PASSWORD)
                + part(boundary, "json_data", "request.json", LIST) + "--" + boundary + "--\r\n";
        Reply reply = send(HttpRequest.newBuilder(uri("?version=1.3"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(reply.json().get("message").asString()).isEqualTo("Operations: 8");
    }

    private static String part(String boundary, String name, String filename, String content) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: application/json")
                + "\r\n\r\n" + content + "\r\n";
    }

    @Test
    void theBodyWinsOverTheQueryStringForTheSameParameter() {
        Reply reply = send(HttpRequest.newBuilder(uri("?version=9.9&json_data=" + encode("{}")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("version", "1.3", "json_data", LIST,
                        "auth_user", REST_USER, "auth_pwd", REST_PASSWORD)))));
        assertThat(reply.json().get("message").asString()).isEqualTo("Operations: 8");
    }

    @Test
    void outputIsEscapedAsPhpDoes() {
        JsonNode created = call(map("operation", "core/create", "comment", "c", "class", "Organization",
                "output_fields", "name", "fields", map("name", "Zoé/" + tag())));
        assertThat(created.get("code").asInt()).isZero();
        String body = post("1.3", restForm(JSON.writeValueAsString(map("operation", "core/get", "class", "Organization",
                "key", created.get("objects").properties().iterator().next().getValue().get("key").asString(),
                "output_fields", "name")))).body();
        assertThat(body).contains("Zo\\u00E9\\/").doesNotContain("é");
    }

    @Test
    void unknownKeysInJsonDataAreIgnored() {
        JsonNode json = call("{\"operation\":\"list_operations\",\"comment\":\"x\",\"output_fields\":\"*\"}");
        assertThat(json.get("code").asInt()).isZero();
    }
}
