package tributary.web;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;
import tributary.app.TributaryProperties;

/**
 * Multipart uploads are received into {@code <home>/imports/parts-<pid>/} unless
 * {@code spring.servlet.multipart.location} says otherwise, not into the servlet container's directory under the
 * system's temporary directory: a new one was chosen at each start, so the parts of a killed server stayed there for
 * good, and the start's clean-up of {@code <home>/imports/} could not see them. On the same file system as the import
 * files, an upload is then moved, not copied, into its import file (it took twice its size on disk).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UploadLocation {

    /** The directory of this process's parts, under {@code <home>/imports/}. */
    static Path partsOf(Path home, long pid) {
        return home.resolve("imports").resolve("parts-" + pid);
    }

    /** This process's parts directory, removed when the server stops (a killed one's goes at the next start). */
    private Path parts;

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, TributaryProperties properties)
            throws IOException {
        String location = multipart.getLocation();
        if (location == null || location.isBlank()) {
            parts = partsOf(properties.home(), ProcessHandle.current().pid());
            Files.createDirectories(parts);
            location = parts.toString();
        }
        return new MultipartConfigElement(location, multipart.getMaxFileSize().toBytes(),
                multipart.getMaxRequestSize().toBytes(), (int) multipart.getFileSizeThreshold().toBytes());
    }

    @PreDestroy
    void removeParts() throws IOException {
        if (parts != null) {
            FileSystemUtils.deleteRecursively(parts);
        }
    }
}
