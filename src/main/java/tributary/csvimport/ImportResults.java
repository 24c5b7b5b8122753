package tributary.csvimport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.springframework.stereotype.Component;

/**
 * The row outcomes of import runs ({@code csvimport.chunk_result}): one row per chunk, holding the chunk's counts per
 * outcome kind and its lines of the details report. Written inside the chunk transaction (JDBI joins it), read back to
 * print the report, so a resumed import reports every row exactly once.
 */
@Component
class ImportResults {

    /** Separates the UTF-8 lines of a chunk's {@code details}. */
    private static final byte SEPARATOR = 0;
    /** Chunks read per statement when a details report is printed. */
    private static final int DETAILS_PAGE = 4;

    private final Jdbi jdbi;

    ImportResults(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records the outcomes of one chunk (consecutive rows, in order); their details lines only when {@code keepDetails}
     * (runs with output {@code details}), else the counts alone.
     */
    void insert(long jobInstanceId, List<RowOutcome> outcomes, boolean keepDetails) {
        if (outcomes.isEmpty()) {
            return;
        }
        int[] counts = new int[RowOutcome.Kind.values().length];
        for (RowOutcome outcome : outcomes) {
            counts[outcome.kind().ordinal()]++;
        }
        ByteArrayOutputStream details = new ByteArrayOutputStream(keepDetails ? outcomes.size() * 96 : 0);
        for (int i = 0; keepDetails && i < outcomes.size(); i++) {
            if (i > 0) {
                details.write(SEPARATOR);
            }
            details.writeBytes(clean(outcomes.get(i).detailsLine()).getBytes(StandardCharsets.UTF_8));
        }
        jdbi.useHandle(handle -> handle.createUpdate("insert into csvimport.chunk_result (job_instance_id, first_line,"
                        + " row_count, created, updated, unchanged, issues, details) values (:job, :first, :count,"
                        + " :created, :updated, :unchanged, :issues, :details)")
                .bind("job", jobInstanceId)
                .bind("first", outcomes.get(0).line())
                .bind("count", outcomes.size())
                .bind("created", counts[RowOutcome.Kind.CREATED.ordinal()])
                .bind("updated", counts[RowOutcome.Kind.UPDATED.ordinal()])
                .bind("unchanged", counts[RowOutcome.Kind.UNCHANGED.ordinal()])
                .bind("issues", counts[RowOutcome.Kind.ISSUE.ordinal()])
                .bind("details", details.toByteArray())
                .execute());
    }

    /**
     * PostgreSQL text cannot hold NUL; such rows are rejected, their echo keeps a visible mark instead. Lines without
     * NUL is also what lets NUL separate them in {@code details}.
     */
    private static String clean(String text) {
        return text.indexOf('\0') >= 0 ? text.replace('\0', '\uFFFD') : text;
    }

    /** Rows already done by a run. */
    long count(long jobInstanceId) {
        return jdbi.withHandle(handle -> handle.createQuery("select coalesce(sum(row_count), 0) from csvimport.chunk_result"
                        + " where job_instance_id = :job")
                .bind("job", jobInstanceId).mapTo(Long.class).one());
    }

    Map<RowOutcome.Kind, Long> totals(long jobInstanceId) {
        Map<RowOutcome.Kind, Long> totals = new EnumMap<>(RowOutcome.Kind.class);
        jdbi.useHandle(handle -> handle.createQuery("select coalesce(sum(created), 0), coalesce(sum(updated), 0),"
                        + " coalesce(sum(unchanged), 0), coalesce(sum(issues), 0) from csvimport.chunk_result"
                        + " where job_instance_id = :job")
                .bind("job", jobInstanceId)
                .map((rs, ctx) -> {
                    for (RowOutcome.Kind kind : RowOutcome.Kind.values()) {
                        totals.put(kind, rs.getLong(kind.ordinal() + 1));
                    }
                    return totals;
                })
                .one());
        return totals;
    }

    /**
     * Every line of the details report of a run ({@link RowOutcome#detailsLine()}), in row order, streamed a few chunks
     * at a time (a run may have millions of rows). Each few chunks are read in a short statement of their own, and
     * handed to {@code consumer} with no connection held: a client reading the report slowly held a pooled connection
     * in an open transaction for as long, and twenty such clients starved every import and REST call.
     */
    void forEachLine(long jobInstanceId, Consumer<String> consumer) {
        long after = -1;
        while (true) {
            long from = after;
            List<Map.Entry<Long, byte[]>> page = jdbi.withHandle(handle -> handle.createQuery(
                            "select first_line, details from csvimport.chunk_result where job_instance_id = :job"
                                    + " and first_line > :after order by first_line limit " + DETAILS_PAGE)
                    .bind("job", jobInstanceId)
                    .bind("after", from)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getBytes(2)))
                    .list());
            for (Map.Entry<Long, byte[]> chunk : page) {
                byte[] details = chunk.getValue();
                int start = 0;
                for (int i = 0; i <= details.length; i++) {
                    if (i == details.length || details[i] == SEPARATOR) {
                        consumer.accept(new String(details, start, i - start, StandardCharsets.UTF_8));
                        start = i + 1;
                    }
                }
                after = chunk.getKey();
            }
            if (page.size() < DETAILS_PAGE) {
                return;
            }
        }
    }

    /**
     * Drops the details lines of runs that ended (completed or abandoned) more than {@code age} ago: a process killed
     * while printing a report leaves them, up to a hundred bytes a row. Returns the chunks cleared.
     */
    int forgetDetailsOfRunsEndedBefore(Duration age) {
        return jdbi.withHandle(handle -> handle.createUpdate("update csvimport.chunk_result r set details = ''::bytea"
                        + " where octet_length(r.details) > 0 and exists (select 1 from batch_job_execution e"
                        + " where e.job_instance_id = r.job_instance_id and e.status in ('COMPLETED', 'ABANDONED')"
                        + " and e.end_time < localtimestamp - make_interval(secs => :seconds))")
                .bind("seconds", age.toSeconds()).execute());
    }

    /**
     * Drops the details lines of a completed run once its report was printed: they are needed for that report only,
     * and a large import run with {@code output=details} holds about 100 bytes per row. The counts stay.
     */
    void forgetDetails(long jobInstanceId) {
        jdbi.useHandle(handle -> handle.createUpdate("update csvimport.chunk_result set details = ''::bytea"
                        + " where job_instance_id = :job and octet_length(details) > 0")
                .bind("job", jobInstanceId).execute());
    }
}
