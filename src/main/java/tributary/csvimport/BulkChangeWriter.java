package tributary.csvimport;

import java.util.List;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The writer of the {@code csv_import} step: applies the bulk change to the chunk and records each row's outcome, in
 * the chunk's transaction. Reconciliation is done here rather than in an {@code ItemProcessor} because Spring Batch
 * hands a processor one item at a time, and reconciling row by row is what makes iTop's import slow: the writer sees
 * the whole chunk and reconciles it with a few queries.
 *
 * <p>The change set id is kept in the step's execution context, so a restarted import continues the same change set.
 */
final class BulkChangeWriter implements ItemStreamWriter<BulkChange.Row>, StepExecutionListener {

    static final String CHANGE_ID_KEY = "csvImport.changeId";

    private final BulkChange bulkChange;
    private final ImportResults results;
    private final WriteContextFactory contexts;
    private final BulkChange.Savepoints savepoints;
    private final LongConsumer progress;
    private final boolean simulate;
    private final boolean keepDetails;
    private final CommitLog log;
    private final Jdbi jdbi;
    private final Runnable lockCheck;
    private long chunks;
    private WriteContextHolder context;
    private long jobInstanceId;
    private long rowsDone;

    /** Creates the write context, possibly on an existing change set. */
    interface WriteContextFactory {
        WriteContextHolder create(Long existingChangeId);
    }

    BulkChangeWriter(BulkChange bulkChange, ImportResults results, WriteContextFactory contexts,
                     BulkChange.Savepoints savepoints, LongConsumer progress, boolean simulate, boolean keepDetails,
                     CommitLog log, Jdbi jdbi, Runnable lockCheck) {
        this.keepDetails = keepDetails;
        this.lockCheck = lockCheck;
        this.log = log;
        this.jdbi = jdbi;
        this.bulkChange = bulkChange;
        this.results = results;
        this.contexts = contexts;
        this.savepoints = savepoints;
        this.progress = progress == null ? rows -> { } : progress;
        this.simulate = simulate;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
        rowsDone = results.count(jobInstanceId);
        progress.accept(rowsDone);
    }

    @Override
    public void open(ExecutionContext executionContext) {
        Long changeId = executionContext.containsKey(CHANGE_ID_KEY) ? executionContext.getLong(CHANGE_ID_KEY) : null;
        context = contexts.create(simulate ? null : changeId);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        if (!simulate && context != null && context.changeId() != null) {
            executionContext.putLong(CHANGE_ID_KEY, context.changeId());
        }
    }

    @Override
    public void write(Chunk<? extends BulkChange.Row> chunk) {
        // A chunk's commit need not wait for its WAL to reach the disk: everything it does (objects, history, outcomes,
        // Spring Batch's restart data) is in this one transaction, so a crash loses the chunk as a whole and the
        // restart does it again. The job's final update commits synchronously, which flushes every chunk before it:
        // the report is printed only once all of it is durable.
        jdbi.useHandle(handle -> handle.execute("set local synchronous_commit = off"));
        lockCheck.run();
        List<BulkChange.Row> rows = List.copyOf(chunk.getItems());
        long oldestSearch = rows.stream().filter(row -> row.speculation != null).mapToLong(row -> row.snapshot).min()
                .orElse(0);
        BulkChange.Processed processed = bulkChange.process(rows, context, savepoints, log);
        List<RowOutcome> outcomes = processed.outcomes();
        results.insert(jobInstanceId, outcomes, keepDetails);
        long number = ++chunks;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    log.publish(number, processed.written());
                }
            });
        } else {
            log.publish(number, processed.written());
        }
        // Searches of later chunks started after this one's: what was published before it is no longer needed.
        log.forgetUpTo(oldestSearch);
        if (simulate) {
            context.reset();
        }
        rowsDone += outcomes.size();
        progress.accept(rowsDone);
    }
}
