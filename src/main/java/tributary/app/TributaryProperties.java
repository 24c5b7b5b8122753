package tributary.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tributary's own settings ({@code tributary.*}).
 *
 * @param home          directory holding the embedded database ({@code pgdata}) and run files
 * @param model         data-model settings
 * @param adminPassword password of the {@code admin} account created at first start (env
 *                      {@code TRIBUTARY_ADMIN_PASSWORD}); a random one is printed once when unset
 * @param store         embedded-database settings
 * @param http          HTTP server settings
 */
@ConfigurationProperties("tributary")
public record TributaryProperties(
        @DefaultValue("./tributary-data") Path home,
        @DefaultValue Model model,
        String adminPassword,
        @DefaultValue Store store,
        @DefaultValue Http http) {

    /**
     * Data-model settings.
     *
     * @param files the users' model files, applied after the built-in model, in order
     */
    public record Model(@DefaultValue List<Path> files) {
    }

    /**
     * Embedded PostgreSQL settings.
     *
     * @param serverSettings PostgreSQL settings ({@code postgresql.conf} names) for the embedded server, on top of
     *                       Tributary's defaults; applied when the server starts
     */
    public record Store(@DefaultValue Map<String, String> serverSettings) {
    }

    /**
     * HTTP server settings.
     *
     * @param formMemory how many bytes of url-encoded form bodies the server takes in at once. The servlet container
     *                   reads such a body whole into memory (about four times its size while decoding it) before
     *                   anyone can check its credentials, which iTop clients send as form fields: without a bound a
     *                   few large posts exhaust the heap. Posts beyond it wait their turn. Unset: a sixteenth of the
     *                   maximum heap (32 MB of a 512 MB heap)
     * @param formWait   how long such a post waits for its turn before it is answered 503 (busy)
     */
    public record Http(DataSize formMemory, @DefaultValue("30s") Duration formWait) {

        /** The bound in effect. */
        public long formMemoryBytes() {
            return formMemory != null ? formMemory.toBytes() : Runtime.getRuntime().maxMemory() / 16;
        }
    }
}
