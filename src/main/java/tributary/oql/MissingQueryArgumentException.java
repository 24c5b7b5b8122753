package tributary.oql;

import java.util.Collection;

/**
 * A {@code :parameter} has no value: {@code Missing query argument: expecting = <name>, available = <names>}
 * (iTop's {@code MissingQueryArgument}, REST code 100).
 */
public final class MissingQueryArgumentException extends OqlException {

    private static final long serialVersionUID = 1L;

    /** Reports {@code name} missing among the {@code available} argument names. */
    public MissingQueryArgumentException(String query, String name, Collection<String> available) {
        super("Missing query argument: expecting = " + name + ", available = " + String.join(", ", available),
            "Missing query argument", query, 0, name);
    }

    @Override
    public String itopExceptionClass() {
        return "MissingQueryArgument";
    }
}
