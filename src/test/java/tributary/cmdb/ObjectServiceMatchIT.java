package tributary.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tributary.test.IntegrationTestBase;

/** {@link ObjectService#matchAll}: many look-up tuples in a few statements, with find()'s comparison rules. */
class ObjectServiceMatchIT extends IntegrationTestBase {

    @Autowired
    ObjectService objects;

    @Test
    void countsMatchesPerTupleCaseInsensitivelyWithNullsAndIds() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "match " + tag);
        long org = objects.create(context, "Organization", Map.of("name", "Match " + tag)).id();
        long ada = objects.create(context, "Person", Map.of("first_name", "Ada", "name", "M-" + tag, "org_id", org)).id();
        objects.create(context, "Person", Map.of("first_name", "Bob", "name", "M-" + tag, "org_id", org, "email", "b@x.org"));
        objects.create(context, "Person", Map.of("first_name", "Bob", "name", "M-" + tag, "org_id", org, "email", "c@x.org"));

        List<ObjectService.Match> matches = objects.matchAll("Person", List.of("name", "first_name", "email"), List.of(
                Arrays.asList("m-" + tag, "ADA", null),        // 1, email null matches the empty email
                Arrays.asList("M-" + tag, "Ada", ""),          // same: "" is empty
                Arrays.asList("M-" + tag, "bob", "B@X.ORG"),   // 1
                Arrays.asList("M-" + tag, "nobody", null)));   // 0
        assertThat(matches).extracting(ObjectService.Match::count).containsExactly(1, 1, 1, 0);
        assertThat(matches.get(0).firstId()).isEqualTo(ada);
        assertThat(matches.get(3).firstId()).isNull();

        List<ObjectService.Match> byKey = objects.matchAll("Person", List.of("name", "org_id"),
                List.of(Arrays.asList("M-" + tag, (Object) org)));
        assertThat(byKey.get(0).count()).isEqualTo(3);

        List<ObjectService.Match> byId = objects.matchAll("Organization", List.of("id"),
                List.of(List.of((Object) org), List.of((Object) 999_999_999L)));
        assertThat(byId).extracting(ObjectService.Match::count).containsExactly(1, 0);
    }
}
