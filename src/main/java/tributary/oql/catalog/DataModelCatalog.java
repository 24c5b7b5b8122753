package tributary.oql.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tributary.model.AttributeDef;
import tributary.model.ClassDef;
import tributary.model.DataModel;
import tributary.oql.OqlAttribute;
import tributary.oql.OqlAttributeKind;
import tributary.oql.OqlCatalog;

/**
 * The data model seen through OQL's catalog interface. Case logs and passwords are left out: they are not
 * searchable (a case log is a JSON document, a password a one-way hash). {@code <extkey>_friendlyname} is implied
 * by OQL and therefore not listed. Immutable once built, so it is shared by every query.
 */
@Component
public class DataModelCatalog implements OqlCatalog {

    private final DataModel model;
    private final List<String> classNames;
    private final Map<String, List<OqlAttribute>> attributes = new ConcurrentHashMap<>();

    public DataModelCatalog(DataModel model) {
        this.model = model;
        this.classNames = model.classes().stream().map(ClassDef::name).toList();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public boolean classExists(String className) {
        return model.hasClass(className);
    }

    @Override
    public boolean isSameOrSubclass(String className, String ancestor) {
        return model.hasClass(className) && model.hasClass(ancestor) && model.isSubclassOf(className, ancestor);
    }

    @Override
    public Optional<String> commonAncestor(String first, String second) {
        return model.commonAncestor(first, second);
    }

    @Override
    public List<String> concreteSubclasses(String className) {
        return model.concreteClasses(className);
    }

    @Override
    public String tableName(String className) {
        return model.tableOf(className);
    }

    @Override
    public List<OqlAttribute> attributes(String className) {
        return attributes.computeIfAbsent(className, this::translate);
    }

    private List<OqlAttribute> translate(String className) {
        List<OqlAttribute> result = new ArrayList<>();
        for (AttributeDef att : model.attributes(className).values()) {
            OqlAttribute translated = translate(className, att);
            if (translated != null) {
                result.add(translated);
            }
        }
        return List.copyOf(result);
    }

    private OqlAttribute translate(String className, AttributeDef att) {
        return switch (att.type()) {
            case STRING, TEXT, HTML, ENUM, EMAIL, PHONE, IP_ADDRESS, URL -> new OqlAttribute.Scalar(att.code(), OqlAttributeKind.STRING);
            case INTEGER -> new OqlAttribute.Scalar(att.code(), OqlAttributeKind.INTEGER);
            case DECIMAL -> new OqlAttribute.Scalar(att.code(), OqlAttributeKind.DECIMAL);
            case BOOLEAN -> new OqlAttribute.Scalar(att.code(), OqlAttributeKind.BOOLEAN);
            case DATE -> new OqlAttribute.Scalar(att.code(), OqlAttributeKind.DATE);
            case DATETIME -> new OqlAttribute.Scalar(att.code(), OqlAttributeKind.DATETIME);
            case EXTERNAL_KEY -> new OqlAttribute.ExternalKey(att.code(), att.targetClass(), att.hierarchical());
            case EXTERNAL_FIELD -> isKeyFriendlyName(att) ? null
                    : new OqlAttribute.ExternalField(att.code(), att.keyAttribute(), att.remoteAttribute());
            case FRIENDLY_NAME -> new OqlAttribute.FriendlyName(att.code(), model.friendlyNameAttributes(className));
            case LINK_SET, LINK_SET_INDIRECT -> new OqlAttribute.LinkSet(att.code());
            case CASE_LOG, PASSWORD -> null;
        };
    }

    /** {@code org_id_friendlyname}: OQL derives it from the key itself. */
    private static boolean isKeyFriendlyName(AttributeDef att) {
        return "friendlyname".equals(att.remoteAttribute()) && att.code().equals(att.keyAttribute() + "_friendlyname");
    }
}
