package tributary.oql.ast;

/** Binary operators of OQL expressions, grouped by the precedence level the grammar gives them. */
public enum BinaryOperator {
    // level 4 (lowest)
    OR("OR"), BITWISE_OR("|"), BITWISE_XOR("^"),
    // level 3
    AND("AND"), BITWISE_AND("&"),
    // level 2: comparisons share it with + and - (iTop's quirk)
    EQ("="), NOT_EQ("!="), LT("<"), GT(">"), LE("<="), GE(">="), PLUS("+"), MINUS("-"),
    LIKE("LIKE"), NOT_LIKE("NOT LIKE"), REGEXP("REGEXP"), MATCHES("MATCHES"),
    // level 1 (highest binary level)
    MULTIPLY("*"), DIVIDE("/"), SHIFT_LEFT("<<"), SHIFT_RIGHT(">>");

    private final String oql;

    BinaryOperator(String oql) {
        this.oql = oql;
    }

    /** The operator as written in OQL. */
    public String oql() {
        return oql;
    }

    /** True for the value comparisons {@code = != < > <= >=}. */
    public boolean isComparison() {
        return this == EQ || this == NOT_EQ || this == LT || this == GT || this == LE || this == GE;
    }
}
