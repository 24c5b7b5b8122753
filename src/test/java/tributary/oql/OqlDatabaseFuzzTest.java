package tributary.oql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated valid queries that still compile are run on PostgreSQL: the SQL must be accepted (the one
 * tolerated failure is a REGEXP pattern PostgreSQL rejects after Java's pre-check let it through), and the
 * data must be intact afterwards, whatever the input.
 */
class OqlDatabaseFuzzTest {

    @Test
    void everyCompiledMutationRunsAndLeavesTheDataIntact() throws SQLException {
        Random random = new Random(7L);
        OqlCompiler compiler = new OqlCompiler(TestCatalog.INSTANCE);
        List<String> seeds = OqlSamples.valid();
        List<String> failures = new ArrayList<>();
        int executed = 0;
        long contacts = TestDatabase.scalar("SELECT count(*) FROM cmdb.contact", List.of());
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            for (int i = 0; i < 12000; i++) {
                String oql = i % 3 == 0 ? OqlFuzzTest.soup(random, 1 + random.nextInt(12))
                    : OqlFuzzTest.mutate(random, seeds.get(random.nextInt(seeds.size())));
                CompiledQuery query;
                try {
                    query = compiler.compile(oql, OqlFuzzTest.ARGUMENTS);
                } catch (OqlException rejected) {
                    continue;
                }
                executed++;
                try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                    for (int p = 0; p < query.parameters().size(); p++) {
                        statement.setObject(p + 1, query.parameters().get(p));
                    }
                    statement.setQueryTimeout(10);
                    statement.executeQuery().close();
                } catch (SQLException e) {
                    if (e.getMessage().contains("invalid regular expression")) {
                        // Java's pre-check of REGEXP patterns is close to PostgreSQL's, not identical
                        continue;
                    }
                    failures.add(oql + "\n   -> " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        assertThat(executed).isGreaterThan(250);
        assertThat(failures).isEmpty();
        assertThat(TestDatabase.scalar("SELECT count(*) FROM cmdb.contact", List.of())).isEqualTo(contacts);
    }
}
