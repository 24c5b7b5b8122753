package tributary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import tributary.rest.RestResult;

/**
 * A request refused before its page could run (too large, server busy), answered in the page's own format so that
 * its clients can read why: {@code rest.php} in JSON ({@code json_data} was not read: code 3), the other iTop pages
 * ({@code import.php}…) in text, as {@code ERROR: <reason>}. The HTTP status says the request failed.
 */
final class ErrorAnswers {

    private ErrorAnswers() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String reason)
            throws IOException {
        write(request, response, status, reason, null);
    }

    /** {@link #write} with a {@code Retry-After} header (seconds), when not null. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String reason,
                      Long retryAfterSeconds) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        // Also forgets whether the page had taken the writer (import.php does before it reads its parameters).
        response.reset();
        response.setStatus(status);
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        String body;
        if (request.getRequestURI().endsWith("/webservices/rest.php")) {
            response.setContentType("application/json");
            body = RestResult.error(RestResult.MISSING_JSON, "Error: " + reason).toJson().toString();
        } else {
            response.setContentType("text/plain;charset=UTF-8");
            body = "ERROR: " + reason + "\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
