package tributary.oql;

/**
 * The query nests deeper than the parser accepts. iTop's parser has a fixed stack as well; the limit
 * protects the JVM stack of the recursive parser, validator and translator.
 */
public final class OqlStackOverflowException extends OqlException {

    private static final long serialVersionUID = 1L;

    /** Reports excessive nesting at {@code token}. */
    public OqlStackOverflowException(String query, Token token) {
        super("Stack overflow", query, token.column(), "", null);
    }

    @Override
    public String itopExceptionClass() {
        return "OQLParserStackOverFlowException";
    }
}
