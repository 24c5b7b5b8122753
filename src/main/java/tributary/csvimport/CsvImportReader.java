package tributary.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import tributary.connectors.csv.CsvDialect;
import tributary.connectors.csv.CsvRow;
import tributary.connectors.csv.ItopCsvReader;

/**
 * Streams the data rows of the import file, prepared ({@link BulkChange#prepare}) by a thread of its own one batch
 * ahead of the chunk being written: parsing and the searches that write nothing then run while the writer waits for
 * the database, on the second core.
 *
 * <p>Restartable: Spring Batch saves the number of rows handed to the step with each chunk ({@code csvReader.read.count})
 * and a restarted step skips that many rows without processing them. Rows prepared but not handed out when the step
 * stops are simply dropped.
 */
final class CsvImportReader extends AbstractItemCountingItemStreamItemReader<BulkChange.Row> {

    /** Name prefixing the restart keys; never change it, or restarts of older runs start over. */
    static final String NAME = "csvReader";
    /** The step-context key of the rows already handed out (Spring Batch's {@code <name>.read.count}). */
    static final String RESTART_POINT = NAME + ".read.count";

    /** A prepared batch, the end of the data, or the failure of the preparing thread. */
    private record Batch(List<BulkChange.Row> rows, Throwable failure) {
        static final Batch END = new Batch(List.of(), null);
    }

    private final Path file;
    private final CsvDialect dialect;
    private final int batchSize;
    private final Function<List<CsvRow>, List<BulkChange.Row>> preparer;
    private final BlockingQueue<Batch> prepared = new ArrayBlockingQueue<>(1);
    private ItopCsvReader reader;
    private Thread thread;
    private Iterator<BulkChange.Row> current = Collections.emptyIterator();
    private boolean ended;
    private List<Object> opened;

    /**
     * @param batchSize rows prepared together (the chunk size: a batch is then one chunk)
     * @param preparer  prepares a batch; runs in the reader's thread
     */
    CsvImportReader(Path file, CsvDialect dialect, int batchSize, Function<List<CsvRow>, List<BulkChange.Row>> preparer) {
        this.file = file;
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.preparer = preparer;
        setName(NAME);
    }

    @Override
    protected void doOpen() throws IOException {
        opened = version();
        reader = ItopCsvReader.open(file, dialect);
    }

    /** Size and modification time: a file copied over while it is read changes either. */
    private List<Object> version() throws IOException {
        return List.of(Files.size(file), Files.getLastModifiedTime(file));
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        reader.skip(itemIndex); // before the thread starts: it starts on the first read
    }

    @Override
    protected BulkChange.Row doRead() throws Exception {
        if (thread == null) {
            thread = new Thread(this::prepareAhead, "csv-import-reader");
            thread.setDaemon(true);
            thread.start();
        }
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            Batch batch = prepared.take();
            if (batch.failure() != null) {
                ended = true;
                if (batch.failure() instanceof Exception e) {
                    throw e;
                }
                throw (Error) batch.failure();
            }
            ended = batch == Batch.END;
            current = batch.rows().iterator();
        }
        return current.next();
    }

    private void prepareAhead() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<CsvRow> rows = new ArrayList<>(batchSize);
                while (rows.size() < batchSize && reader.hasNext()) {
                    rows.add(reader.next());
                }
                if (!version().equals(opened)) {
                    // Rows read from here on may mix both versions (a transfer writing the same name): stop before them.
                    throw new IOException("the file " + file + " changed while it was being imported (another copy was"
                            + " written over it); import it again once it is complete");
                }
                if (rows.isEmpty()) {
                    prepared.put(Batch.END);
                    return;
                }
                prepared.put(new Batch(preparer.apply(rows), null));
            }
        } catch (InterruptedException e) {
            // closed: the step is over
        } catch (Throwable failure) {
            try {
                prepared.put(new Batch(List.of(), failure));
            } catch (InterruptedException e) {
                // closed meanwhile
            }
        }
    }

    @Override
    protected void doClose() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join();
            thread = null;
        }
        prepared.clear();
        current = Collections.emptyIterator();
        ended = false;
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader = null;
        }
    }
}
