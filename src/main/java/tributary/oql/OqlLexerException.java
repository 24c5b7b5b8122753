package tributary.oql;

/**
 * No lexical rule matches, e.g. {@code %} or a string with a lone backslash. iTop 3.2 lets its lexer's
 * plain {@code Exception} escape here, with the message {@code Unexpected input at line <n>: <char>};
 * both are reproduced so REST replies match.
 */
public final class OqlLexerException extends OqlException {

    private static final long serialVersionUID = 1L;

    /** Reports the character {@code unexpected} at {@code line} / {@code column}. */
    public OqlLexerException(String query, int line, int column, String unexpected) {
        super("Unexpected input at line " + line + ": " + unexpected, "Unexpected input", query, column, unexpected);
    }

    @Override
    public String itopExceptionClass() {
        return "Exception";
    }
}
