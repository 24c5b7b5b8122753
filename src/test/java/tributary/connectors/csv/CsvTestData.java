package tributary.connectors.csv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/** Builds inputs for the CSV reader tests and reads them back completely. */
final class CsvTestData {

    private CsvTestData() {
    }

    /** Reads every data row of {@code text}, encoded in the dialect's charset. */
    static List<CsvRow> readRows(String text, CsvDialect dialect) {
        return readRows(text.getBytes(dialect.charset()), dialect);
    }

    static List<CsvRow> readRows(byte[] bytes, CsvDialect dialect) {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(bytes), dialect)) {
            return drain(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CsvRow> drain(ItopCsvReader reader) {
        List<CsvRow> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        return rows;
    }

    /** Concatenates text (in {@code charset}) and raw byte arrays. */
    static byte[] bytes(Charset charset, Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] chunk = part instanceof byte[] raw ? raw : part.toString().getBytes(charset);
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    /** A stream that hands out one byte per read, to exercise every buffer boundary of the decoder. */
    static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] target, int offset, int length) {
                return super.read(target, offset, Math.min(length, 1));
            }
        };
    }
}
