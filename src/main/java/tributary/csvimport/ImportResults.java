package tributary.csvimport;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The row outcomes of import runs ({@code csvimport.row_result}). Written inside the chunk transaction (JDBI joins
 * it), read back to print the report, so a resumed import reports every row exactly once.
 */
@Component
class ImportResults {

    private final Jdbi jdbi;
    private final TransactionTemplate transactions;

    ImportResults(Jdbi jdbi, TransactionTemplate transactions) {
        this.jdbi = jdbi;
        this.transactions = transactions;
    }

    void insert(long jobInstanceId, List<RowOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbi.useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("insert into csvimport.row_result (job_instance_id, line, kind, status,"
                    + " object_class, object_id, id_cell, cells) values (:job, :line, :kind, :status, :cls, :id, :idCell, :cells)");
            for (RowOutcome outcome : outcomes) {
                batch.bind("job", jobInstanceId)
                        .bind("line", outcome.line())
                        .bind("kind", (short) outcome.kind().ordinal())
                        .bind("status", clean(outcome.status()))
                        .bind("cls", outcome.objectClass())
                        .bind("id", outcome.objectId())
                        .bind("idCell", outcome.idCell())
                        .bindArray("cells", String.class, outcome.cells().stream().map(ImportResults::clean).toList())
                        .add();
            }
            batch.execute();
        });
    }

    /** PostgreSQL text cannot hold NUL; such rows are rejected, their echo keeps a visible mark instead. */
    private static String clean(String text) {
        return text == null ? null : text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
    }

    /** Rows already done by a run. */
    long count(long jobInstanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("select count(*) from csvimport.row_result where job_instance_id = :job")
                .bind("job", jobInstanceId).mapTo(Long.class).one());
    }

    Map<RowOutcome.Kind, Long> totals(long jobInstanceId) {
        Map<RowOutcome.Kind, Long> totals = new EnumMap<>(RowOutcome.Kind.class);
        for (RowOutcome.Kind kind : RowOutcome.Kind.values()) {
            totals.put(kind, 0L);
        }
        jdbi.useHandle(handle -> handle.createQuery("select kind, count(*) from csvimport.row_result where job_instance_id = :job"
                        + " group by kind")
                .bind("job", jobInstanceId)
                .map((rs, ctx) -> Map.entry(RowOutcome.Kind.values()[rs.getShort(1)], rs.getLong(2)))
                .forEach(e -> totals.put(e.getKey(), e.getValue())));
        return totals;
    }

    /** Every outcome of a run in row order, streamed (a cursor, not a list: a run may have millions of rows). */
    void forEach(long jobInstanceId, Consumer<RowOutcome> consumer) {
        transactions.executeWithoutResult(status -> jdbi.useHandle(handle -> handle.createQuery(
                        "select line, kind, status, object_class, object_id, id_cell, cells from csvimport.row_result"
                                + " where job_instance_id = :job order by line")
                .bind("job", jobInstanceId)
                .setFetchSize(1000)
                .map((rs, ctx) -> new RowOutcome(rs.getLong(1), RowOutcome.Kind.values()[rs.getShort(2)], rs.getString(3),
                        rs.getString(4), rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6),
                        List.of((String[]) rs.getArray(7).getArray())))
                .forEach(consumer)));
    }

    /** Forgets the rows of a run (after its report was printed for a simulation, say). */
    void delete(long jobInstanceId) {
        jdbi.useHandle(handle -> handle.createUpdate("delete from csvimport.row_result where job_instance_id = :job")
                .bind("job", jobInstanceId).execute());
    }
}
