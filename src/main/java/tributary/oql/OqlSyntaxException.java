package tributary.oql;

/** A token the grammar does not allow at that place: {@code Unexpected token <TOKEN_NAME> - found ...}. */
public final class OqlSyntaxException extends OqlException {

    private static final long serialVersionUID = 1L;

    /** Reports {@code token} as unexpected in {@code query}. */
    public OqlSyntaxException(String query, Token token) {
        super("Unexpected token " + token.type().displayName(), query, token.column(), token.text(), null);
    }

    @Override
    public String itopExceptionClass() {
        return "OQLParserSyntaxErrorException";
    }
}
