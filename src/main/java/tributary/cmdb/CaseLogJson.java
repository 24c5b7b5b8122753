package tributary.cmdb;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Case logs are stored as a JSON array of entries in a {@code jsonb} column. */
final class CaseLogJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CaseLogJson() {
    }

    static String write(CaseLog log) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (CaseLog.Entry entry : log.entries()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("date", ValueConverter.DATETIME.format(entry.date()));
            item.put("user_login", entry.userLogin());
            item.put("user_id", entry.userId());
            item.put("message_html", entry.messageHtml());
            entries.add(item);
        }
        return JSON.writeValueAsString(entries);
    }

    static CaseLog read(String json) {
        if (json == null) {
            return CaseLog.empty();
        }
        List<CaseLog.Entry> entries = new ArrayList<>();
        for (JsonNode item : JSON.readTree(json)) {
            entries.add(new CaseLog.Entry(LocalDateTime.parse(item.get("date").asString(), ValueConverter.DATETIME),
                    item.get("user_login").asString(), item.get("user_id").asLong(), item.get("message_html").asString()));
        }
        return new CaseLog(entries);
    }
}
