package tributary.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tributary.cmdb.CaseLog;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.HtmlSanitizer;
import tributary.cmdb.ValueConverter;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;

/** Writes the {@code fields} of an object result with iTop's JSON encoding per attribute type (section 1.5). */
@Component
class ObjectRenderer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DataModel model;

    ObjectRenderer(DataModel model) {
        this.model = model;
    }

    ObjectNode fields(CmdbObject object, OutputFields output) {
        ObjectNode fields = NODES.objectNode();
        for (String code : output.forClass(model, object.className())) {
            put(fields, object, code, output.extended());
        }
        return fields;
    }

    private void put(ObjectNode fields, CmdbObject object, String code, boolean extended) {
        switch (code) {
            case "id" -> fields.put("id", Long.toString(object.id()));
            case OutputFields.PSEUDO_FINALCLASS -> fields.put(code, object.className());
            case OutputFields.PSEUDO_OBSOLESCENCE -> fields.put(code, false);
            default -> {
                AttributeDef att = model.attribute(object.className(), code).orElse(null);
                if (att == null) {
                    // an attribute of the requested class that this object's class lacks (unrelated OQL class)
                    fields.putNull(code);
                } else if (att.type().isLinkSet()) {
                    fields.set(code, links(att, object.links(code), extended));
                } else {
                    putValue(fields, att, object.get(code));
                }
            }
        }
    }

    private void putValue(ObjectNode fields, AttributeDef att, Object value) {
        String code = att.code();
        switch (att.type()) {
            case EXTERNAL_KEY -> fields.put(code, value == null ? "0" : value.toString());
            case BOOLEAN -> fields.put(code, Boolean.TRUE.equals(value));
            case INTEGER, DECIMAL -> {
                if (value == null) {
                    fields.putNull(code);
                } else {
                    fields.put(code, value instanceof BigDecimal d ? d.toPlainString() : value.toString());
                }
            }
            case CASE_LOG -> fields.set(code, caseLog(value instanceof CaseLog log ? log : CaseLog.empty()));
            case PASSWORD -> fields.put(code, "");
            case EXTERNAL_FIELD -> fields.put(code, externalText(value));
            default -> fields.put(code, value == null ? "" : ValueConverter.toText(value));
        }
    }

    private static String externalText(Object value) {
        if (value instanceof LocalDate || value instanceof LocalDateTime || value instanceof BigDecimal) {
            return ValueConverter.toText(value);
        }
        return value == null ? "" : value.toString();
    }

    /** A link set: each link's attributes except the key to the host and the fields read through that key. */
    private ArrayNode links(AttributeDef att, List<CmdbObject> links, boolean extended) {
        ArrayNode array = NODES.arrayNode();
        for (CmdbObject link : links) {
            String linkClass = extended ? link.className() : att.targetClass();
            ObjectNode entry = array.addObject();
            for (AttributeDef linkAtt : model.attributes(linkClass).values()) {
                if (linkAtt.code().equals(att.keyAttribute()) || linkAtt.type().isLinkSet()
                        || linkAtt.type() == AttributeType.PASSWORD
                        || linkAtt.type() == AttributeType.EXTERNAL_FIELD && att.keyAttribute().equals(linkAtt.keyAttribute())) {
                    continue;
                }
                putValue(entry, linkAtt, link.get(linkAtt.code()));
            }
        }
        return array;
    }

    private static ObjectNode caseLog(CaseLog log) {
        ObjectNode json = NODES.objectNode();
        ArrayNode entries = json.putArray("entries");
        for (CaseLog.Entry entry : log.entries()) {
            ObjectNode item = entries.addObject();
            item.put("date", ValueConverter.DATETIME.format(entry.date()));
            item.put("user_login", entry.userLogin());
            item.put("user_id", Long.toString(entry.userId()));
            item.put("message", HtmlSanitizer.toText(entry.messageHtml()));
            item.put("message_html", entry.messageHtml());
        }
        return json;
    }
}
