package tributary.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import tributary.connectors.csv.CsvDialect;
import tributary.connectors.csv.CsvRow;
import tributary.connectors.csv.ItopCsvReader;

/**
 * Streams the data rows of the import file. Restartable: Spring Batch saves the number of rows read with each chunk
 * ({@code csvReader.read.count}) and a restarted step skips that many rows without processing them.
 */
final class CsvImportReader extends AbstractItemCountingItemStreamItemReader<CsvRow> {

    /** Name prefixing the restart keys; never change it, or restarts of older runs start over. */
    static final String NAME = "csvReader";

    private final Path file;
    private final CsvDialect dialect;
    private ItopCsvReader reader;

    CsvImportReader(Path file, CsvDialect dialect) {
        this.file = file;
        this.dialect = dialect;
        setName(NAME);
    }

    @Override
    protected void doOpen() throws IOException {
        reader = ItopCsvReader.open(file, dialect);
    }

    @Override
    protected CsvRow doRead() {
        return reader.hasNext() ? reader.next() : null;
    }

    @Override
    protected void jumpToItem(int itemIndex) {
        reader.skip(itemIndex);
    }

    @Override
    protected void doClose() {
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
