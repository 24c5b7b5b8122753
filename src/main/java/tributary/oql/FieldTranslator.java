package tributary.oql;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates resolved fields into column references, following the storage contract of
 * {@link OqlCatalog}: stored attributes are columns of the class's table, external fields and
 * {@code <extkey>_friendlyname} read the target object through a LEFT JOIN, friendly names concatenate.
 */
final class FieldTranslator {

    /** Bounds chains of external fields, so a catalog with a cycle fails instead of looping. */
    private static final int MAX_CHAIN = 16;

    private final Translation translation;
    private final QueryScope current;

    FieldTranslator(Translation translation, QueryScope current) {
        this.translation = translation;
        this.current = current;
    }

    Sql field(ValidatedQuery.ResolvedField resolved) {
        return field(translation.sqlAlias(resolved), resolved.className(), resolved.field(), 0);
    }

    private Sql field(String alias, String className, CatalogView.Field field, int depth) {
        if (depth > MAX_CHAIN) {
            throw new IllegalStateException("External field chain too long (cycle in the catalog?) at "
                + className + "." + field.code());
        }
        return switch (field.role()) {
            case ID -> Sql.raw(alias + ".\"id\"", SqlType.INTEGER);
            case FINALCLASS -> Sql.raw(alias + ".\"finalclass\"", SqlType.TEXT);
            case OBSOLESCENCE_FLAG -> Sql.raw("0", SqlType.INTEGER);
            case KEY_FRIENDLYNAME -> {
                OqlAttribute.ExternalKey key = (OqlAttribute.ExternalKey) field.attribute();
                String target = join(alias, key);
                yield Sql.of(SqlType.TEXT, "(CASE WHEN " + target + ".\"id\" IS NOT NULL THEN ",
                    friendlyName(target, key.targetClass(), depth + 1), " END)");
            }
            case ATTRIBUTE -> attribute(alias, className, field.attribute(), depth);
        };
    }

    private Sql attribute(String alias, String className, OqlAttribute attribute, int depth) {
        String column = alias + "." + Sql.quote(attribute.code());
        if (attribute instanceof OqlAttribute.Scalar scalar) {
            return switch (scalar.kind()) {
                case INTEGER -> Sql.raw(column, SqlType.INTEGER);
                case DECIMAL -> Sql.raw(column, SqlType.DECIMAL);
                // iTop stores booleans as 0/1 and OQL compares them as numbers
                case BOOLEAN -> Sql.raw("CAST(" + column + " AS integer)", SqlType.INTEGER);
                case DATE -> Sql.raw(column, SqlType.DATE);
                case DATETIME -> Sql.raw(column, SqlType.DATETIME);
                default -> Sql.raw(column, SqlType.TEXT);
            };
        }
        if (attribute instanceof OqlAttribute.ExternalKey) {
            // empty keys are NULL here but 0 in iTop, so "org_id = 0" must match them
            return Sql.raw("COALESCE(" + column + ", 0)", SqlType.INTEGER);
        }
        if (attribute instanceof OqlAttribute.ExternalField external) {
            OqlAttribute key = translation.model.attributes(className).get(external.externalKeyCode());
            if (!(key instanceof OqlAttribute.ExternalKey externalKey)) {
                throw new IllegalStateException("External field " + className + "." + external.code()
                    + " refers to " + external.externalKeyCode() + ", which is not an external key");
            }
            String target = join(alias, externalKey);
            CatalogView.Field targetField = translation.model.filterCodes(externalKey.targetClass())
                .get(external.targetAttributeCode());
            if (targetField == null) {
                throw new IllegalStateException("External field " + className + "." + external.code()
                    + " refers to unknown attribute " + externalKey.targetClass() + "." + external.targetAttributeCode());
            }
            return field(target, externalKey.targetClass(), targetField, depth + 1);
        }
        if (attribute instanceof OqlAttribute.FriendlyName friendly) {
            return polymorphicFriendlyName(alias, className, friendly, depth);
        }
        throw new IllegalStateException("Attribute " + attribute.code() + " cannot be read in a condition");
    }

    private String join(String alias, OqlAttribute.ExternalKey key) {
        return current.leftJoin(translation, alias, key.code(), translation.table(key.targetClass()));
    }

    private Sql friendlyName(String alias, String className, int depth) {
        CatalogView.Field friendly = translation.model.filterCodes(className).get("friendlyname");
        if (friendly != null && friendly.role() == CatalogView.Role.ATTRIBUTE) {
            return field(alias, className, friendly, depth);
        }
        return Sql.raw("CAST(" + alias + ".\"id\" AS text)", SqlType.TEXT);
    }

    /**
     * An object's friendly name follows its own class's rule, whatever class the query names: a Person found through
     * {@code Contact} (or through an external key to {@code Contact}) is named "first last", as a read shows it, not by
     * Contact's "name". Subclasses with another rule share the table, so one CASE on {@code finalclass} picks the rule.
     */
    private Sql polymorphicFriendlyName(String alias, String className, OqlAttribute.FriendlyName friendly, int depth) {
        Sql own = concatenate(alias, className, friendly.attributeCodes(), depth);
        List<Sql> branches = new ArrayList<>();
        String table = translation.model.catalog().tableName(className);
        for (String subclass : translation.model.catalog().concreteSubclasses(className)) {
            CatalogView.Field field = translation.model.filterCodes(subclass).get("friendlyname");
            if (subclass.equals(className) || !table.equals(translation.model.catalog().tableName(subclass))
                    || field == null || !(field.attribute() instanceof OqlAttribute.FriendlyName rule)
                    || rule.attributeCodes().equals(friendly.attributeCodes())) {
                continue;
            }
            branches.add(Sql.of(SqlType.TEXT, " WHEN ", Sql.text(subclass), " THEN ",
                    concatenate(alias, subclass, rule.attributeCodes(), depth)));
        }
        if (branches.isEmpty()) {
            return own;
        }
        return Sql.of(SqlType.TEXT, "(CASE " + alias + ".\"finalclass\"", Sql.join(SqlType.TEXT, "", branches),
                " ELSE ", own, " END)");
    }

    /** The values joined by single spaces, NULLs read as empty strings. */
    private Sql concatenate(String alias, String className, List<String> codes, int depth) {
        if (codes.isEmpty()) {
            return Sql.raw("CAST(" + alias + ".\"id\" AS text)", SqlType.TEXT);
        }
        List<Sql> parts = new ArrayList<>();
        for (String code : codes) {
            CatalogView.Field part = translation.model.filterCodes(className).get(code);
            if (part == null) {
                throw new IllegalStateException("Friendly name of " + className + " uses unknown attribute " + code);
            }
            parts.add(Sql.of(SqlType.TEXT, "COALESCE(", Coercions.asText(field(alias, className, part, depth + 1)), ", '')"));
        }
        return Sql.of(SqlType.TEXT, "(", Sql.join(SqlType.TEXT, " || ' ' || ", parts), ")");
    }
}
