package tributary.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tributary.security.Account;

/** {@code GET /api/me}: who the caller is (HTTP Basic); a simple way to check credentials. */
@RestController
class AccountController {

    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal Account account) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", account.userId());
        body.put("login", account.login());
        body.put("profiles", account.profiles().stream().sorted().toList());
        return body;
    }
}
