package tributary.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tributary.cmdb.CaseLog;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.ObjectService;
import tributary.cmdb.ValueConverter;
import tributary.model.AttributeDef;
import tributary.model.AttributeType;
import tributary.model.DataModel;
import tributary.oql.CompiledQuery;
import tributary.oql.OqlException;
import tributary.oql.catalog.OqlSearch;
import tributary.oql.catalog.OqlSearch.Found;

/**
 * iTop's REST helpers ({@code RestUtils}): class parameters, the forms of a {@code key} in set mode and in
 * exactly-one mode, and the conversion of {@code fields} values (external keys given by id, OQL or criteria, link
 * sets, case logs, dates) into the values the object service takes. Every failure is a {@link RestException} with
 * iTop's message.
 */
@Component
class ObjectResolver {

    private final DataModel model;
    private final ObjectService objects;
    private final OqlSearch oql;

    ObjectResolver(DataModel model, ObjectService objects, OqlSearch oql) {
        this.model = model;
        this.objects = objects;
        this.oql = oql;
    }

    // ---------------------------------------------------------------- parameters

    static JsonNode mandatory(JsonNode params, String name) {
        JsonNode value = PhpValues.get(params, name);
        if (value == null) {
            throw new RestException("Missing parameter '" + name + "'");
        }
        return value;
    }

    /** A mandatory parameter naming a class of the model. */
    String validClass(JsonNode params, String name) {
        String className = PhpValues.toText(mandatory(params, name));
        if (!model.hasClass(className)) {
            throw new RestException(name + ": '" + className + "' is not a valid class'");
        }
        return className;
    }

    // ---------------------------------------------------------------- keys, set mode

    /** The objects a key designates, without error when there is none. */
    ObjectSet findSet(String className, JsonNode key, RestCaller caller) {
        if (key == null || key.isNull()) {
            throw new RestException("Missing parameter 'key'");
        }
        if (key.isObject()) {
            String searchClass = className;
            JsonNode finalClass = PhpValues.get(key, "finalclass");
            if (finalClass != null) {
                searchClass = PhpValues.toText(finalClass);
                if (!model.hasClass(searchClass)) {
                    throw new RestException("finalclass: Unknown class '" + searchClass + "'");
                }
            }
            return querySet(criteriaQuery(searchClass, key, caller, false).query, null);
        }
        if (PhpValues.isNumeric(key)) {
            Long id = integralId(key);
            return new IdSet(className, id);
        }
        if (key.isString()) {
            String text = key.stringValue();
            CompiledQuery query;
            try {
                query = oql.compile(text, Map.of(), caller.oqlCaller());
            } catch (OqlException e) {
                throw new RestException("Query failed to execute: query = " + text + ", exception_class = "
                        + e.itopExceptionClass() + ", exception_message = " + e.getMessage());
            }
            return querySet(query, text);
        }
        throw new RestException("Wrong format for key");
    }

    private ObjectSet querySet(CompiledQuery query, String text) {
        return new ObjectSet() {
            @Override
            public String targetClass() {
                return query.resultClass();
            }

            @Override
            public long count() {
                return run(() -> oql.count(query), text);
            }

            @Override
            public List<Found> fetch(long limit, long offset) {
                return run(() -> oql.fetch(query, limit, offset), text);
            }

            @Override
            public List<CmdbObject> objects(long limit, long offset, boolean withLinkSets) {
                List<Found> found = fetch(limit, offset);
                return found.isEmpty() ? List.of()
                        : objects.getAll(query.resultClass(), found.stream().map(Found::id).toList(), withLinkSets);
            }
        };
    }

