package tributary.cmdb.linkset;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tributary.cmdb.ObjectService;
import tributary.util.UnicodeText;

/**
 * Searches of link external keys remembered for one run (one import, one synchronization): the outcome per target
 * class, searched attributes and values, text compared case-insensitively as the database does. Only searches that
 * found something are remembered, so an object created later in the run is still found. Bounded in size; not
 * thread-safe: one instance per run.
 */
public final class LinkCriteriaCache {

    private static final int MAX_ENTRIES = 100_000;

    /** One search: the target class, its searched attributes and their (normalised) values. */
    record Key(String className, List<String> attributes, List<Object> values) {
    }

    private final Map<Key, ObjectService.Match> matches = new HashMap<>();

    ObjectService.Match get(Key key) {
        return matches.get(key);
    }

    void put(Key key, ObjectService.Match match) {
        if (match.count() == 0) {
            return;
        }
        if (matches.size() >= MAX_ENTRIES) {
            matches.clear();
        }
        matches.put(key, match);
    }

    int size() {
        return matches.size();
    }

    static Key key(String className, List<String> attributes, List<Object> values) {
        return new Key(className, attributes, values.stream()
                .map(v -> v instanceof String s ? (s.isEmpty() ? null : UnicodeText.lower(s)) : v).toList());
    }
}
