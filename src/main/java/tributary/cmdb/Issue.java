package tributary.cmdb;

/**
 * One reason why a value or an object was refused.
 *
 * @param attribute the attribute concerned, or null for the object as a whole
 * @param message   the complete message, as shown to users (iTop's wording)
 */
public record Issue(String attribute, String message) {

    /** {@code Unexpected value for attribute '<code>': <reason>} — iTop's check-to-write wording. */
    public static Issue unexpectedValue(String attribute, String reason) {
        return new Issue(attribute, "Unexpected value for attribute '" + attribute + "': " + reason);
    }

    public static Issue of(String attribute, String message) {
        return new Issue(attribute, message);
    }
}
