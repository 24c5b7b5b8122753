package tributary.rest;

import java.util.List;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tributary.security.Account;

/**
 * Extension point of {@code rest.php} (iTop's {@code iRestServiceProvider}): a Spring bean offering verbs for some
 * API versions. Every provider bean of the context is asked; when two offer the same verb for a version, the one
 * asked last wins (Tributary's {@link CoreServices} is always asked first). Providers report errors by throwing
 * {@link RestException} (its code is kept, 0 becomes 100; the message gets iTop's {@code Error: } prefix) or by
 * returning a result with a code and message of their own.
 */
public interface RestServiceProvider {

    /** Name listed as {@code extension} by {@code list_operations}: by default the class's simple name. */
    default String name() {
        return ClassUtils.getUserClass(this).getSimpleName();
    }

    /** The verbs available for {@code version} (an exact string such as {@code "1.3"}); empty = none. */
    List<RestOperation> listOperations(String version);

    /**
     * Runs {@code verb}.
     *
     * @param params the decoded {@code json_data} (any JSON value; usually an object with {@code operation})
     * @param caller the authenticated account, holding the REST profile
     */
    RestResult exec(String version, String verb, JsonNode params, Account caller);
}
