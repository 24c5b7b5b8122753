package tributary.cmdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An object read from the CMDB: its final class, id, and values by attribute code. Stored values are typed
 * (String, Long, BigDecimal, Boolean, LocalDate, LocalDateTime, {@link CaseLog}); external keys are Long or null;
 * computed values (external fields, friendly names) are included; link sets only when asked for, as lists of
 * link objects.
 */
public record CmdbObject(String className, long id, Map<String, Object> values) {

    public CmdbObject {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Object get(String attribute) {
        return values.get(attribute);
    }

    public String getString(String attribute) {
        Object value = values.get(attribute);
        return value == null ? null : value.toString();
    }

    public Long getLong(String attribute) {
        Object value = values.get(attribute);
        return value == null ? null : ((Number) value).longValue();
    }

    @SuppressWarnings("unchecked")
    public List<CmdbObject> links(String attribute) {
        Object value = values.get(attribute);
        return value == null ? List.of() : (List<CmdbObject>) value;
    }

    public String friendlyName() {
        return getString("friendlyname");
    }

    public String ref() {
        return className + "::" + id;
    }
}
