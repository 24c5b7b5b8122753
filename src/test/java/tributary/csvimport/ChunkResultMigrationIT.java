package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import tributary.test.TestPostgres;

/**
 * The outcomes of an import interrupted before an upgrade survive the migration that stores a chunk's details lines
 * as bytes (V23): the resumed run still reports them, byte for byte.
 */
class ChunkResultMigrationIT {

    @Test
    void detailsLinesWrittenAsTextArraysReadBackUnchangedAfterTheMigration() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(TestPostgres.newDatabase());
        dataSource.setUser("postgres");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas("public")
                .target("22").load().migrate();
        Jdbi jdbi = Jdbi.create(new TransactionAwareDataSourceProxy(dataSource));
        List<String> lines = List.of("0;created;Person;12;Ada;Lovelace", "1;Issue: Unexpected attribute value(s);n/a;n/a;"
                + "a cell\nover two lines;Zoë \"Z\" {x,y}", "2;unchanged;Person;13;;");
        jdbi.useHandle(handle -> handle.createUpdate("insert into csvimport.chunk_result (job_instance_id, first_line,"
                        + " row_count, created, updated, unchanged, issues, lines) values (7, 0, 3, 1, 0, 1, 1, :lines)")
                .bindArray("lines", String.class, lines.toArray()).execute());

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").schemas("public").load().migrate();

        ImportResults results = new ImportResults(jdbi);
        List<String> read = new ArrayList<>();
        results.forEachLine(7, read::add);
        assertThat(read).containsExactlyElementsOf(lines);
        assertThat(results.count(7)).isEqualTo(3);
    }
}
