package tributary.oql;

/**
 * Attribute kinds as far as OQL is concerned. The first six are stored in a column of the matching
 * PostgreSQL type ({@code text}, {@code bigint}, {@code numeric}, {@code boolean}, {@code date},
 * {@code timestamp}); {@code STRING} covers every text-like iTop type (enum, email, phone, ip, url, html...).
 */
public enum OqlAttributeKind {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME,
    /** A {@code bigint} column pointing to an object id; NULL when empty (OQL sees 0). */
    EXTERNAL_KEY,
    /** An attribute of the object an external key points to; not stored. */
    EXTERNAL_FIELD,
    /** Attribute codes joined by single spaces; not stored. */
    FRIENDLYNAME,
    /** A list of linked objects; not usable in conditions. */
    LINKSET
}
