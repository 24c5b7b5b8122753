package tributary.oql;

/**
 * Terminal symbols of the OQL grammar. The constant names are iTop's parser token names, because
 * they appear verbatim in syntax error messages ({@code Unexpected token NAME - found ...}).
 */
public enum TokenType {
    UNION("UNION"), SELECT("SELECT"), AS_ALIAS("AS"), FROM("FROM"), COMA(","), WHERE("WHERE"),
    JOIN("JOIN"), ON("ON"), EQ("="),
    BELOW("BELOW"), BELOW_STRICT("BELOW STRICT"), NOT_BELOW("NOT BELOW"), NOT_BELOW_STRICT("NOT BELOW STRICT"),
    ABOVE("ABOVE"), ABOVE_STRICT("ABOVE STRICT"), NOT_ABOVE("NOT ABOVE"), NOT_ABOVE_STRICT("NOT ABOVE STRICT"),
    PAR_OPEN("("), PAR_CLOSE(")"), INTERVAL("INTERVAL"),
    F_SECOND("SECOND"), F_MINUTE("MINUTE"), F_HOUR("HOUR"), F_DAY("DAY"), F_MONTH("MONTH"), F_YEAR("YEAR"),
    NULL_VAL("NULL"), DOT("."), VARNAME(null), NAME(null), NUMVAL(null), MATH_MINUS("-"), HEXVAL(null),
    STRVAL(null), REGEXP("REGEXP"), NOT_EQ("!="), LOG_AND("AND"), LOG_OR("OR"), MATH_DIV("/"), MATH_MULT("*"),
    MATH_PLUS("+"), GT(">"), LT("<"), GE(">="), LE("<="), LIKE("LIKE"), NOT_LIKE("NOT LIKE"), MATCHES("MATCHES"),
    BITWISE_LEFT_SHIFT("<<"), BITWISE_RIGHT_SHIFT(">>"), BITWISE_AND("&"), BITWISE_OR("|"), BITWISE_XOR("^"),
    IN("IN"), NOT_IN("NOT IN"),
    F_IF("IF"), F_ELT("ELT"), F_COALESCE("COALESCE"), F_ISNULL("ISNULL"), F_CONCAT("CONCAT"), F_SUBSTR("SUBSTR"),
    F_TRIM("TRIM"), F_DATE("DATE"), F_DATE_FORMAT("DATE_FORMAT"), F_CURRENT_DATE("CURRENT_DATE"), F_NOW("NOW"),
    F_TIME("TIME"), F_TO_DAYS("TO_DAYS"), F_FROM_DAYS("FROM_DAYS"), F_DATE_ADD("DATE_ADD"), F_DATE_SUB("DATE_SUB"),
    F_ROUND("ROUND"), F_FLOOR("FLOOR"), F_INET_ATON("INET_ATON"), F_INET_NTOA("INET_NTOA"),
    /** End of input; iTop's parser names it this way in its messages. */
    END("End of Input");

    private final String fixedText;

    TokenType(String fixedText) {
        this.fixedText = fixedText;
    }

    /** The literal text of a keyword, operator or punctuation token; {@code null} for value tokens. */
    public String fixedText() {
        return fixedText;
    }

    /** The name shown in {@code Unexpected token <name>} messages. */
    public String displayName() {
        return this == END ? "End of Input" : name();
    }

    /** True for the function-name keywords ({@code IF}, {@code DATE_ADD}...), which include the interval units. */
    public boolean isFunctionName() {
        return name().startsWith("F_");
    }
}
