package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommitLogTest {

    private static List<Object> key(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void aKeyIsTouchedOnlyByChunksPublishedAfterTheSearch() {
        CommitLog log = new CommitLog();
        log.publish(1, Set.of(key("ada", "lovelace")));
        long snapshot = log.published();
        log.publish(2, Set.of(key("alan", "turing")));
        log.publish(3, Set.of(key("grace", null)));

        assertThat(snapshot).isEqualTo(1);
        assertThat(log.published()).isEqualTo(3);
        assertThat(log.untouchedSince(snapshot, key("ada", "lovelace"))).as("seen by the search").isTrue();
        assertThat(log.untouchedSince(snapshot, key("alan", "turing"))).isFalse();
        assertThat(log.untouchedSince(snapshot, key("grace", null))).isFalse();
        assertThat(log.untouchedSince(2, key("alan", "turing"))).isTrue();
        assertThat(log.untouchedSince(0, key("ada", "lovelace"))).isFalse();
    }

    @Test
    void forgottenChunksNoLongerTouchAnything() {
        CommitLog log = new CommitLog();
        log.publish(1, Set.of(key("ada")));
        log.publish(2, Set.of(key("alan")));

        log.forgetUpTo(1);

        assertThat(log.untouchedSince(0, key("ada"))).isTrue();
        assertThat(log.untouchedSince(0, key("alan"))).isFalse();
        assertThat(log.published()).isEqualTo(2);
    }
}
