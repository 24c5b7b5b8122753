package tributary.oql;

/** Types of translated SQL expressions, driving the MySQL-like coercions. */
enum SqlType {
    TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME, NULL;

    boolean isNumeric() {
        return this == INTEGER || this == DECIMAL || this == BOOLEAN;
    }

    boolean isTemporal() {
        return this == DATE || this == DATETIME;
    }
}
