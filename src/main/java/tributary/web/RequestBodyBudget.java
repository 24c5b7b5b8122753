package tributary.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tributary.app.TributaryProperties;

/**
 * Bounds what large request bodies take at once, before anyone can check their credentials: iTop clients send those
 * as form fields, which the servlet container reads only with the whole body.
 * <ul>
 *   <li>A url-encoded form is read whole into the heap and decoded with about four times its size
 *       ({@code tributary.http.form-memory}): anonymous posts sending their bodies slowly made a 512 MB server throw
 *       {@link OutOfMemoryError} over a hundred times.</li>
 *   <li>A multipart body is written to disk as it arrives ({@code tributary.http.upload-disk}): anonymous 1 GB uploads
 *       at once would otherwise fill the disk, the embedded PostgreSQL's included.</li>
 * </ul>
 * A large body first reserves its size; one that cannot within {@code tributary.http.body-wait} is answered 503 (busy)
 * without being read. Bodies of 64 KB or less (every ordinary REST call) pass freely.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyBudget extends OncePerRequestFilter {

    static final long SMALL_BODY = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(RequestBodyBudget.class);

    /** Room for bodies of one kind, in KiB. */
    private record Pool(String kind, String setting, int kib, Semaphore free, long limit) {

        static Pool of(String kind, String setting, long bytes, long limit) {
            int kib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / 1024));
            return new Pool(kind, setting, kib, new Semaphore(kib, true), limit);
        }
    }

    private final Pool forms;
    private final Pool uploads;
    private final Duration wait;

    RequestBodyBudget(TributaryProperties properties,
                      @Value("${server.tomcat.max-http-form-post-size:2MB}") String formLimit,
                      @Value("${spring.servlet.multipart.max-request-size:10MB}") String uploadLimit) {
        TributaryProperties.Http http = properties.http();
        this.forms = Pool.of("forms", "tributary.http.form-memory", http.formMemoryBytes(),
                DataSize.parse(formLimit).toBytes());
        this.uploads = Pool.of("uploads", "tributary.http.upload-disk", http.uploadDisk().toBytes(),
                DataSize.parse(uploadLimit).toBytes());
        this.wait = http.bodyWait();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        Pool pool = type.startsWith("application/x-www-form-urlencoded") ? forms
                : type.startsWith("multipart/") ? uploads : null;
        long length = request.getContentLengthLong();
        // A declared length over the container's limit is refused by the container without reading the body.
        if (pool == null || length >= 0 && (length <= SMALL_BODY || length > pool.limit())) {
            chain.doFilter(request, response);
            return;
        }
        long bytes = length >= 0 ? length : pool.limit(); // a chunked body may grow up to the limit
        int kib = (int) Math.min(pool.kib(), (bytes + 1023) / 1024); // a body larger than the pool waits to be alone
        boolean reserved;
        try {
            reserved = pool.free().tryAcquire(kib, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reserved = false;
        }
        if (!reserved) {
            log.warn("Refused a {} KiB body posted to {} from {}: other large {} hold the room for them ({} KiB, {})",
                    kib, request.getRequestURI(), request.getRemoteAddr(), pool.kind(), pool.kib(), pool.setting());
            String advice = pool == forms ? ", or send the data as a multipart file part, which does not wait" : "";
            ErrorAnswers.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The server is busy"
                    + " receiving other large " + pool.kind() + "; send the request again later" + advice,
                    Math.max(1, wait.toSeconds()));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            pool.free().release(kib);
        }
    }
}
