package tributary.cmdb.linkset;

import java.util.List;
import java.util.Map;

/**
 * The outcome of resolving one link-set text: either the links, in the shape {@link tributary.cmdb.ObjectService}
 * writes (one map of attribute values per link, external keys as {@code Long} ids, {@code finalclass} when given,
 * never the key back to the host), or the reason the whole value is refused, in iTop's wording. The CSV import
 * reports a refusal as {@code Failed to process input: <error>}.
 *
 * @param links the links, or null when refused
 * @param error the reason of the refusal, or null
 */
public record ResolvedLinkSet(List<Map<String, Object>> links, String error) {

    public ResolvedLinkSet {
        if ((links == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of links and error is expected");
        }
        links = links == null ? null : List.copyOf(links);
    }

    public static ResolvedLinkSet of(List<Map<String, Object>> links) {
        return new ResolvedLinkSet(links, null);
    }

    public static ResolvedLinkSet failed(String error) {
        return new ResolvedLinkSet(null, error);
    }

    public boolean ok() {
        return error == null;
    }
}
