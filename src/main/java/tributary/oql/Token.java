package tributary.oql;

/**
 * One lexical token.
 *
 * @param type   terminal symbol
 * @param text   the exact source text of the token (quotes and back-quotes included)
 * @param column position of the first character, counted in UTF-8 bytes from 0 as iTop (PHP) does
 * @param line   line number, from 1
 */
public record Token(TokenType type, String text, int column, int line) {
}
