package tributary.app;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tributary's own settings ({@code tributary.*}).
 *
 * @param home          directory holding the embedded database ({@code pgdata}) and run files
 * @param model         data-model settings
 * @param adminPassword password of the {@code admin} account created at first start (env
 *                      {@code TRIBUTARY_ADMIN_PASSWORD}); a random one is printed once when unset
 */
@ConfigurationProperties("tributary")
public record TributaryProperties(
        @DefaultValue("./tributary-data") Path home,
        @DefaultValue Model model,
        String adminPassword) {

    /**
     * Data-model settings.
     *
     * @param files the users' model files, applied after the built-in model, in order
     */
    public record Model(@DefaultValue List<Path> files) {
    }
}
