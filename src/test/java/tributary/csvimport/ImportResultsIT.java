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
import tributary.store.V2__Batch_and_quartz_schemas;
import tributary.test.TestPostgres;

/** The rows' outcomes of an import, as {@link ImportResults} stores them and prints them back. */
class ImportResultsIT {

    @Test
    void aDetailsReportIsPrintedInRowOrderWithoutHoldingATransactionWhileTheReaderTakesIt() {
        PGSimpleDataSource dataSource = migratedDatabase();
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

    @Test
    void theDetailsOfRunsEndedLongAgoAreDroppedThoseOfRecentOrInterruptedRunsKept() {
        Jdbi jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(migratedDatabase()));
        ImportResults results = new ImportResults(jdbi);
        // A run completed two days ago whose report was never printed whole (its process was killed), one completed
        // an hour ago, one interrupted two days ago (its details are what its resumption will print).
        run(jdbi, 1, "COMPLETED", "2 days");
        run(jdbi, 2, "COMPLETED", "1 hour");
        run(jdbi, 3, "FAILED", "2 days");
        for (long instance = 1; instance <= 3; instance++) {
            results.insert(instance, List.of(new RowOutcome(0, RowOutcome.Kind.CREATED, "created", "Person", 7L, null,
                    List.of("Ada"))), true);
        }

        assertThat(results.forgetDetailsOfRunsEndedBefore(java.time.Duration.ofDays(1))).isEqualTo(1);

        for (long instance = 1; instance <= 3; instance++) {
            List<String> lines = new ArrayList<>();
            results.forEachLine(instance, lines::add);
            assertThat(String.join("", lines)).as("run " + instance).isEqualTo(instance == 1 ? "" : "0;created;Person;7;Ada");
            assertThat(results.count(instance)).as("the counts stay").isEqualTo(1);
        }
    }

    /** A new database with Tributary's schemas, Spring Batch's included. */
    private static PGSimpleDataSource migratedDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.newDatabase());
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas("public")
                .javaMigrations(new V2__Batch_and_quartz_schemas()).load().migrate();
        return dataSource;
    }

    private static void run(Jdbi jdbi, long id, String status, String endedAgo) {
        jdbi.useHandle(handle -> {
            handle.execute("insert into batch_job_instance (job_instance_id, version, job_name, job_key)"
                    + " values (?, 0, 'csv_import', ?)", id, "key" + id);
            handle.execute("insert into batch_job_execution (job_execution_id, version, job_instance_id, create_time,"
                    + " start_time, end_time, status, exit_code, exit_message, last_updated) values (?, 1, ?,"
                    + " localtimestamp - cast(? as interval), localtimestamp - cast(? as interval),"
                    + " localtimestamp - cast(? as interval), ?, ?, '', localtimestamp)",
                    id, id, endedAgo, endedAgo, endedAgo, status, status);
        });
    }
}
