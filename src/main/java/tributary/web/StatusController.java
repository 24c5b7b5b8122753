package tributary.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** iTop's health page: no authentication, JSON, answers RUNNING when the database answers. */
@RestController
class StatusController {

    private final JdbcTemplate jdbc;

    StatusController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(value = "/webservices/status.php", produces = "application/json")
    Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            jdbc.queryForObject("select 1", Integer.class);
            body.put("status", "RUNNING");
            body.put("code", 0);
            body.put("message", "");
        } catch (RuntimeException e) {
            body.put("status", "ERROR");
            body.put("code", 1);
            body.put("message", "Database unavailable");
        }
        return body;
    }
}
