package tributary.oql.ast;

/** The OQL functions (same meaning as the MySQL functions of the same name), with their arity. */
public enum OqlFunction {
    IF(3, 3), ELT(2, Integer.MAX_VALUE), COALESCE(1, Integer.MAX_VALUE), ISNULL(1, 1), CONCAT(1, Integer.MAX_VALUE),
    SUBSTR(2, 3), TRIM(1, 1), DATE(1, 1), DATE_FORMAT(2, 2), CURRENT_DATE(0, 0), NOW(0, 0), TIME(1, 1),
    TO_DAYS(1, 1), FROM_DAYS(1, 1), YEAR(1, 1), MONTH(1, 1), DAY(1, 1), HOUR(1, 1), MINUTE(1, 1), SECOND(1, 1),
    DATE_ADD(2, 2), DATE_SUB(2, 2), ROUND(1, 2), FLOOR(1, 1), INET_ATON(1, 1), INET_NTOA(1, 1);

    private final int minArguments;
    private final int maxArguments;

    OqlFunction(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    /** Fewest arguments accepted. */
    public int minArguments() {
        return minArguments;
    }

    /** Most arguments accepted. */
    public int maxArguments() {
        return maxArguments;
    }
}
