package tributary.cmdb.linkset;

/**
 * A link-set text that does not follow the syntax. The message is iTop's ({@code Wrong format for link attribute
 * specification: value = <pair>}); the CSV import shows it after {@code Failed to process input: }.
 */
public final class LinkSetSyntaxException extends RuntimeException {

    public LinkSetSyntaxException(String message) {
        super(message);
    }
}
