package tributary.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code tributary/job_status}: the job executions of CSV imports, read over rest.php. */
class JobStatusServicesIT extends RestTestSupport {

    private long importOneOrganization(String name) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/webservices/import.php"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("auth_user", REST_USER, "auth_pwd", REST_PASSWORD,
                        "class", "Organization", "no_localize", "1", "output", "retcode", "csvdata", "name\n" + name)))));
        assertThat(reply.body().trim()).isEqualTo("0");
        return objects.find("Organization", Map.of("name", name), 1).get(0);
    }

    @Test
    void latestExecutionsOfAJobAndOneExecutionByIdGiveStatusAndCounts() {
        importOneOrganization("Job status " + tag());

        JsonNode latest = call(map("operation", "tributary/job_status", "job_name", "csv_import", "limit", 1));

        assertThat(latest.get("code").asInt()).isZero();
        assertThat(latest.get("message").asString()).isEqualTo("Found: 1");
        JsonNode job = latest.get("jobs").get(0);
        assertThat(job.get("name").asString()).isEqualTo("csv_import");
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("start_time").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(job.get("steps").get(0).get("read").asLong()).isEqualTo(1);

        JsonNode byId = call(map("operation", "tributary/job_status", "job_execution_id", job.get("id").asString()));
        assertThat(byId.get("jobs").get(0)).isEqualTo(job);
    }

    @Test
    void unknownExecutionAndMissingParametersAreErrors() {
        assertThat(call(map("operation", "tributary/job_status", "job_execution_id", 987654321)).toString())
                .isEqualTo("{\"code\":100,\"message\":\"Error: Invalid job execution 987654321\"}");
        assertThat(call(map("operation", "tributary/job_status")).get("message").asString())
                .isEqualTo("Error: Missing parameter 'job_execution_id' (or 'job_name')");
    }

    @Test
    void onlyAdministratorsReadJobExecutions() {
        JsonNode json = post("1.3", Map.of("auth_user", "reader", "auth_pwd", "Reader-pwd1",
                "json_data", "{\"operation\":\"tributary/job_status\",\"job_name\":\"csv_import\"}")).json();
        assertThat(json.get("code").asInt()).isEqualTo(1);
        assertThat(json.get("message").asString())
                .isEqualTo("The current user does not have enough permissions for reading job executions");
    }
}
