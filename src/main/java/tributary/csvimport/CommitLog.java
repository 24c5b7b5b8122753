package tributary.csvimport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reconciliation keys each committed chunk of an import wrote, by chunk number: what tells whether a reconciliation
 * searched ahead of the writer ({@link BulkChange#prepare}) may have missed a chunk committed after it. A search that
 * started when {@link #published()} was {@code n} saw chunks 1..n; chunks after {@code n} may or may not have been
 * visible to it, so a key any of them wrote is searched again.
 *
 * <p>Shared by the writer (publishes after each commit) and the reader's thread (reads {@link #published()}).
 */
final class CommitLog {

    private final AtomicLong published = new AtomicLong();
    private final Map<Long, Set<List<Object>>> written = new ConcurrentSkipListMap<>();

    /** Number of the last chunk whose commit is over. */
    long published() {
        return published.get();
    }

    /** Records the normalised keys chunk {@code chunk} wrote; called once its transaction has committed. */
    void publish(long chunk, Set<List<Object>> keys) {
        written.put(chunk, keys);
        published.set(chunk);
    }

    /** Whether no chunk after {@code snapshot} wrote {@code normalisedKey}. */
    boolean untouchedSince(long snapshot, List<Object> normalisedKey) {
        for (Map.Entry<Long, Set<List<Object>>> entry : written.entrySet()) {
            if (entry.getKey() > snapshot && entry.getValue().contains(normalisedKey)) {
                return false;
            }
        }
        return true;
    }

    /** Forgets chunks up to {@code chunk}: no search still to be checked started before it was published. */
    void forgetUpTo(long chunk) {
        written.keySet().removeIf(number -> number <= chunk);
    }
}
