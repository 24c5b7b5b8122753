package tributary.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tributary.oql.OqlException;
import tributary.security.Account;
import tributary.security.WebServiceAuthenticator;
import tributary.util.UnicodeText;

/**
 * The processing pipeline of {@code rest.php} (section 1.3): authentication, REST profile, {@code version},
 * {@code json_data}, JSON decoding, providers for the version, {@code operation}, {@code list_operations}, verb
 * lookup, dispatch. The first failing step decides the reply.
 */
@Component
public class RestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RestDispatcher.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final List<RestServiceProvider> providers;

    public RestDispatcher(List<RestServiceProvider> providers) {
        List<RestServiceProvider> ordered = new ArrayList<>(providers);
        // the core verbs come first; other providers keep the context's order and win on a shared verb
        ordered.sort(Comparator.comparingInt(p -> p instanceof CoreServices ? 0 : 1));
        this.providers = List.copyOf(ordered);
    }

    /** One request's inputs: parameters already read, authentication still to do (step 3). */
    public record Request(String version, String jsonData, WebServiceAuthenticator.Login login) {
    }

    public RestResult process(Request request) {
        Optional<Account> account = request.login().account();
        if (account.isEmpty()) {
            return RestResult.error(RestResult.UNAUTHORIZED, "Error: Invalid login");
        }
        if (!account.get().hasRestAccess()) {
            return RestResult.error(RestResult.UNAUTHORIZED, "Error: This user is not authorized to use the web services."
                    + " (The profile REST Services User is required to access the REST web services)");
        }
        String version = request.version();
        if (version == null || version.isEmpty()) {
            return RestResult.error(RestResult.MISSING_VERSION, "Error: Missing parameter 'version' (e.g. '1.0')");
        }
        if (request.jsonData() == null || request.jsonData().isEmpty()) {
            return RestResult.error(RestResult.MISSING_JSON, "Error: Missing parameter 'json_data'");
        }
        JsonNode params = decode(request.jsonData());
        if (params == null) {
            return RestResult.error(RestResult.INVALID_JSON, "Error: Parameter json_data is not a valid JSON structure");
        }
        Map<String, Offer> offers = offers(version);
        if (offers.isEmpty()) {
            return RestResult.error(RestResult.UNSUPPORTED_VERSION, "Error: There is no service available for version '"
                    + version + "'");
        }
        JsonNode operation = PhpValues.get(params, "operation");
        if (operation == null) {
            return RestResult.error(RestResult.INTERNAL_ERROR, "Error: Missing parameter 'operation'");
        }
        String verb = PhpValues.toText(operation);
        if (verb.equals("list_operations")) {
            return listOperations(version, offers);
        }
        Offer offer = offers.get(verb);
        if (offer == null) {
            return RestResult.error(RestResult.UNKNOWN_OPERATION, "Error: Unknown verb '" + verb + "' in version '"
                    + version + "'");
        }
        try {
            return offer.provider().exec(version, verb, params, account.get());
        } catch (RestException e) {
            return RestResult.error(e.code(), "Error: " + e.getMessage());
        } catch (OqlException e) {
            return RestResult.error(RestResult.INTERNAL_ERROR, "Error: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("REST operation {} failed", verb, e);
            return RestResult.error(RestResult.INTERNAL_ERROR, "Error: Internal error while running '" + verb
                    + "' (see the server log)");
        }
    }

    private record Offer(RestServiceProvider provider, String description) {
    }

    /** Verb → offering provider for the version; a later provider replaces an earlier one, keeping the position. */
    private Map<String, Offer> offers(String version) {
        Map<String, Offer> offers = new LinkedHashMap<>();
        for (RestServiceProvider provider : providers) {
            for (RestOperation operation : provider.listOperations(version)) {
                offers.put(operation.verb(), new Offer(provider, operation.description()));
            }
        }
        return offers;
    }

    private static RestResult listOperations(String version, Map<String, Offer> offers) {
        RestResult result = RestResult.basic().message("Operations: " + offers.size());
        result.put("version", JsonNodeFactory.instance.stringNode(version));
        var operations = JsonNodeFactory.instance.arrayNode();
        offers.forEach((verb, offer) -> {
            ObjectNode item = operations.addObject();
            item.put("verb", verb);
            item.put("description", offer.description());
            item.put("extension", offer.provider().name());
        });
        result.put("operations", operations);
        return result;
    }

    /** PHP's json_decode followed by iTop's "== null" test: null for invalid JSON and for null-like values. */
    static JsonNode decode(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        node = inNfc(node);
        boolean nullLike = node.isBoolean() && !node.booleanValue()
                || node.isNumber() && node.decimalValue().signum() == 0
                || node.isString() && node.stringValue().isEmpty()
                || node.isArray() && node.isEmpty();
        return nullLike ? null : node;
    }

    /**
     * {@code node} with every text (values, names, OQL queries) in Unicode normalization form C, as stored (see
     * {@link UnicodeText}). Done on the decoded tree, not on the JSON text: PHP clients escape non-ASCII characters
     * ({@code "e\u0301"}) by default.
     */
    private static JsonNode inNfc(JsonNode node) {
        if (node.isString()) {
            String text = node.stringValue();
            String nfc = UnicodeText.nfc(text);
            return nfc == text ? node : JsonNodeFactory.instance.stringNode(nfc);
        }
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(object.properties());
            object.removeAll(); // rebuilt in the same order
            properties.forEach(property -> object.set(UnicodeText.nfc(property.getKey()), inNfc(property.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, inNfc(array.get(i)));
            }
        }
        return node;
    }
}
