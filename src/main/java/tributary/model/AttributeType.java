package tributary.model;

import java.util.Locale;

/** The attribute types of the data model, with the YAML spelling of each. */
public enum AttributeType {
    STRING("string"), TEXT("text"), HTML("html"), INTEGER("integer"), DECIMAL("decimal"),
    BOOLEAN("boolean"), DATE("date"), DATETIME("datetime"), ENUM("enum"), EMAIL("email"),
    PHONE("phone"), IP_ADDRESS("ip"), URL("url"), EXTERNAL_KEY("extkey"), EXTERNAL_FIELD("extfield"),
    FRIENDLY_NAME("friendlyname"), LINK_SET("linkset"), LINK_SET_INDIRECT("linkset_indirect"),
    CASE_LOG("caselog"), PASSWORD("password");

    private final String yamlName;

    AttributeType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Whether values of this type live in a column of the class table. */
    public boolean isStored() {
        return switch (this) {
            case EXTERNAL_FIELD, FRIENDLY_NAME, LINK_SET, LINK_SET_INDIRECT -> false;
            default -> true;
        };
    }

    /** Whether the value is text compared case-insensitively, as iTop's collation does. */
    /** A value computed from others (a friendly name, an external field), never stored, searched through OQL. */
    public boolean isComputed() {
        return this == FRIENDLY_NAME || this == EXTERNAL_FIELD;
    }

    public boolean isText() {
        return switch (this) {
            case STRING, TEXT, HTML, ENUM, EMAIL, PHONE, IP_ADDRESS, URL -> true;
            default -> false;
        };
    }

    public boolean isLinkSet() {
        return this == LINK_SET || this == LINK_SET_INDIRECT;
    }

    /** PostgreSQL column type of a stored attribute. */
    public String sqlType() {
        return switch (this) {
            case INTEGER -> "bigint";
            case DECIMAL -> "numeric";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case DATETIME -> "timestamp";
            case EXTERNAL_KEY -> "bigint";
            case CASE_LOG -> "jsonb";
            case EXTERNAL_FIELD, FRIENDLY_NAME, LINK_SET, LINK_SET_INDIRECT ->
                    throw new IllegalStateException(this + " is not stored");
            default -> "text";
        };
    }

    public static AttributeType fromYaml(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (AttributeType type : values()) {
            if (type.yamlName.equals(wanted)) {
                return type;
            }
        }
        throw new ModelException("unknown attribute type '" + name + "'");
    }
}
