package tributary.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * iTop's login modes for the web-service pages: {@code form} (POSTed {@code auth_user}/{@code auth_pwd}, from the
 * request body only) and {@code basic} (an {@code Authorization: Basic} header), tried in that order.
 */
@Component
public class WebServiceAuthenticator {

    private final AccountService accounts;

    public WebServiceAuthenticator(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The result of a login attempt: the account, or whether credentials were given at all. */
    public record Login(Optional<Account> account, boolean credentialsGiven) {
    }

    public Login authenticate(HttpServletRequest request) {
        String user = bodyParameter(request, "auth_user");
        String password = bodyParameter(request, "auth_pwd");
        if (user != null) {
            return new Login(accounts.authenticate(user, password), true);
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return new Login(accounts.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)), true);
                }
            } catch (IllegalArgumentException e) {
                return new Login(Optional.empty(), true);
            }
        }
        return new Login(Optional.empty(), false);
    }

    /** A POSTed parameter, ignoring values that come only from the query string (iTop's form mode). */
    public static String bodyParameter(HttpServletRequest request, String name) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return null;
        }
        String[] values = request.getParameterValues(name);
        if (values == null || values.length == 0) {
            return null;
        }
        List<String> fromQuery = List.of();
        if (request.getQueryString() != null) {
            MultiValueMap<String, String> query = UriComponentsBuilder.fromUriString("?" + request.getQueryString())
                    .build(true).getQueryParams();
            fromQuery = query.getOrDefault(name, List.of());
        }
        // The servlet container lists query-string values first, then body values.
        return values.length > fromQuery.size() ? values[values.length - 1] : null;
    }
}
