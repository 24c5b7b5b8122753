package tributary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Keeps the bytes of the url-encoded form fields POSTed to {@code import.php}: iTop decodes {@code csvdata} with the
 * request's {@code charset} parameter whichever way it is sent, and clients post Latin-1 files as form fields (the
 * servlet container, decoding every form as UTF-8, refused such a body whole). The form is read as ISO-8859-1, one
 * character per byte, so that nothing fails and every byte can be had back ({@link #bodyBytes}); the parameters are
 * then handed out decoded as UTF-8, as before. Query-string values are the container's, untouched.
 *
 * <p>Runs after Spring's character-encoding filter, which would force UTF-8, and before anything reads a parameter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class FormBytes extends OncePerRequestFilter {

    static final String PATH = "/webservices/import.php";

    /** The bytes of the last value of {@code name} in the POSTed form, or null when the request kept none. */
    public static byte[] bodyBytes(HttpServletRequest request, String name) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            if (current instanceof Latin1Form form) {
                return form.bodyBytes(name);
            }
            current = wrapper.getRequest();
        }
        return null;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equalsIgnoreCase(request.getMethod()) || !(request.getContextPath() + PATH).equals(request.getRequestURI())
                || type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setCharacterEncoding(StandardCharsets.ISO_8859_1.name());
        chain.doFilter(new Latin1Form(request), response);
    }

    /** A form read as ISO-8859-1 whose body values are handed out decoded as UTF-8. */
    private static final class Latin1Form extends HttpServletRequestWrapper {

        private Map<String, List<String>> queryValues;

        Latin1Form(HttpServletRequest request) {
            super(request);
        }

        byte[] bodyBytes(String name) {
            String[] all = super.getParameterValues(name);
            int query = fromQuery(name);
            return all == null || all.length <= query ? null : all[all.length - 1].getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String getParameter(String name) {
            String[] values = getParameterValues(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] all = super.getParameterValues(name);
            return all == null ? null : decoded(name, all);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> map = new LinkedHashMap<>();
            super.getParameterMap().forEach((name, values) -> map.put(name, decoded(name, values)));
            return Collections.unmodifiableMap(map);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        /** The container lists a name's query-string values first, then its body values. */
        private String[] decoded(String name, String[] all) {
            String[] values = all.clone();
            for (int i = fromQuery(name); i < values.length; i++) {
                values[i] = new String(values[i].getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            return values;
        }

        private int fromQuery(String name) {
            if (queryValues == null) {
                String query = getQueryString();
                MultiValueMap<String, String> parsed = query == null ? null
                        : UriComponentsBuilder.fromUriString("?" + query).build(true).getQueryParams();
                queryValues = parsed == null ? Map.of() : parsed;
            }
            return queryValues.getOrDefault(name, List.of()).size();
        }
    }
}
