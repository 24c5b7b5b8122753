package tributary.security;

/** What a profile may do on a class category, as iTop's rights (read, bulk read, write, bulk write, delete). */
public enum Action {
    READ("reading"), BULK_READ("exporting"), WRITE("modifying"), BULK_WRITE("massively modifying"), DELETE("deleting"),
    CREATE("creating"), BULK_CREATE("massively creating");

    private final String verb;

    Action(String verb) {
        this.verb = verb;
    }

    /** iTop's wording: "The current user does not have enough permissions for <verb> data of class <C>". */
    public String verb() {
        return verb;
    }

    /** The right that grants this action (creation needs the write rights). */
    Action grantedBy() {
        return switch (this) {
            case CREATE -> WRITE;
            case BULK_CREATE -> BULK_WRITE;
            default -> this;
        };
    }
}
