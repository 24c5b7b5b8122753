package tributary.rest;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.springframework.boot.test.context.TestComponent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tributary.security.Account;

/**
 * A REST service provider of the tests, proving the extension point: {@code test/echo} and {@code test/fail} for
 * version {@code 2.0-test} always, and for other versions the tests switch on (so that the core listing of 1.3 keeps
 * its 7 verbs in the other tests).
 */
@TestComponent
public class TestRestProvider implements RestServiceProvider {

    static final String OWN_VERSION = "2.0-test";
    private final Set<String> extraVersions = new CopyOnWriteArraySet<>();

    void enableFor(String version) {
        extraVersions.add(version);
    }

    void disableFor(String version) {
        extraVersions.remove(version);
    }

    @Override
    public List<RestOperation> listOperations(String version) {
        if (!version.equals(OWN_VERSION) && !extraVersions.contains(version)) {
            return List.of();
        }
        return List.of(new RestOperation("test/echo", "Echo the caller and a value"),
                new RestOperation("test/fail", "Fail with the given code"));
    }

    @Override
    public RestResult exec(String version, String verb, JsonNode params, Account caller) {
        if (verb.equals("test/fail")) {
            throw new RestException((int) PhpValues.toInt(params.get("code")), "failing as asked");
        }
        return RestResult.basic().message("echo")
                .put("login", JsonNodeFactory.instance.stringNode(caller.login()))
                .put("value", params.get("value"))
                .put("version", JsonNodeFactory.instance.stringNode(version));
    }
}
