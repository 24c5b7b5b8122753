package tributary.oql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an OQL string into tokens the way iTop's generated lexer does: at each position the longest
 * match wins and, on a tie, the rule listed first (every keyword and operator precedes the name rule, so a
 * keyword beats a name of the same length while {@code SELECTED} stays a name).
 */
public final class OqlLexer {

    /** Keywords and operators in iTop's rule order (only the order of equal-length matches matters). */
    private static final TokenType[] FIXED = {
        TokenType.UNION, TokenType.SELECT, TokenType.FROM, TokenType.AS_ALIAS, TokenType.WHERE, TokenType.JOIN,
        TokenType.ON, TokenType.MATH_DIV, TokenType.MATH_MULT, TokenType.MATH_PLUS, TokenType.MATH_MINUS,
        TokenType.LOG_AND, TokenType.LOG_OR, TokenType.BITWISE_OR, TokenType.BITWISE_AND, TokenType.BITWISE_XOR,
        TokenType.BITWISE_LEFT_SHIFT, TokenType.BITWISE_RIGHT_SHIFT, TokenType.COMA, TokenType.PAR_OPEN,
        TokenType.PAR_CLOSE, TokenType.REGEXP, TokenType.EQ, TokenType.NOT_EQ, TokenType.GT, TokenType.LT,
        TokenType.GE, TokenType.LE, TokenType.LIKE, TokenType.NOT_LIKE, TokenType.IN, TokenType.NOT_IN,
        TokenType.MATCHES, TokenType.INTERVAL, TokenType.F_IF, TokenType.F_ELT, TokenType.F_COALESCE,
        TokenType.F_ISNULL, TokenType.F_CONCAT, TokenType.F_SUBSTR, TokenType.F_TRIM, TokenType.F_DATE,
        TokenType.F_DATE_FORMAT, TokenType.F_CURRENT_DATE, TokenType.F_NOW, TokenType.F_TIME, TokenType.F_TO_DAYS,
        TokenType.F_FROM_DAYS, TokenType.F_YEAR, TokenType.F_MONTH, TokenType.F_DAY, TokenType.F_HOUR,
        TokenType.F_MINUTE, TokenType.F_SECOND, TokenType.F_DATE_ADD, TokenType.F_DATE_SUB, TokenType.F_ROUND,
        TokenType.F_FLOOR, TokenType.F_INET_ATON, TokenType.F_INET_NTOA, TokenType.BELOW, TokenType.BELOW_STRICT,
        TokenType.NOT_BELOW, TokenType.NOT_BELOW_STRICT, TokenType.ABOVE, TokenType.ABOVE_STRICT,
        TokenType.NOT_ABOVE, TokenType.NOT_ABOVE_STRICT,
    };

    private final String input;
    private int pos;
    private int bytePos;
    private int line = 1;

    /** A lexer positioned at the start of {@code input}; see {@link #next()}. */
    OqlLexer(String input) {
        this.input = input;
    }

    /**
     * Tokenizes the whole input; the list always ends with an {@link TokenType#END} token.
     *
     * @throws OqlLexerException when no rule matches at some position
     */
    public static List<Token> tokenize(String input) {
        OqlLexer lexer = new OqlLexer(input);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.type() != TokenType.END);
        return tokens;
    }

    /** The next token; {@link TokenType#END} once the input is exhausted (and on every later call). */
    Token next() {
        skipWhitespace();
        if (pos >= input.length()) {
            // iTop reports end of input with the value 0 at column 0
            return new Token(TokenType.END, "0", 0, line);
        }
        TokenType bestType = null;
        int bestLength = 0;
        for (TokenType type : FIXED) {
            String text = type.fixedText();
            if (text.length() > bestLength && input.startsWith(text, pos)) {
                bestType = type;
                bestLength = text.length();
            }
        }
        // Value rules come after the fixed ones in iTop's list, so they only win when strictly longer.
        int hex = matchHex();
        if (hex > bestLength) {
            bestType = TokenType.HEXVAL;
            bestLength = hex;
        }
        int number = matchDigits(pos);
        if (number > bestLength) {
            bestType = TokenType.NUMVAL;
            bestLength = number;
        }
        int string = matchString();
        if (string > bestLength) {
            bestType = TokenType.STRVAL;
            bestLength = string;
        }
        if (bestLength < 4 && input.startsWith("NULL", pos)) {
            bestType = TokenType.NULL_VAL;
            bestLength = 4;
        }
        int name = matchName();
        if (name > bestLength) {
            bestType = TokenType.NAME;
            bestLength = name;
        }
        int variable = matchVariable();
        if (variable > bestLength) {
            bestType = TokenType.VARNAME;
            bestLength = variable;
        }
        if (bestLength == 0 && input.charAt(pos) == '.') {
            bestType = TokenType.DOT;
            bestLength = 1;
        }
        if (bestType == null) {
            throw new OqlLexerException(input, line, bytePos, new String(Character.toChars(input.codePointAt(pos))));
        }
        String text = input.substring(pos, pos + bestLength);
        Token token = new Token(bestType, text, bytePos, line);
        advance(bestLength);
        return token;
    }

    private void skipWhitespace() {
        int start = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            pos++;
        }
        int length = pos - start;
        pos = start;
        advance(length);
    }

    private void advance(int length) {
        String consumed = input.substring(pos, pos + length);
        bytePos += consumed.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < consumed.length(); i++) {
            if (consumed.charAt(i) == '\n') {
                line++;
            }
        }
        pos += length;
    }

    private int matchHex() {
        if (!input.startsWith("0x", pos)) {
            return 0;
        }
        int end = pos + 2;
        while (end < input.length() && isHexDigit(input.charAt(end))) {
            end++;
        }
        return end == pos + 2 ? 0 : end - pos;
    }

    private int matchDigits(int from) {
        int end = from;
        while (end < input.length() && isDigit(input.charAt(end))) {
            end++;
        }
        return end - from;
    }

    /** A quoted string where the only escapes are a backslash before the quote character or a backslash. */
    private int matchString() {
        char quote = input.charAt(pos);
        if (quote != '"' && quote != '\'') {
            return 0;
        }
        int i = pos + 1;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == quote) {
                return i + 1 - pos;
            }
            if (c == '\\') {
                if (i + 1 >= input.length()) {
                    return 0;
                }
                char escaped = input.charAt(i + 1);
                if (escaped != quote && escaped != '\\') {
                    return 0;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return 0;
    }

    private int matchName() {
        char first = input.charAt(pos);
        if (first == '`') {
            int close = input.indexOf('`', pos + 1);
            return close > pos + 1 ? close + 1 - pos : 0;
        }
        return identifierLength(pos);
    }

    private int matchVariable() {
        if (input.charAt(pos) != ':') {
            return 0;
        }
        int name = identifierLength(pos + 1);
        if (name == 0) {
            return 0;
        }
        int end = pos + 1 + name;
        if (input.startsWith("->", end)) {
            int attribute = identifierLength(end + 2);
            if (attribute > 0) {
                end += 2 + attribute;
            }
        }
        return end - pos;
    }

    private int identifierLength(int from) {
        if (from >= input.length() || !isIdentifierStart(input.charAt(from))) {
            return 0;
        }
        int end = from + 1;
        while (end < input.length() && (isIdentifierStart(input.charAt(end)) || isDigit(input.charAt(end)))) {
            end++;
        }
        return end - from;
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
