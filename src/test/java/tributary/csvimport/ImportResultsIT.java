package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import tributary.test.TestPostgres;

/** The rows' outcomes of an import, as {@link ImportResults} stores them and prints them back. */
class ImportResultsIT {

    @Test
    void aDetailsReportIsPrintedInRowOrderWithoutHoldingATransactionWhileTheReaderTakesIt() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.newDatabase());
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas("public").load().migrate();
        Jdbi jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
        ImportResults results = new ImportResults(jdbi);
        // 11 chunks of 3 rows, stored out of order: more than a few chunks are read per statement.
        List<String> expected = new ArrayList<>();
        for (int chunk = 10; chunk >= 0; chunk--) {
            List<RowOutcome> outcomes = new ArrayList<>();
            for (int row = chunk * 3; row < chunk * 3 + 3; row++) {
                outcomes.add(new RowOutcome(row, RowOutcome.Kind.CREATED, "created", "Person", 100L + row, null,
                        List.of("Ada " + row)));
            }
            results.insert(42, outcomes, true);
        }
        for (int row = 0; row < 33; row++) {
            expected.add(row + ";created;Person;" + (100 + row) + ";Ada " + row);
        }

        List<String> read = new ArrayList<>();
        List<Long> openTransactions = new ArrayList<>();
        results.forEachLine(42, line -> {
            read.add(line);
            // What a slow client would hold while it takes the line: a session idle in a transaction (seen from a
            // connection of its own, outside any transaction the reader might have open).
            try (Connection observer = dataSource.getConnection();
                 ResultSet count = observer.createStatement().executeQuery("select count(*) from pg_stat_activity"
                         + " where datname = current_database() and state like 'idle in transaction%'")) {
                count.next();
                openTransactions.add(count.getLong(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(openTransactions).hasSize(33).containsOnly(0L);
        assertThat(results.count(42)).isEqualTo(33);
    }
}
