package tributary.cmdb.linkset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tributary.util.PhpStrings;

/**
 * Splits a link-set text into {@link LinkSpec}s, the way iTop's {@code AttributeLinkedSet::MakeValueFromString} reads
 * it: the text is cut into links at the row separator (and at line breaks), each link into pairs by a small CSV
 * reader using the attribute separator and the qualifier, each pair at its first value separator. Knows nothing of
 * the data model; {@link LinkSetResolver} checks the codes. Stateless and thread-safe.
 *
 * <p>Faithful to iTop: blanks around an unqualified pair and around a qualified one are dropped, the attribute code
 * is trimmed but the value is not; empty links ({@code a:1||b:2}, a trailing {@code |}) are skipped, but an empty
 * pair ({@code a:1;}) is a format error. One deliberate difference: iTop turns the row separator into a line break
 * before reading the pairs, so a qualified {@code 'reason:a|b'} gives the value "a", line break, "b"; here it keeps
 * its {@code |}.
 */
public final class LinkSetParser {

    /** Same as iTop's {@code /^(.+)->(.+)$/}: greedy, so {@code a->b->c} is key {@code a->b}, attribute {@code c}. */
    private static final Pattern CRITERION = Pattern.compile("(.+)->(.+)");

    private enum State { STARTING, RAW, QUALIFIED, ESCAPED }

    private enum Event { BLANK, SEPARATOR, NEWLINE, QUALIFIER, OTHER, END }

    private final LinkSetSyntax syntax;

    public LinkSetParser(LinkSetSyntax syntax) {
        this.syntax = syntax;
    }

    public LinkSetSyntax syntax() {
        return syntax;
    }

    /**
     * The links of {@code text}, in order; an empty list for null, empty or blank text.
     *
     * @throws LinkSetSyntaxException for a pair without value separator
     */
    public List<LinkSpec> parse(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<LinkSpec> links = new ArrayList<>();
        for (List<String> row : rows(text.replace("\r\n", "\n"))) {
            links.add(link(row));
        }
        return links;
    }

    private LinkSpec link(List<String> pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Map<String, String>> criteria = new LinkedHashMap<>();
        String finalClass = null;
        for (String pair : pairs) {
            int at = pair.indexOf(syntax.valueSeparator());
            if (at < 0) {
                throw new LinkSetSyntaxException("Wrong format for link attribute specification: value = " + pair);
            }
            String code = PhpStrings.trim(pair.substring(0, at));
            String value = pair.substring(at + syntax.valueSeparator().length());
            Matcher criterion = CRITERION.matcher(code);
            if (criterion.matches()) {
                criteria.computeIfAbsent(criterion.group(1), key -> new LinkedHashMap<>()).put(criterion.group(2), value);
            } else if (code.equals("finalclass")) {
                finalClass = value;
            } else {
                values.put(code, value);
            }
        }
        return new LinkSpec(values, criteria, finalClass);
    }

    /** iTop's CSV reader state machine (core/csvparser), one row per link, one cell per pair. */
    private List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        Cells cells = new Cells(rows);
        char separator = syntax.attributeSeparatorChar();
        char qualifier = syntax.qualifierChar();
        State state = State.STARTING;
        int index = 0;
        while (index <= text.length()) {
            Event event;
            char c = 0;
            int width = 1;
            if (index == text.length()) {
                event = Event.END;
            } else if (state != State.QUALIFIED && text.startsWith(syntax.rowSeparator(), index)) {
                event = Event.NEWLINE;
                width = syntax.rowSeparator().length();
            } else {
                c = text.charAt(index);
                event = c == separator ? Event.SEPARATOR : c == ' ' || c == '\t' ? Event.BLANK
                        : c == '\n' ? Event.NEWLINE : c == qualifier ? Event.QUALIFIER : Event.OTHER;
            }
            state = switch (state) {
                case STARTING -> switch (event) {
                    case BLANK -> State.STARTING;
                    case SEPARATOR -> cells.endCell(false);
                    case NEWLINE, END -> cells.endRow(false);
                    case QUALIFIER -> State.QUALIFIED;
                    case OTHER -> cells.add(c, State.RAW);
                };
                case RAW -> switch (event) {
                    case SEPARATOR -> cells.endCell(true);
                    case NEWLINE, END -> cells.endRow(true);
                    default -> cells.add(c, State.RAW);
                };
                case QUALIFIED -> switch (event) {
                    case QUALIFIER -> State.ESCAPED;
                    case END -> cells.endRow(false);
                    default -> cells.add(c, State.QUALIFIED);
                };
                case ESCAPED -> switch (event) {
                    case BLANK -> State.ESCAPED;
                    case SEPARATOR -> cells.endCell(false);
                    case NEWLINE, END -> cells.endRow(false);
                    case QUALIFIER -> cells.add(c, State.QUALIFIED);
                    case OTHER -> cells.add(c, State.STARTING);
                };
            };
            index += width;
        }
        return rows;
    }

    /** The cell and row being read. */
    private static final class Cells {
        private final List<List<String>> rows;
        private final StringBuilder cell = new StringBuilder();
        private List<String> row = new ArrayList<>();

        Cells(List<List<String>> rows) {
            this.rows = rows;
        }

        State add(char c, State next) {
            cell.append(c);
            return next;
        }

        State endCell(boolean trim) {
            row.add(trim ? PhpStrings.trim(cell.toString()) : cell.toString());
            cell.setLength(0);
            return State.STARTING;
        }

        State endRow(boolean trim) {
            endCell(trim);
            if (row.size() > 1 || !row.get(0).isEmpty()) {
                rows.add(row);
            }
            row = new ArrayList<>();
            return State.STARTING;
        }
    }
}
