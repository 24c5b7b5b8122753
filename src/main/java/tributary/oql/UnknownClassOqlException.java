package tributary.oql;

import java.util.List;

/** A class name that the data model does not know, with a closest-name suggestion. */
public final class UnknownClassOqlException extends OqlNormalizeException {

    private static final long serialVersionUID = 1L;

    /** Reports {@code className} at {@code column}; {@code knownClasses} feeds the suggestion. */
    public UnknownClassOqlException(String query, int column, String className, List<String> knownClasses) {
        super("Unknown class", query, column, className, knownClasses);
    }

    @Override
    public String itopExceptionClass() {
        return "UnknownClassOqlException";
    }
}
