package tributary.csvimport;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tributary.cmdb.ObjectService;
import tributary.util.UnicodeText;

/**
 * External-key searches remembered for the whole run (services.md §2.7 step 2): the result per key and value tuple,
 * and up to 3 sample values per key for the "no match" message. Only found targets are remembered, so that an object
 * created later in the run (a parent organization, say) is found by the rows after it; keys into the imported class
 * itself are not remembered at all (a later row may change what they find). Bounded in size.
 */
final class ExtKeyCache {

    /** Samples of a target class: how many objects exist (capped at 4) and up to 3 of them. */
    record Samples(int total, List<String> values) {
    }

    private static final int MAX_ENTRIES = 200_000;

    private final Map<Integer, Map<List<Object>, ObjectService.Match>> matches = new HashMap<>();
    private final Map<String, Samples> samples = new ConcurrentHashMap<>();
    private int size;

    ObjectService.Match get(int key, List<Object> normalisedTuple) {
        Map<List<Object>, ObjectService.Match> byTuple = matches.get(key);
        return byTuple == null ? null : byTuple.get(normalisedTuple);
    }

    void put(int key, List<Object> normalisedTuple, ObjectService.Match match) {
        if (match.count() == 0) {
            return;
        }
        if (size >= MAX_ENTRIES) {
            matches.clear();
            size = 0;
        }
        if (matches.computeIfAbsent(key, k -> new HashMap<>()).put(normalisedTuple, match) == null) {
            size++;
        }
    }

    /**
     * The samples of a key, loaded once; when {@code mayGrow} (a key into the imported class, which the run fills) an
     * answer of no object at all is loaded again next time. Called from the reader's and the writer's threads.
     */
    Samples samples(String keyCode, boolean mayGrow, Supplier<Samples> loader) {
        Samples known = samples.get(keyCode);
        if (known != null) {
            return known;
        }
        Samples loaded = loader.get();
        if (!mayGrow || loaded.total() > 0) {
            samples.putIfAbsent(keyCode, loaded);
        }
        return loaded;
    }

    /** Text compared case-insensitively, as the database does. */
    static List<Object> normalise(List<Object> tuple) {
        Object[] normal = new Object[tuple.size()];
        for (int i = 0; i < normal.length; i++) {
            Object value = tuple.get(i);
            normal[i] = value instanceof String text ? (text.isEmpty() ? null : UnicodeText.lower(text)) : value;
        }
        return new NormalisedKey(normal);
    }

    /**
     * A normalised tuple, an immutable list that computes its hash once: an import looks each row's key up in several
     * sets (keys seen in the chunk, keys each later chunk wrote, keys written), and hashing the values again each time
     * was a tenth of the writer's own work on a creation.
     */
    private static final class NormalisedKey extends AbstractList<Object> implements RandomAccess {
        private final Object[] values;
        private final int hash;

        NormalisedKey(Object[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values); // List.hashCode()'s formula
        }

        @Override
        public Object get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other instanceof NormalisedKey key) {
                return hash == key.hash && Arrays.equals(values, key.values);
            }
            return super.equals(other);
        }
    }
}
