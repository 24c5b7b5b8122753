package tributary.csvimport;

import java.util.List;

/**
 * The result of one data row, as the details report shows it.
 *
 * @param line        0-based row number
 * @param kind        outcome category, for the summary counters
 * @param status      {@code created}, {@code updated 2 cols}, {@code unchanged} or {@code Issue: …}
 * @param objectClass class of the object, or null for {@code n/a}
 * @param objectId    id of the object (0 when simulating a creation), or null for {@code n/a}
 * @param idCell      text of the Object Id cell when it is neither an id nor {@code n/a}, else null
 * @param cells       one rendered cell per external key, then one per value column
 */
public record RowOutcome(long line, Kind kind, String status, String objectClass, Long objectId, String idCell,
                         List<String> cells) {

    /** Outcome categories counted by the summary. */
    public enum Kind {
        CREATED, UPDATED, UNCHANGED, ISSUE
    }

    public RowOutcome {
        cells = List.copyOf(cells);
    }

    /** The details line: {@code <line>;<status>;<class or n/a>;<id or n/a>;<cells…>}. */
    public String detailsLine() {
        StringBuilder line = new StringBuilder().append(this.line).append(';').append(status).append(';')
                .append(objectClass == null ? "n/a" : objectClass).append(';')
                .append(idCell != null ? idCell : objectId == null ? "n/a" : objectId.toString());
        for (String cell : cells) {
            line.append(';').append(cell);
        }
        return line.toString();
    }
}
