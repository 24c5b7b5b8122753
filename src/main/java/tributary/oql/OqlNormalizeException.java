package tributary.oql;

import java.util.List;

/** The query is well formed but does not fit the data model or the aliasing rules. */
public class OqlNormalizeException extends OqlException {

    private static final long serialVersionUID = 1L;

    /** Reports {@code issue} at the name {@code found}, located at {@code column}. */
    public OqlNormalizeException(String issue, String query, int column, String found, List<String> expecting) {
        super(issue, query, column, found, expecting);
    }

    @Override
    public String itopExceptionClass() {
        return "OqlNormalizeException";
    }
}
