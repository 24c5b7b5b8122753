package tributary.oql;

import java.util.List;
import java.util.Objects;

/** An attribute of a class, with what its kind needs to be queried. */
public sealed interface OqlAttribute {

    /** The attribute code, as used in OQL and as the column name of stored attributes. */
    String code();

    /** What kind of attribute this is. */
    OqlAttributeKind kind();

    /**
     * A stored scalar attribute (kinds {@code STRING} to {@code DATETIME}).
     *
     * @param code attribute code and column name
     * @param kind its kind
     */
    record Scalar(String code, OqlAttributeKind kind) implements OqlAttribute {
        /** Rejects kinds that are not stored scalars. */
        public Scalar {
            Objects.requireNonNull(code);
            if (kind.ordinal() > OqlAttributeKind.DATETIME.ordinal()) {
                throw new IllegalArgumentException("Not a scalar kind: " + kind);
            }
        }
    }

    /**
     * A stored external key.
     *
     * @param code         attribute code and column name
     * @param targetClass  class of the objects it points to
     * @param hierarchical whether it defines a tree ({@code parent_id}), enabling {@code BELOW}/{@code ABOVE}
     */
    record ExternalKey(String code, String targetClass, boolean hierarchical) implements OqlAttribute {
        @Override
        public OqlAttributeKind kind() {
            return OqlAttributeKind.EXTERNAL_KEY;
        }
    }

    /**
     * An attribute read through an external key, e.g. {@code org_name} = {@code org_id->name}.
     *
     * @param code                attribute code
     * @param externalKeyCode     the external key of the same class
     * @param targetAttributeCode an attribute of the key's target class (may itself be an external field)
     */
    record ExternalField(String code, String externalKeyCode, String targetAttributeCode) implements OqlAttribute {
        @Override
        public OqlAttributeKind kind() {
            return OqlAttributeKind.EXTERNAL_FIELD;
        }
    }

    /**
     * The friendly name: the values of {@code attributeCodes} joined by single spaces, NULLs read as empty.
     *
     * @param code           attribute code, normally {@code friendlyname}
     * @param attributeCodes attributes of the same class, in order
     */
    record FriendlyName(String code, List<String> attributeCodes) implements OqlAttribute {
        /** Copies the list so the record stays immutable. */
        public FriendlyName {
            attributeCodes = List.copyOf(attributeCodes);
        }

        @Override
        public OqlAttributeKind kind() {
            return OqlAttributeKind.FRIENDLYNAME;
        }
    }

    /**
     * A link set (1-n or n-n relation); known so that using it in a condition gets a clear error.
     *
     * @param code attribute code
     */
    record LinkSet(String code) implements OqlAttribute {
        @Override
        public OqlAttributeKind kind() {
            return OqlAttributeKind.LINKSET;
        }
    }
}
