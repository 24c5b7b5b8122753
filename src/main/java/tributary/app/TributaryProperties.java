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
 * @param csvImport     CSV import settings
 */
@ConfigurationProperties("tributary")
public record TributaryProperties(
        @DefaultValue("./tributary-data") Path home,
        @DefaultValue Model model,
        String adminPassword,
        @DefaultValue Store store,
        @DefaultValue Http http,
        @DefaultValue CsvImport csvImport) {

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
     * HTTP server settings: how much large request bodies may take at once, before their credentials can be checked
     * (iTop clients send them as form fields, which the servlet container reads only with the whole body).
     *
     * @param formMemory how many bytes of url-encoded forms over 64 KB the server takes in at once. Such a form is read
     *                   whole into memory, about four times its size while decoded. Unset: a sixteenth of the maximum
     *                   heap (32 MB of a 512 MB heap)
     * @param uploadDisk how many bytes of multipart bodies over 64 KB the server takes in at once; they go to disk
     * @param bodyWait   how long a large body waits for its turn before it is answered 503 (busy)
     */
    public record Http(DataSize formMemory, @DefaultValue("2GB") DataSize uploadDisk,
                       @DefaultValue("30s") Duration bodyWait) {

        /** The bound on forms in effect. */
        public long formMemoryBytes() {
            return formMemory != null ? formMemory.toBytes() : Runtime.getRuntime().maxMemory() / 16;
        }
    }

    /**
     * CSV import settings.
     *
     * @param resumeWithin how recent an interrupted import must be for the same command to resume it. An older one is
     *                     abandoned and the command imports every row again: the objects its done rows wrote may have
     *                     been changed since (by hand, by REST), and resuming would skip those rows for good.
     */
    public record CsvImport(@DefaultValue("12h") Duration resumeWithin) {
    }
}
