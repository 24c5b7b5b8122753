package tributary.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tributary's own settings ({@code tributary.*}).
 *
 * @param home          directory holding the embedded database ({@code pgdata}) and run files
 * @param model         data-model settings
 * @param adminPassword password of the {@code admin} account created at first start (env
 *                      {@code TRIBUTARY_ADMIN_PASSWORD}); a random one is printed once when unset
 * @param store         embedded-database settings
 */
@ConfigurationProperties("tributary")
public record TributaryProperties(
        @DefaultValue("./tributary-data") Path home,
        @DefaultValue Model model,
        String adminPassword,
        @DefaultValue Store store) {

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
}
