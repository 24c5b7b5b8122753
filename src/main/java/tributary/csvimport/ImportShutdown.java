package tributary.csvimport;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells running imports that the process is stopping ({@code systemctl stop}, SIGTERM): each stops before its next
 * chunk, so that its client gets {@code #The import stopped: …} and the run can be resumed. Without it an HTTP import
 * longer than the web server's graceful-shutdown wait (30 s) was cut off with no answer at all, and the context closed
 * under it. Stopped first of all (the highest phase), before the web server waits for its requests to end.
 */
@Component
class ImportShutdown implements SmartLifecycle {

    private volatile boolean running;
    private volatile boolean stopping;

    /** Throws when the process is stopping: called before each chunk is written. */
    void checkNotStopping() {
        if (stopping) {
            throw new IllegalStateException("the server is stopping; no chunk was written after the one before");
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
