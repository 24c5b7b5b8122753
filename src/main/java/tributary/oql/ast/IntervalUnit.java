package tributary.oql.ast;

/** Units allowed after {@code INTERVAL}. */
public enum IntervalUnit {
    SECOND, MINUTE, HOUR, DAY, MONTH, YEAR
}
