package tributary.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tributary.test.TributaryProcess;

/**
 * Request bodies the server will not take, or not yet, against the jar started with small limits: forms over 1 MB,
 * uploads over 3 MB, 600 KB of forms and 1 MB of uploads at once, a 2 s wait for room. Each page answers in its own
 * format.
 */
class RequestLimitsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "Limits-pwd1";

    @TempDir
    static Path work;
    static TributaryProcess serve;
    static int port;

    @BeforeAll
    static void serveWithSmallLimits() throws Exception {
        port = TributaryProcess.freePort();
        serve = TributaryProcess.start(work, Map.of("TRIBUTARY_ADMIN_PASSWORD", PASSWORD), "serve",
                "--server.port=" + port, "--tributary.home=" + work.resolve("home"),
                "--server.tomcat.max-http-form-post-size=1MB", "--spring.servlet.multipart.max-file-size=3MB",
                "--spring.servlet.multipart.max-request-size=4MB", "--tributary.http.form-memory=600KB",
                "--tributary.http.upload-disk=1MB", "--tributary.http.body-wait=2s");
        serve.awaitRunning(port, Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() throws Exception {
        Path imports = work.resolve("home").resolve("imports");
        // Multipart parts arrive under the home, in a directory of the process, removed when it stops.
        assertThat(imports).isDirectoryContaining(path -> path.getFileName().toString().startsWith("parts-"));
        serve.close();
        assertThat(imports).isDirectoryNotContaining(path -> path.getFileName().toString().startsWith("parts-"));
    }

    private static String form(int bytes) {
        String start = "version=1.3&auth_user=admin&auth_pwd=" + PASSWORD + "&class=Person&json_data=";
        return start + "a".repeat(bytes - start.length());
    }

    private static HttpResponse<String> postForm(String page, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webservices/" + page))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postMultipart(String page, String fileField, int fileBytes, boolean auth)
            throws Exception {
        String boundary = "----limits" + UUID.randomUUID();
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webservices/" + page))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(boundary, fileField, fileBytes, auth)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart body whose {@code fileField} file pads a list_operations call to about {@code fileBytes}. */
    private static byte[] multipartBody(String boundary, String fileField, int fileBytes, boolean auth) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = auth ? Map.of("version", "1.3", "class", "Person", "auth_user", "admin",
                "auth_pwd", PASSWORD) : Map.of("version", "1.3", "class", "Person");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"data\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("{\"operation\":\"list_operations\",\"pad\":\"" + "a".repeat(fileBytes) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    @Test
    void aFormOverTheLimitIsRefusedInThePagesFormat() throws Exception {
        String reason = "The form is larger than this server takes (1MB, server.tomcat.max-http-form-post-size):"
                + " send the data as a multipart file part (3MB per file)";

        HttpResponse<String> imported = postForm("import.php", form(1_500_000));
        HttpResponse<String> rest = postForm("rest.php", form(1_500_000));

        assertThat(imported.statusCode()).isEqualTo(413);
        assertThat(imported.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        assertThat(imported.body()).isEqualTo("ERROR: " + reason + "\n");
        assertThat(rest.statusCode()).isEqualTo(413);
        assertThat(rest.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(rest.body()).isEqualTo("{\"code\":3,\"message\":\"Error: " + reason + "\"}");
        assertThat(serve.stdout() + serve.stderr()).doesNotContain("InvalidParameterException");
    }

    @Test
    void anUploadOverTheLimitIsRefusedInThePagesFormat() throws Exception {
        String reason = "The upload is larger than this server takes (3MB per file,"
                + " spring.servlet.multipart.max-file-size; 4MB per request, spring.servlet.multipart.max-request-size)";

        HttpResponse<String> imported = postMultipart("import.php", "csvdata", 3_500_000, true);
        HttpResponse<String> rest = postMultipart("rest.php", "json_data", 3_500_000, true);

        assertThat(imported.statusCode()).isEqualTo(413);
        assertThat(imported.body()).isEqualTo("ERROR: " + reason + "\n");
        assertThat(rest.statusCode()).isEqualTo(413);
        assertThat(rest.body()).isEqualTo("{\"code\":3,\"message\":\"Error: " + reason + "\"}");
    }

    @Test
    void aMultipartBodyThatEndsEarlyIsRefusedInThePagesFormat() throws Exception {
        // What the server receives from a client that gave up in the middle of its upload: no closing boundary.
        String body = "--XYZ\r\nContent-Disposition: form-data; name=\"class\"\r\n\r\nPerson\r\n--XYZ\r\n"
                + "Content-Disposition: form-data; name=\"csvdata\"; filename=\"a.csv\"\r\n\r\nname\nAda\n";
        HttpRequest.Builder post = HttpRequest.newBuilder().header("Content-Type", "multipart/form-data; boundary=XYZ")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60));

        HttpResponse<String> imported = HTTP.send(post.uri(URI.create("http://127.0.0.1:" + port
                + "/webservices/import.php")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> rest = HTTP.send(post.uri(URI.create("http://127.0.0.1:" + port
                + "/webservices/rest.php")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(imported.statusCode()).isEqualTo(400);
        assertThat(imported.body()).isEqualTo("ERROR: The multipart body could not be read: Stream ended unexpectedly\n");
        assertThat(rest.statusCode()).isEqualTo(400);
        assertThat(rest.body()).isEqualTo("{\"code\":3,\"message\":\"Error: The multipart body could not be read:"
                + " Stream ended unexpectedly\"}");
        assertThat(serve.stdout() + serve.stderr()).doesNotContain("MultipartException");
    }

    @Test
    void anUploadedJsonDataIsReadOnlyForAnAuthenticatedCallerAndOnlyUpToTheSizeOfAForm() throws Exception {
        HttpResponse<String> small = postMultipart("rest.php", "json_data", 1000, true);
        HttpResponse<String> large = postMultipart("rest.php", "json_data", 2_000_000, true);
        HttpResponse<String> anonymous = postMultipart("rest.php", "json_data", 2_000_000, false);

        assertThat(small.body()).startsWith("{\"code\":0,\"message\":\"Operations: ");
        assertThat(large.statusCode()).isEqualTo(200);
        assertThat(large.body()).isEqualTo("{\"code\":3,\"message\":\"Error: The json_data file is larger than this"
                + " server takes (1MB, server.tomcat.max-http-form-post-size)\"}");
        assertThat(anonymous.body()).isEqualTo("{\"code\":1,\"message\":\"Error: Invalid login\"}");
    }

    /**
     * Sends {@code body} to rest.php on a raw socket but its last 100 bytes, as a slow client: the server holds the
     * room it reserved for the body meanwhile. Runs {@code meanwhile}, sends the rest, returns the held answer.
     */
    private static String whileABodyIsHeld(String contentType, byte[] body, ThrowingRunnable meanwhile) throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /webservices/rest.php HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length - 100);
            out.flush();
            meanwhile.run();
            out.write(body, body.length - 100, 100);
            out.flush();
            InputStream in = slow.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Posts with {@code send} until the answer is not 200: until the server has taken the held body's reservation. */
    private static HttpResponse<String> firstRefusal(java.util.concurrent.Callable<HttpResponse<String>> send) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            answer.set(send.call());
            return answer.get().statusCode() != 200;
        });
        return answer.get();
    }

    @Test
    void largeFormsBeyondTheFormMemoryWaitTheirTurnThenAreAnsweredBusy() throws Exception {
        String held = whileABodyIsHeld("application/x-www-form-urlencoded",
                form(500_000).getBytes(StandardCharsets.US_ASCII), () -> {
            HttpResponse<String> busy = firstRefusal(() -> postForm("import.php", form(500_000)));
            HttpResponse<String> smallMeanwhile = postForm("rest.php", "version=1.3&auth_user=admin&auth_pwd="
                    + PASSWORD + "&json_data={\"operation\":\"list_operations\"}");

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(busy.body()).isEqualTo("ERROR: The server is busy receiving other large forms; send the"
                    + " request again later, or send the data as a multipart file part, which does not wait\n");
            assertThat(smallMeanwhile.body()).as("small forms do not wait").startsWith("{\"code\":0,\"message\":\"Operations: ");
        });

        assertThat(held).startsWith("HTTP/1.1 200").contains("{\"code\":4,\"message\":\"Error: Parameter"
                + " json_data is not a valid JSON structure\"}");
        HttpResponse<String> later = postForm("rest.php", form(500_000));
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).isEqualTo("{\"code\":4,\"message\":\"Error: Parameter json_data is not a valid JSON"
                + " structure\"}");
    }

    @Test
    void largeUploadsBeyondTheUploadRoomWaitTheirTurnThenAreAnsweredBusy() throws Exception {
        String boundary = "----held" + UUID.randomUUID();
        String held = whileABodyIsHeld("multipart/form-data; boundary=" + boundary, multipartBody(boundary, "json_data", 600_000, true), () -> {
            HttpResponse<String> busy = firstRefusal(() -> postMultipart("rest.php", "json_data", 600_000, true));
            HttpResponse<String> smallMeanwhile = postMultipart("rest.php", "json_data", 1000, true);

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(busy.body()).isEqualTo("{\"code\":3,\"message\":\"Error: The server is busy receiving other large"
                    + " uploads; send the request again later\"}");
            assertThat(smallMeanwhile.body()).as("small uploads do not wait").startsWith("{\"code\":0,\"message\":\"Operations: ");
        });

        assertThat(held).startsWith("HTTP/1.1 200").contains("{\"code\":0,\"message\":\"Operations: ");
        assertThat(postMultipart("rest.php", "json_data", 600_000, true).body()).startsWith("{\"code\":0,\"message\":\"Operations: ");
    }
}
