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
 * Bounds the memory that url-encoded form bodies take at once ({@code tributary.http.form-memory}). The servlet
 * container reads such a body whole into the heap, and keeps its values until the request ends, before Tributary can
 * check credentials that iTop clients send as form fields, and decodes it with about four times its size in memory:
 * anonymous posts sending their bodies slowly made a 512 MB server throw {@link OutOfMemoryError} over a hundred
 * times. A large post first reserves its size here; one that cannot within {@code tributary.http.form-wait} is
 * answered 503 (busy) without its body being read. Multipart bodies are not concerned: their files go to disk as they
 * arrive.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FormBodyBudget extends OncePerRequestFilter {

    /** Smaller forms (every ordinary REST call) pass freely: even the container's 200 threads at once hold little. */
    static final long SMALL_FORM = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(FormBodyBudget.class);

    private final long formLimit;
    private final int budgetKib;
    private final Semaphore free;
    private final Duration wait;

    FormBodyBudget(TributaryProperties properties,
                   @Value("${server.tomcat.max-http-form-post-size:2MB}") String formLimit) {
        this.formLimit = DataSize.parse(formLimit).toBytes();
        this.budgetKib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, properties.http().formMemoryBytes() / 1024));
        this.free = new Semaphore(budgetKib, true);
        this.wait = properties.http().formWait();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean form = request.getContentType() != null
                && request.getContentType().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
        // A declared length over the container's limit is refused by the container without reading the body.
        if (!form || length >= 0 && (length <= SMALL_FORM || length > formLimit)) {
            chain.doFilter(request, response);
            return;
        }
        long bytes = length >= 0 ? length : formLimit; // a chunked body may grow up to the limit
        // A form larger than the whole budget waits until it is alone.
        int kib = (int) Math.min(budgetKib, (bytes + 1023) / 1024);
        boolean reserved;
        try {
            reserved = free.tryAcquire(kib, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reserved = false;
        }
        if (!reserved) {
            log.warn("Refused a {} KiB form post to {} from {}: other large forms hold the form memory ({} KiB,"
                    + " tributary.http.form-memory)", kib, request.getRequestURI(), request.getRemoteAddr(), budgetKib);
            ErrorAnswers.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The server is busy"
                    + " receiving other large forms; send the request again later, or send the data as a multipart"
                    + " file part, which does not wait", Math.max(1, wait.toSeconds()));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            free.release(kib);
        }
    }
}
