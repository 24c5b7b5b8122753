package tributary.cmdb;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows sent with PostgreSQL's {@code COPY … FROM STDIN} (text format) on the handle's connection, hence inside the
 * current transaction: for large appends, where it costs a fraction of a batch of INSERTs (no per-value binding, no
 * statement per row). Values are written as their PostgreSQL text input; null is {@code \N}.
 */
final class CopyIn {

    /** Below this many rows a prepared batch is as fast, and keeps the usual error messages. */
    static final int THRESHOLD = 64;
    /** Sent in pieces of this size: PostgreSQL starts on a chunk's first rows while the next ones are written. */
    private static final int FLUSH_CHARS = 1 << 16;

    private final org.postgresql.copy.CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);
    private boolean rowStarted;

    private CopyIn(org.postgresql.copy.CopyIn copy) {
        this.copy = copy;
    }

    /** Runs {@code writer} to produce the rows of {@code copySql} ({@code COPY t (c1, c2…) FROM STDIN}); rows written. */
    static long copy(Handle handle, String copySql, java.util.function.Consumer<CopyIn> writer) {
        try {
            CopyManager manager = handle.getConnection().unwrap(PGConnection.class).getCopyAPI();
            CopyIn rows = new CopyIn(manager.copyIn(copySql));
            try {
                writer.accept(rows);
                rows.flush();
                return rows.copy.endCopy();
            } finally {
                if (rows.copy.isActive()) {
                    rows.copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    /** Appends the next value of the current row. */
    CopyIn value(Object value) {
        if (rowStarted) {
            buffer.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            buffer.append("\\N");
        } else if (value instanceof String text) {
            escape(text);
        } else if (value instanceof Long number) {
            buffer.append(number.longValue()); // ids and keys, the most frequent values after text: no String each
        } else if (value instanceof Integer number) {
            buffer.append(number.intValue());
        } else if (value instanceof BigDecimal decimal) {
            buffer.append(decimal.toPlainString());
        } else if (value instanceof Boolean bool) {
            buffer.append(bool ? 't' : 'f');
        } else if (value instanceof CaseLog log) {
            escape(CaseLogJson.write(log));
        } else {
            escape(value.toString()); // numbers, LocalDate, LocalDateTime (ISO forms PostgreSQL reads)
        }
        return this;
    }

    /** Ends the current row. */
    void endRow() {
        buffer.append('\n');
        rowStarted = false;
        if (buffer.length() >= FLUSH_CHARS) {
            flush();
        }
    }

    private void escape(String text) {
        int n = text.length();
        int next = 0;
        // Most values have nothing to escape: copy runs of plain characters at once (the per-character loop was the
        // busiest code of a bulk creation), testing each character with one comparison in the usual case.
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c > '\\' || c >= ' ' && c < '\\') { // the four to escape: three controls and the backslash
                continue;
            }
            String escaped = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (escaped != null) {
                buffer.append(text, next, i).append(escaped);
                next = i + 1;
            }
        }
        buffer.append(text, next, n);
    }

    private void flush() {
        if (buffer.length() == 0) {
            return;
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }
}
