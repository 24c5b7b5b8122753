package tributary.cmdb.linkset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One link as written in the text syntax, before any check against the model. Values are raw text: attribute codes
 * are trimmed, values are kept as written (iTop does not trim them).
 *
 * @param values     attribute code → value ({@code profileid:10}, {@code reason:boss}); never {@code finalclass}
 * @param criteria   external key code → (attribute code of the key's target class → searched value), from
 *                   {@code profileid->name:Administrator}; several criteria of one key are AND-ed
 * @param finalClass the {@code finalclass} given, or null
 */
public record LinkSpec(Map<String, String> values, Map<String, Map<String, String>> criteria, String finalClass) {

    public LinkSpec {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        criteria.forEach((key, searched) -> copy.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(searched))));
        criteria = Collections.unmodifiableMap(copy);
    }
}
