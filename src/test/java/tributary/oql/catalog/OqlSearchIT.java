package tributary.oql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tributary.cmdb.ObjectService;
import tributary.cmdb.WriteContext;
import tributary.test.IntegrationTestBase;
import tributary.test.StatementCounter;

/** Searches of computed fields (friendly names, external fields) for many values at once, on a real PostgreSQL. */
class OqlSearchIT extends IntegrationTestBase {

    @Autowired
    OqlSearch oql;
    @Autowired
    ObjectService objects;
    @Autowired
    Jdbi jdbi;

    String tag;
    long acme;
    long other;

    @BeforeEach
    void givenPersons() {
        tag = UUID.randomUUID().toString().substring(0, 8);
        WriteContext context = WriteContext.of("tester", null, true, WriteContext.ORIGIN_CLI, "search " + tag);
        acme = objects.create(context, "Organization", Map.of("name", "Acme-" + tag)).id();
        other = objects.create(context, "Organization", Map.of("name", "Other-" + tag)).id();
        for (int i = 0; i < 300; i++) {
            objects.create(context, "Person", Map.of("first_name", "P" + i, "name", "N-" + tag, "org_id", acme));
        }
        objects.create(context, "Person", Map.of("first_name", "P7", "name", "N-" + tag, "org_id", other));
    }

    @Test
    void eachTupleGetsItsCountAndSmallestIdAsItsOwnQueryWould() {
        List<List<Object>> tuples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tuples.add(List.of("p" + i + " n-" + tag)); // case ignored, as OQL's '=' on text
        }
        tuples.add(Arrays.asList((Object) null));
        tuples.add(List.of("Nobody " + tag));

        List<ObjectService.Match> matches = statements(() -> oql.matchAll("Person", List.of("friendlyname"), tuples),
                1);

        for (int i = 0; i < tuples.size(); i++) {
            assertThat(matches.get(i)).as("tuple %s", tuples.get(i)).isEqualTo(alone(List.of("friendlyname"), tuples.get(i)));
        }
        assertThat(matches.get(7).count()).isEqualTo(2); // P7 at Acme and at Other
        assertThat(matches.get(8).count()).isEqualTo(1);
        assertThat(matches.get(300).count()).isZero();
        assertThat(matches.get(301)).isEqualTo(new ObjectService.Match(0, null));
    }

    @Test
    void severalFieldsAreMatchedTogether() {
        List<String> codes = List.of("friendlyname", "org_name");
        List<List<Object>> tuples = List.of(List.of("P7 N-" + tag, "acme-" + tag), List.of("P7 N-" + tag, "Other-" + tag),
                List.of("P8 N-" + tag, "Other-" + tag));

        List<ObjectService.Match> matches = oql.matchAll("Person", codes, tuples);

        assertThat(matches).extracting(ObjectService.Match::count).containsExactly(1, 1, 0);
        for (int i = 0; i < tuples.size(); i++) {
            assertThat(matches.get(i)).isEqualTo(alone(codes, tuples.get(i)));
        }
    }

    /** What one OQL query finds for {@code tuple}. */
    private ObjectService.Match alone(List<String> codes, List<Object> tuple) {
        StringBuilder query = new StringBuilder("SELECT Person WHERE name = :name");
        Map<String, Object> arguments = new java.util.HashMap<>(Map.of("name", "N-" + tag));
        for (int i = 0; i < codes.size(); i++) {
            if (tuple.get(i) == null) {
                query.append(" AND ISNULL(").append(codes.get(i)).append(')');
            } else {
                query.append(" AND ").append(codes.get(i)).append(" = :v").append(i);
                arguments.put("v" + i, tuple.get(i));
            }
        }
        var compiled = oql.compile(query.toString(), arguments, OqlSearch.Caller.NOBODY);
        List<OqlSearch.Found> found = oql.fetch(compiled, 0, 0);
        return new ObjectService.Match(found.size(), found.isEmpty() ? null : found.get(0).id());
    }

    /** Runs {@code search}, checking that it ran at most {@code joined} statements besides the per-tuple fallbacks. */
    private <T> T statements(java.util.function.Supplier<T> search, int joined) {
        AtomicLong count = new AtomicLong();
        T result = StatementCounter.counting(jdbi, count, search);
        // the one tuple with a null value is searched alone, with a count and a fetch
        assertThat(count.get()).as("statements for 302 tuples").isLessThanOrEqualTo(joined + 2);
        return result;
    }
}
