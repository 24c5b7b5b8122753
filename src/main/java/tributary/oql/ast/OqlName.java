package tributary.oql.ast;

/**
 * A class, alias or attribute name as written in the query (back-quotes removed), with its position so
 * that semantic errors can point at it.
 *
 * @param value  the name
 * @param column position in the query, in UTF-8 bytes from 0
 */
public record OqlName(String value, int column) {

    @Override
    public String toString() {
        return value;
    }
}
