package tributary.oql.ast;

/** Operators allowed in a {@code JOIN ... ON} condition: equality and the hierarchical (tree) operators. */
public enum JoinOperator {
    EQUALS("="), BELOW("BELOW"), BELOW_STRICT("BELOW STRICT"), NOT_BELOW("NOT BELOW"),
    NOT_BELOW_STRICT("NOT BELOW STRICT"), ABOVE("ABOVE"), ABOVE_STRICT("ABOVE STRICT"), NOT_ABOVE("NOT ABOVE"),
    NOT_ABOVE_STRICT("NOT ABOVE STRICT");

    private final String oql;

    JoinOperator(String oql) {
        this.oql = oql;
    }

    /** The operator as written in OQL. */
    public String oql() {
        return oql;
    }

    /** True for every operator but {@code =}. */
    public boolean isTree() {
        return this != EQUALS;
    }

    /** True for the {@code ABOVE} family (the key holder is an ancestor of the other side). */
    public boolean isAbove() {
        return name().contains("ABOVE");
    }

    /** True for the {@code STRICT} variants, which exclude the node itself. */
    public boolean isStrict() {
        return name().endsWith("STRICT");
    }

    /** True for the {@code NOT} variants. */
    public boolean isNegated() {
        return name().startsWith("NOT");
    }
}
