package tributary.model;

import java.util.List;

/**
 * One attribute of a class. Fields that do not apply to the type are null (or empty).
 *
 * @param code          attribute code, as in iTop ({@code org_id})
 * @param label         English label ({@code Organization})
 * @param type          attribute type
 * @param mandatory     a value is required (null not allowed)
 * @param readOnly      computed by Tributary, never written by users
 * @param unique        no two objects of the class hierarchy share the value (case-insensitive)
 * @param maxLength     maximum length of a string value, 0 = unlimited
 * @param values        allowed codes of an enum
 * @param defaultValue  value given to new objects when none is supplied
 * @param targetClass   external key: the class pointed to; link set: the link class
 * @param hierarchical  external key forming a tree (BELOW / ABOVE in OQL)
 * @param onTargetDelete external key: what happens when the target is deleted
 * @param keyAttribute  external field: its external key; link set: the link's key to the host
 * @param remoteAttribute external field: the target's attribute; indirect link set: the link's key to the remote
 * @param declaringClass the class that declares the attribute
 * @param autoNumber    format ({@code R-%06d}) giving the value from the object id at creation, or null
 * @param touch         set to the current time on every write (e.g. {@code last_update})
 * @param indexed       whether the stored values get a database index; null for the default: external keys and text
 *                      reconciliation keys are indexed
 */
public record AttributeDef(
        String code,
        String label,
        AttributeType type,
        boolean mandatory,
        boolean readOnly,
        boolean unique,
        int maxLength,
        List<String> values,
        String defaultValue,
        String targetClass,
        boolean hierarchical,
        DeletionRule onTargetDelete,
        String keyAttribute,
        String remoteAttribute,
        String declaringClass,
        String autoNumber,
        boolean touch,
        Boolean indexed) {

    public AttributeDef {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public boolean isStored() {
        return type.isStored();
    }

    /** Name of the column holding the value in the class table. */
    public String column() {
        return code;
    }

    /** Whether users may write the attribute (through REST, CSV import, synchronization). */
    public boolean isWritable() {
        return !readOnly && switch (type) {
            case EXTERNAL_FIELD, FRIENDLY_NAME -> false;
            default -> true;
        };
    }
}
