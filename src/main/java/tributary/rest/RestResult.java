package tributary.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.NullNode;

/**
 * The reply of a REST operation: {@code code} and {@code message} always first, then the members of the result kind
 * (iTop 3.2's order): {@code objects} for results with objects, {@code objects} and {@code relations} for
 * {@code core/get_related}, {@code version} and {@code operations} for {@code list_operations}, {@code authorized}
 * for {@code core/check_credentials}.
 */
public final class RestResult {

    public static final int OK = 0;
    public static final int UNAUTHORIZED = 1;
    public static final int MISSING_VERSION = 2;
    public static final int MISSING_JSON = 3;
    public static final int INVALID_JSON = 4;
    public static final int UNSUPPORTED_VERSION = 10;
    public static final int UNKNOWN_OPERATION = 11;
    public static final int UNSAFE = 12;
    public static final int INVALID_PAGE = 13;
    public static final int INTERNAL_ERROR = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private int code;
    private String message;
    private final Map<String, JsonNode> members = new LinkedHashMap<>();

    private RestResult() {
    }

    /** {@code code} and {@code message} only (message null). */
    public static RestResult basic() {
        return new RestResult();
    }

    /** A result with {@code objects: null} until an object is added. */
    public static RestResult withObjects() {
        RestResult result = new RestResult();
        result.members.put("objects", NullNode.getInstance());
        return result;
    }

    /** A result with {@code objects: null} and {@code relations: []} until filled. */
    public static RestResult withRelations() {
        RestResult result = withObjects();
        result.members.put("relations", NODES.arrayNode());
        return result;
    }

    /** An error result of the basic kind, e.g. {@code Error: Missing parameter 'json_data'}. */
    public static RestResult error(int code, String message) {
        return basic().code(code).message(message);
    }

    public RestResult code(int code) {
        this.code = code;
        return this;
    }

    public RestResult message(String message) {
        this.message = message;
        return this;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** Sets (or replaces, keeping its place) a member after {@code code} and {@code message}. */
    public RestResult put(String name, JsonNode value) {
        members.put(name, value == null ? NullNode.getInstance() : value);
        return this;
    }

    public JsonNode member(String name) {
        return members.get(name);
    }

    /**
     * Adds an object result {@code "<class>::<id>": {code, message, class, key, fields}} to {@code objects}; the
     * key is the id as a string.
     */
    public RestResult addObject(int objectCode, String objectMessage, String className, long id, ObjectNode fields) {
        JsonNode objects = members.get("objects");
        ObjectNode map = objects instanceof ObjectNode existing ? existing : NODES.objectNode();
        ObjectNode object = map.putObject(className + "::" + id);
        object.put("code", objectCode);
        object.put("message", objectMessage);
        object.put("class", className);
        object.put("key", Long.toString(id));
        object.set("fields", fields);
        members.put("objects", map);
        return this;
    }

    /** Adds the edge {@code source → target} to {@code relations}. */
    public RestResult addRelation(String source, String target) {
        JsonNode relations = members.get("relations");
        ObjectNode map = relations instanceof ObjectNode existing ? existing : NODES.objectNode();
        JsonNode list = map.get(source);
        (list == null ? map.putArray(source) : (tools.jackson.databind.node.ArrayNode) list).addObject().put("key", target);
        members.put("relations", map);
        return this;
    }

    /** The JSON object sent to the client. */
    public ObjectNode toJson() {
        ObjectNode json = NODES.objectNode();
        json.put("code", code);
        if (message == null) {
            json.putNull("message");
        } else {
            json.put("message", message);
        }
        members.forEach(json::set);
        return json;
    }
}
