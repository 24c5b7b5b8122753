package tributary.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tributary.security.WebServiceAuthenticator;

/**
 * {@code /webservices/rest.php}, GET and POST. Parameters come from the query string or the form body (the body
 * wins), {@code json_data} may also be an uploaded file. Always HTTP 200 with a JSON body (or JSON-P with
 * {@code callback}); output is escaped as PHP's encoder does ({@code \/}, {@code \}{@code uXXXX}).
 */
@Controller
class RestEndpoint {

    private static final Pattern CALLBACK = Pattern.compile("[ A-Za-z0-9_=-]+");
    private static final JsonMapper OUTPUT = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .build();

    private final RestDispatcher dispatcher;
    private final WebServiceAuthenticator authenticator;

    private final String maxJson;
    private final long maxJsonBytes;

    RestEndpoint(RestDispatcher dispatcher, WebServiceAuthenticator authenticator,
                 @Value("${server.tomcat.max-http-form-post-size:2MB}") String maxJson) {
        this.dispatcher = dispatcher;
        this.authenticator = authenticator;
        this.maxJson = maxJson;
        this.maxJsonBytes = DataSize.parse(maxJson).toBytes();
    }

    @RequestMapping(path = "/webservices/rest.php", method = {RequestMethod.GET, RequestMethod.POST})
    void rest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String version = parameter(request, "version");
        String jsonData = parameter(request, "json_data");
        WebServiceAuthenticator.Login login = authenticator.authenticate(request);
        RestResult result = null;
        // An uploaded json_data is read into memory only for an authenticated caller, and only up to the size of a form.
        if ((jsonData == null || jsonData.isEmpty()) && login.account().isPresent()
                && request instanceof MultipartHttpServletRequest multipart) {
            MultipartFile file = multipart.getFile("json_data");
            if (file != null && file.getSize() > maxJsonBytes) {
                result = RestResult.error(RestResult.MISSING_JSON, "Error: The json_data file is larger than this"
                        + " server takes (" + maxJson + ", server.tomcat.max-http-form-post-size)");
            } else if (file != null) {
                jsonData = new String(file.getBytes(), StandardCharsets.UTF_8);
            }
        }
        if (result == null) {
            result = dispatcher.process(new RestDispatcher.Request(version, jsonData, login));
        }
        String body = OUTPUT.writeValueAsString(result.toJson());
        String callback = parameter(request, "callback");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Access-Control-Allow-Origin", "*");
        if (callback != null && CALLBACK.matcher(callback).matches()) {
            response.setContentType("application/javascript");
            body = callback + "(" + body + ");";
        } else {
            response.setContentType("application/json");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A query or form parameter; when both give one, the form body's wins (PHP's $_REQUEST order). */
    private static String parameter(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null || values.length == 0 ? null : values[values.length - 1];
    }
}