    /** A database refusal of a translated query: reported without the SQL. */
    private static <T> T run(java.util.function.Supplier<T> work, String text) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new RestException("Query failed to execute: query = " + (text == null ? "(criteria)" : text)
                    + ", exception_class = MySQLException, exception_message = the database could not run the query");
        }
    }

    private final class IdSet implements ObjectSet {
        private final String className;
        private final Long id;
        private List<Found> found;

        IdSet(String className, Long id) {
            this.className = className;
            this.id = id;
        }

        @Override
        public String targetClass() {
            return className;
        }

        private List<CmdbObject> loaded;
        private boolean loadedWithLinkSets;

        private List<Found> load() {
            if (found == null) {
                found = objects(0, 0, false).stream().map(o -> new Found(o.className(), o.id())).toList();
            }
            return found;
        }

        @Override
        public List<CmdbObject> objects(long limit, long offset, boolean withLinkSets) {
            if (loaded == null || withLinkSets && !loadedWithLinkSets) {
                loaded = id == null ? List.of() : objects.getAll(className, List.of(id), withLinkSets);
                loadedWithLinkSets = withLinkSets;
            }
            return offset > 0 ? List.of() : loaded;
        }

        @Override
        public long count() {
            return load().size();
        }

        @Override
        public List<Found> fetch(long limit, long offset) {
            return offset > 0 ? List.of() : load();
        }
    }

    /**
     * The id a numeric key designates, or null when it cannot be an id (nothing matches it then). Negative ids are
     * those of derived history entries (creations, see HistoryTables); no other object has one.
     */
    private static Long integralId(JsonNode key) {
        try {
            BigDecimal value = new BigDecimal(PhpValues.toText(key).strip());
            return value.signum() != 0 && value.stripTrailingZeros().scale() <= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0 ? value.longValueExact() : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- keys, exactly-one mode

    /** The one object a key designates; with {@code allowNull}, a key of 0 designates none (null). */
    Found findOne(String className, JsonNode key, boolean allowNull, RestCaller caller) {
        if (key == null || key.isNull()) {
            throw new RestException("Missing parameter 'key'");
        }
        if (key.isObject()) {
            return findByCriteria(className, key, caller);
        }
        if (PhpValues.isNumeric(key)) {
            Long id = integralId(key);
            if (allowNull && new BigDecimal(PhpValues.toText(key).strip()).signum() == 0) {
                return null;
            }
            List<CmdbObject> found = id == null ? List.of() : objects.getAll(className, List.of(id), false);
            if (found.isEmpty()) {
                throw new RestException("Invalid object " + className + "::" + PhpValues.toText(key));
            }
            return new Found(found.get(0).className(), found.get(0).id());
        }
        if (key.isString()) {
            String text = key.stringValue();
            CompiledQuery query;
            try {
                query = oql.compile(text, Map.of(), caller.oqlCaller());
            } catch (OqlException e) {
                throw new RestException(e.getMessage());
            }
            List<Found> found = run(() -> oql.fetch(query, 2, 0), text);
            if (found.isEmpty()) {
                throw new RestException("No item found for query: " + text);
            }
            if (found.size() > 1) {
                throw new RestException("Several items found (" + run(() -> oql.count(query), text) + ") for query: " + text);
            }
            return found.get(0);
        }
        throw new RestException("Wrong format for key");
    }

    private Found findByCriteria(String className, JsonNode criteria, RestCaller caller) {
        String searchClass = className;
        JsonNode finalClass = PhpValues.get(criteria, "finalclass");
        if (finalClass != null) {
            String name = PhpValues.toText(finalClass);
            if (!model.hasClass(name)) {
                throw new RestException("finalclass: Unknown class '" + name + "'");
            }
            if (!model.isSubclassOf(name, className)) {
                throw new RestException("finalclass: '" + name + "' is not a child class of '" + className + "'");
            }
            searchClass = name;
        }
        Criteria built = criteriaQuery(searchClass, criteria, caller, true);
        List<Found> found = run(() -> oql.fetch(built.query, 2, 0), null);
        if (found.isEmpty()) {
            throw new RestException("No item found with criteria: " + built.report);
        }
        if (found.size() > 1) {
            throw new RestException("Several items found (" + run(() -> oql.count(built.query), null)
                    + ") with criteria: " + built.report);
        }
        return found.get(0);
    }

    private record Criteria(CompiledQuery query, String report) {
    }

    /**
     * Criteria as a parameterised OQL query: every member is an equality on an attribute of the class (codes are
     * checked against the model before they are written into the query; values are bound arguments).
     */
    private Criteria criteriaQuery(String className, JsonNode criteria, RestCaller caller, boolean keepFinalClass) {
        StringBuilder text = new StringBuilder("SELECT ").append(className);
        Map<String, Object> arguments = new LinkedHashMap<>();
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, JsonNode> criterion : criteria.properties()) {
            String code = criterion.getKey();
            if (code.equals("finalclass") && !keepFinalClass) {
                continue;
            }
            Object value;
            if (code.equals("finalclass") || code.equals("obsolescence_flag")) {
                value = code.equals("finalclass") ? PhpValues.toText(criterion.getValue())
                        : (Object) (PhpValues.truthy(criterion.getValue()) ? 1L : 0L);
            } else {
                AttributeDef att = model.attribute(className, code).orElseThrow(() ->
                        new RestException(code + ": Unknown attribute"));
                if (att.type().isLinkSet() || att.type() == AttributeType.CASE_LOG || att.type() == AttributeType.PASSWORD) {
                    throw new RestException(code + ": this attribute cannot be used as a search criterion");
                }
                value = makeValue(className, code, criterion.getValue(), caller);
            }
            String parameter = "criterion" + arguments.size();
            text.append(arguments.isEmpty() ? " WHERE " : " AND ").append(code).append(" = :").append(parameter);
            arguments.put(parameter, value);
            JsonNode raw = criterion.getValue();
            report.add(code + ": " + (raw.isObject() || raw.isArray() ? raw.toString() : PhpValues.toText(raw))
                    + " (" + ValueConverter.toText(value) + ")");
        }
        CompiledQuery query;
        try {
            query = oql.compile(text.toString(), arguments, caller.oqlCaller());
        } catch (OqlException e) {
            throw new RestException(e.getMessage());
        }
        return new Criteria(query, String.join(", ", report));
    }

    // ---------------------------------------------------------------- field values

    /** {@code fields} of create/update: attribute code → value for the object service. */
    Map<String, Object> makeFields(String className, JsonNode fields, RestCaller caller) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (fields == null || !fields.isObject()) {
            return values;
        }
        for (Map.Entry<String, JsonNode> field : fields.properties()) {
            values.put(field.getKey(), makeValue(className, field.getKey(), field.getValue(), caller));
        }
        return values;
    }

    /** One value of {@code fields} or of criteria; errors are prefixed with the attribute code. */
    Object makeValue(String className, String code, JsonNode value, RestCaller caller) {
        AttributeDef att = model.attribute(className, code).orElseThrow(() -> new RestException(code + ": Unknown attribute"));
        try {
            return switch (att.type()) {
                case EXTERNAL_KEY -> {
                    Found target = findOne(att.targetClass(), value, true, caller);
                    yield target == null ? 0L : target.id();
                }
                case LINK_SET, LINK_SET_INDIRECT -> links(att, value, caller);
                case CASE_LOG -> caseLog(att, value, caller);
                case DATE, DATETIME -> {
                    Object raw = scalar(value);
                    try {
                        yield ValueConverter.convert(att, raw);
                    } catch (ValueConverter.InvalidValueException e) {
                        if (e.formatError()) {
                            throw new RestException(e.getMessage());
                        }
                        yield raw;
                    }
                }
                default -> scalar(value);
            };
        } catch (RestException e) {
            throw new RestException(e.code(), code + ": " + e.getMessage());
        }
    }

    private List<Map<String, Object>> links(AttributeDef att, JsonNode value, RestCaller caller) {
        if (value == null || !value.isArray()) {
            throw new RestException("A link set must be defined by an array of objects");
        }
        List<Map<String, Object>> links = new ArrayList<>();
        for (JsonNode entry : value) {
            if (!entry.isObject()) {
                throw new RestException("A link set must be defined by an array of objects");
            }
            String linkClass = att.targetClass();
            Map<String, Object> link = new LinkedHashMap<>();
            JsonNode finalClass = PhpValues.get(entry, "finalclass");
            if (finalClass != null) {
                linkClass = PhpValues.toText(finalClass);
                if (!model.hasClass(linkClass)) {
                    throw new RestException("finalclass: Unknown class '" + linkClass + "'");
                }
                if (!model.isSubclassOf(linkClass, att.targetClass())) {
                    throw new RestException("finalclass: '" + linkClass + "' is not a child class of '" + att.targetClass() + "'");
                }
                link.put("finalclass", linkClass);
            }
            for (Map.Entry<String, JsonNode> field : entry.properties()) {
                if (!field.getKey().equals("finalclass")) {
                    link.put(field.getKey(), makeValue(linkClass, field.getKey(), field.getValue(), caller));
                }
            }
            links.add(link);
        }
        return links;
    }

    private Object caseLog(AttributeDef att, JsonNode value, RestCaller caller) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            return PhpValues.toText(value);
        }
        JsonNode items = PhpValues.get(value, "items");
        JsonNode addItem = PhpValues.get(value, "add_item");
        if (items == null && addItem != null) {
            return caseLogEntry(addItem, caller);
        }
        if (items == null) {
            throw new RestException("Missing 'items' elements");
        }
        List<CaseLog.AddItem> entries = new ArrayList<>();
        for (JsonNode item : items) {
            entries.add(caseLogEntry(item, caller));
        }
        return new CaseLog.ReplaceItems(entries);
    }

    private CaseLog.AddItem caseLogEntry(JsonNode item, RestCaller caller) {
        JsonNode message = PhpValues.get(item, "message");
        if (message == null) {
            throw new RestException("Missing mandatory entry: 'message'");
        }
        boolean html = !"text".equals(PhpValues.toText(PhpValues.get(item, "format")));
        String userLogin = PhpValues.get(item, "user_login") == null ? null : PhpValues.toText(item.get("user_login"));
        Long userId = null;
        JsonNode userIdNode = PhpValues.get(item, "user_id");
        if (userIdNode != null) {
            if (!caller.account().isAdministrator()) {
                throw new RestException(RestResult.UNAUTHORIZED, "Only administrators can set the user id");
            }
            userId = PhpValues.toInt(userIdNode);
            if (userId != 0) {
                CmdbObject user = objects.getAll("User", List.of(userId), false).stream().findFirst().orElseThrow(() ->
                        new RestException("Invalid object User::" + PhpValues.toText(userIdNode)));
                String contactName = user.getString("contactid_friendlyname");
                userLogin = contactName == null || contactName.isBlank() ? user.getString("login") : contactName;
            } else if (userLogin == null) {
                userLogin = "";
            }
        }
        LocalDateTime date = null;
        JsonNode dateNode = PhpValues.get(item, "date");
        if (dateNode != null) {
            date = parseDate(PhpValues.toText(dateNode));
        }
        return new CaseLog.AddItem(PhpValues.toText(message), html, userLogin, userId, date);
    }

    private static LocalDateTime parseDate(String text) {
        String value = text.strip();
        try {
            return LocalDateTime.parse(value, ValueConverter.DATETIME);
        } catch (DateTimeParseException e) {
            // try the other forms below
        }
        try {
            return LocalDate.parse(value, ValueConverter.DATE).atStartOfDay();
        } catch (DateTimeParseException e) {
            // try the other forms below
        }
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            // try the other forms below
        }
        try {
            return OffsetDateTime.parse(value).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw new RestException("Invalid date '" + text + "'");
        }
    }

    /** A JSON value as the object service takes it: String, Long, BigDecimal, Boolean or null. */
    static Object scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.decimalValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.toString();
    }
}
