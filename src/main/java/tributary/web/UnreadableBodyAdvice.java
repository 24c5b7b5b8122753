package tributary.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Requests whose body the server will not take: a url-encoded form over {@code server.tomcat.max-http-form-post-size},
 * a multipart upload over {@code spring.servlet.multipart.max-file-size} or {@code max-request-size}, a multipart body
 * that is malformed or ends early. Without this the client got Spring's JSON error page (import.php answers text), an
 * empty answer or an HTTP 500, and the log a stack trace.
 */
@ControllerAdvice
class UnreadableBodyAdvice {

    private static final Logger log = LoggerFactory.getLogger(UnreadableBodyAdvice.class);

    private final String formLimit;
    private final String fileLimit;
    private final String requestLimit;

    UnreadableBodyAdvice(@Value("${server.tomcat.max-http-form-post-size:2MB}") String formLimit,
                           @Value("${spring.servlet.multipart.max-file-size:1MB}") String fileLimit,
                           @Value("${spring.servlet.multipart.max-request-size:10MB}") String requestLimit) {
        this.formLimit = formLimit;
        this.fileLimit = fileLimit;
        this.requestLimit = requestLimit;
    }

    @ExceptionHandler(InvalidParameterException.class)
    void unreadableForm(InvalidParameterException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String reason;
        if (e.getErrorCode() == HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE) {
            reason = "The form is larger than this server takes (" + formLimit + ", server.tomcat.max-http-form-post-size):"
                    + " send the data as a multipart file part (" + fileLimit + " per file)";
        } else {
            reason = "The request parameters could not be read: " + e.getMessage();
        }
        refuse(request, response, e.getErrorCode() > 0 ? e.getErrorCode() : HttpServletResponse.SC_BAD_REQUEST, reason);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    void uploadTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "The upload is larger than this"
                + " server takes (" + fileLimit + " per file, spring.servlet.multipart.max-file-size; " + requestLimit
                + " per request, spring.servlet.multipart.max-request-size)");
    }

    /** A multipart body that ends early (the client gave up) or is malformed. */
    @ExceptionHandler(MultipartException.class)
    void unreadableUpload(MultipartException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, "The multipart body could not be read: "
                + String.valueOf(cause.getMessage()).replaceAll("\\s+", " ").trim());
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String reason)
            throws IOException {
        log.warn("Refused a request to {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(), reason);
        ErrorAnswers.write(request, response, status, reason);
    }
}
