package tributary.csvimport;

import java.util.List;
import java.util.function.LongConsumer;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import tributary.connectors.csv.CsvRow;

/**
 * The writer of the {@code csv_import} step: applies the bulk change to the chunk and records each row's outcome, in
 * the chunk's transaction. Reconciliation is done here rather than in an {@code ItemProcessor} because Spring Batch
 * hands a processor one item at a time, and reconciling row by row is what makes iTop's import slow: the writer sees
 * the whole chunk and reconciles it with a few queries.
 *
 * <p>The change set id is kept in the step's execution context, so a restarted import continues the same change set.
 */
final class BulkChangeWriter implements ItemStreamWriter<CsvRow>, StepExecutionListener {

    static final String CHANGE_ID_KEY = "csvImport.changeId";

    private final BulkChange bulkChange;
    private final ImportResults results;
    private final WriteContextFactory contexts;
    private final BulkChange.Savepoints savepoints;
    private final LongConsumer progress;
    private final boolean simulate;
    private WriteContextHolder context;
    private long jobInstanceId;
    private long rowsDone;

    /** Creates the write context, possibly on an existing change set. */
    interface WriteContextFactory {
        WriteContextHolder create(Long existingChangeId);
    }

    BulkChangeWriter(BulkChange bulkChange, ImportResults results, WriteContextFactory contexts,
                     BulkChange.Savepoints savepoints, LongConsumer progress, boolean simulate) {
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
    public void write(Chunk<? extends CsvRow> chunk) {
        List<RowOutcome> outcomes = bulkChange.process(List.copyOf(chunk.getItems()), context, savepoints);
        results.insert(jobInstanceId, outcomes);
        if (simulate) {
            context.reset();
        }
        rowsDone += outcomes.size();
        progress.accept(rowsDone);
    }
}
