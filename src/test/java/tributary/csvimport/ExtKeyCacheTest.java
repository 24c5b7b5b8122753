package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tributary.cmdb.ObjectService;

class ExtKeyCacheTest {

    private final ExtKeyCache cache = new ExtKeyCache();

    @Test
    void onlyFoundTargetsAreRemembered() {
        List<Object> tuple = ExtKeyCache.normalise(List.of("Demo"));
        cache.put(0, tuple, new ObjectService.Match(0, null));
        assertThat(cache.get(0, tuple)).isNull();

        cache.put(0, tuple, new ObjectService.Match(1, 7L));
        assertThat(cache.get(0, tuple)).isEqualTo(new ObjectService.Match(1, 7L));
        assertThat(cache.get(1, tuple)).isNull();
    }

    @Test
    void textIsComparedIgnoringCaseAndEmptyIsNull() {
        assertThat(ExtKeyCache.normalise(Arrays.asList("ÉTÉ", "", 3L, null))).containsExactly("été", null, 3L, null);
    }

    @Test
    void aNormalisedKeyIsAListLikeAnyOtherInSetsAndMaps() {
        List<Object> key = ExtKeyCache.normalise(Arrays.asList("Dupont", "", 3L));
        List<Object> same = ExtKeyCache.normalise(Arrays.asList("DUPONT", null, 3L));
        List<Object> plain = Arrays.asList("dupont", null, 3L);

        assertThat(key).isEqualTo(same).isEqualTo(plain).hasSameHashCodeAs(plain).hasSameHashCodeAs(same);
        assertThat(plain).isEqualTo(key);
        assertThat(new HashSet<>(List.of(plain))).contains(key, same);
        assertThat(new HashSet<>(List.of(key))).contains(plain);
        assertThat(key).isNotEqualTo(ExtKeyCache.normalise(Arrays.asList("Dupont", "", 4L)))
                .isNotEqualTo(ExtKeyCache.normalise(Arrays.asList("Dupond", "", 3L)))
                .isNotEqualTo(Arrays.asList("dupont", null));
    }

    @Test
    void samplesOfAClassTheRunFillsAreLoadedAgainWhileThereAreNone() {
        List<ExtKeyCache.Samples> answers = new ArrayList<>(List.of(new ExtKeyCache.Samples(0, List.of()),
                new ExtKeyCache.Samples(2, List.of("a", "b")), new ExtKeyCache.Samples(3, List.of("x", "y", "z"))));

        assertThat(cache.samples("manager_id", true, () -> answers.remove(0)).total()).isZero();
        assertThat(cache.samples("manager_id", true, () -> answers.remove(0)).values()).containsExactly("a", "b");
        // Found once, the samples stay: any object of the class is a fine example.
        assertThat(cache.samples("manager_id", true, () -> answers.remove(0)).values()).containsExactly("a", "b");
        assertThat(answers).hasSize(1);
    }

    @Test
    void samplesOfAnotherClassAreLoadedOnceEvenWhenThereAreNone() {
        List<ExtKeyCache.Samples> answers = new ArrayList<>(List.of(new ExtKeyCache.Samples(0, List.of()),
                new ExtKeyCache.Samples(1, List.of("a"))));

        assertThat(cache.samples("org_id", false, () -> answers.remove(0)).total()).isZero();
        assertThat(cache.samples("org_id", false, () -> answers.remove(0)).total()).isZero();
        assertThat(answers).hasSize(1);
    }
}
