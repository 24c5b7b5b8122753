package tributary.connectors.csv;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One data row of an iTop CSV import, after iTop's cell rules have been applied.
 *
 * @param index      0-based number of the data row (the header is not counted, skipped blank lines neither); the
 *                   {@code Line} column of iTop's details report
 * @param sourceLine 1-based physical line of the text where the row starts (a qualified cell may span lines)
 * @param cells      the cells; an element is {@code null} for a {@code <NULL>} cell. Empty when the row could not
 *                   be split into cells (see {@code error})
 * @param error      {@code null} when the row was read cleanly; otherwise why it must be rejected (bytes invalid
 *                   for the charset, unterminated qualifier, text after a closing qualifier)
 */
public record CsvRow(long index, long sourceLine, List<String> cells, String error) {

    public CsvRow {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        if (sourceLine < 1) {
            throw new IllegalArgumentException("sourceLine must be >= 1, was " + sourceLine);
        }
        // List.copyOf refuses nulls, and null is a meaningful cell here.
        cells = Collections.unmodifiableList(Arrays.asList(Objects.requireNonNull(cells, "cells").toArray(String[]::new)));
    }

    /** Whether the row must be rejected; {@link #error()} says why. */
    public boolean hasError() {
        return error != null;
    }

    /**
     * The cell in the given 0-based column; a missing trailing cell reads as an empty string (iTop does not check
     * the row width), a {@code <NULL>} cell as {@code null}.
     */
    public String cell(int column) {
        if (column < 0) {
            throw new IndexOutOfBoundsException("column " + column);
        }
        return column < cells.size() ? cells.get(column) : "";
    }
}
