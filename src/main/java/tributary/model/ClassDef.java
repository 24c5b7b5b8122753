package tributary.model;

import java.util.List;

/**
 * One class of the data model as declared (own attributes only; {@link DataModel} resolves inheritance).
 *
 * @param name               class code ({@code Person})
 * @param label              English label
 * @param parent             parent class, or null for a root class
 * @param isAbstract         no object can have this class as its final class
 * @param category           rights category ({@code bizmodel}, {@code structure}, {@code authentication}…)
 * @param friendlyName       attributes joined by spaces to name an object (inherited when empty)
 * @param reconciliationKeys attributes identifying an object in imports and synchronization
 * @param ownAttributes      attributes declared by this class, in order
 * @param lifecycle          states and stimuli, or null
 * @param impacts            edges of the {@code impacts} relation starting from objects of this class
 * @param source             file that declared the class (for messages)
 * @param table              storage table of a root class when it is not the lower-cased class name, or null
 * @param readOnly           objects of the class are written by Tributary itself only (change history)
 */
public record ClassDef(
        String name,
        String label,
        String parent,
        boolean isAbstract,
        String category,
        List<String> friendlyName,
        List<String> reconciliationKeys,
        List<AttributeDef> ownAttributes,
        Lifecycle lifecycle,
        List<ImpactRule> impacts,
        String source,
        String table,
        boolean readOnly) {

    public ClassDef {
        friendlyName = List.copyOf(friendlyName);
        reconciliationKeys = List.copyOf(reconciliationKeys);
        ownAttributes = List.copyOf(ownAttributes);
        impacts = List.copyOf(impacts);
    }
}
