package tributary.oql;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Any rejection of an OQL query: lexical, syntactic, semantic or a missing argument. The message follows
 * iTop's format, {@code <issue> - found '<token>' at <column> in '<query>'}, optionally followed by
 * {@code , expecting {<candidates>}, I would suggest to use '<closest>'}, so that REST replies read
 * {@code Query failed to execute: query = <oql>, exception_class = <itopExceptionClass()>, exception_message = <getMessage()>}.
 */
public class OqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String issue;
    private final String query;
    private final int column;
    private final String found;
    private final List<String> expecting;

    /** An error located in the query, in iTop's standard format. */
    public OqlException(String issue, String query, int column, String found, List<String> expecting) {
        super(format(issue, query, column, found, expecting));
        this.issue = issue;
        this.query = query;
        this.column = column;
        this.found = found;
        this.expecting = expecting == null ? List.of() : List.copyOf(expecting);
    }

    /** An error whose message does not follow the located format (lexer and argument errors). */
    protected OqlException(String message, String issue, String query, int column, String found) {
        super(message);
        this.issue = issue;
        this.query = query;
        this.column = column;
        this.found = found;
        this.expecting = List.of();
    }

    /** The name of the PHP exception class iTop raises in the same situation, for REST error messages. */
    public String itopExceptionClass() {
        return "OQLException";
    }

    /** The issue alone, e.g. {@code Unknown filter code}. */
    public String issue() {
        return issue;
    }

    /** The query as given. */
    public String query() {
        return query;
    }

    /** Position of the offending token in UTF-8 bytes from 0 (iTop counts bytes). */
    public int column() {
        return column;
    }

    /** The offending token or name. */
    public String found() {
        return found;
    }

    /** Candidates that would have been valid (empty when none are listed). */
    public List<String> expecting() {
        return expecting;
    }

    private static String format(String issue, String query, int column, String found, List<String> expecting) {
        String message = issue + " - found '" + found + "' at " + column + " in '" + query + "'";
        if (expecting == null || expecting.isEmpty()) {
            return message;
        }
        return message + ", expecting {" + String.join(", ", expecting) + "}, I would suggest to use '"
            + closest(found, expecting) + "'";
    }

    /**
     * iTop's suggestion rule: an exact match, otherwise the last candidate at the smallest Levenshtein
     * distance, provided that distance is at most 3; empty when nothing is close.
     */
    static String closest(String input, List<String> candidates) {
        int shortest = -1;
        String result = "";
        for (String candidate : candidates) {
            int distance = levenshtein(input, candidate);
            if (distance == 0) {
                return candidate;
            }
            if (distance <= 3 && (shortest < 0 || distance <= shortest)) {
                result = candidate;
                shortest = distance;
            }
        }
        return result;
    }

    /** Byte-wise distance, as PHP's levenshtein() works on bytes. */
    private static int levenshtein(String a, String b) {
        byte[] left = a.getBytes(StandardCharsets.UTF_8);
        byte[] right = b.getBytes(StandardCharsets.UTF_8);
        int[] previous = new int[right.length + 1];
        int[] current = new int[right.length + 1];
        for (int j = 0; j <= right.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length; i++) {
            current[0] = i;
            for (int j = 1; j <= right.length; j++) {
                int cost = left[i - 1] == right[j - 1] ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length];
    }
}
