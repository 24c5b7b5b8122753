package tributary.oql;

import java.util.List;
import java.util.Optional;

/**
 * What OQL needs to know about the data model. The project's model implements it through an adapter; it
 * is deliberately small and says nothing about how the model is defined.
 *
 * <p>Storage contract (single-table inheritance): every class of a hierarchy lives in the table of its root
 * class, in schema {@link #schema()}, with an {@code id bigint} primary key, a {@code finalclass text}
 * column holding the concrete class name, and one column per stored attribute named by its code.
 */
public interface OqlCatalog {

    /** Every class name, in a stable order (used for closest-name suggestions). */
    List<String> classNames();

    /** Whether {@code className} exists (class names are case-sensitive, as in iTop). */
    default boolean classExists(String className) {
        return classNames().contains(className);
    }

    /** Whether {@code className} is {@code ancestor} or one of its (direct or indirect) subclasses. */
    boolean isSameOrSubclass(String className, String ancestor);

    /** The closest class that both classes are (sub)classes of; empty when they belong to different hierarchies. */
    Optional<String> commonAncestor(String first, String second);

    /** The non-abstract classes among {@code className} and its subclasses (itself included when concrete). */
    List<String> concreteSubclasses(String className);

    /** Table holding the objects of {@code className}: the lower-cased root class name, unquoted. */
    String tableName(String className);

    /**
     * Attributes of {@code className}, inherited ones included, in display order. {@code id} and
     * {@code finalclass}, {@code obsolescence_flag} and {@code <extkey>_friendlyname} are implied and must not
     * be listed; {@code friendlyname} is listed as a {@link OqlAttribute.FriendlyName}.
     */
    List<OqlAttribute> attributes(String className);

    /** Schema of the tables. */
    default String schema() {
        return "cmdb";
    }
}
