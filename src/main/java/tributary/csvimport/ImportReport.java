package tributary.csvimport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The text output of an import, written line by line as it is produced (a details report may have millions of
 * lines). Lines are separated by a newline; whether the text ends with one depends on the mode: the CLI's does,
 * import.php's HTTP answer does not (services.md preface), and {@code output=retcode} never does.
 */
final class ImportReport {

    private final Writer out;
    private boolean first = true;

    ImportReport(Writer out) {
        this.out = out;
    }

    void line(String text) {
        try {
            if (!first) {
                out.write('\n');
            }
            out.write(text);
            first = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the text, with a final newline if asked and if anything was written. */
    void finish(boolean finalNewline) {
        try {
            if (finalNewline && !first) {
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
