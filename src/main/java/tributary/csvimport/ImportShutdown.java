package tributary.csvimport;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells running imports that the process is stopping ({@code systemctl stop}, SIGTERM): each stops before its next
 * chunk, so that its client gets {@code #The import stopped: …} and the run can be resumed. Without it an HTTP import
 * longer than the web server's graceful-shutdown wait (30 s) was cut off with no answer at all, and the context closed
 * under it. Stopped first of all (the highest phase), before the web server waits for its requests to end; a
 * command-line import is waited for here (no web server waits for it), so that it prints its report and the database
 * closes after it.
 */
@Component
class ImportShutdown implements SmartLifecycle {

    /** How long a stop waits for the command-line imports under way to stop after their chunk and report. */
    private static final Duration GRACE = Duration.ofMinutes(2);

    private volatile boolean running;
    private volatile boolean stopping;
    private int active;

    /** Throws when the process is stopping: called before each chunk is written. */
    void checkNotStopping() {
        if (stopping) {
            throw new Stopping();
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Why a run stopped when the process was told to stop: expected, and said to the user without a trace. */
    static final class Stopping extends IllegalStateException {
        Stopping() {
            super("the server is stopping; no chunk was written after the one before");
        }
    }

    /** A command-line import starts: a stop waits for its {@link #end()}. */
    synchronized void begin() {
        active++;
    }

    synchronized void end() {
        active--;
        notifyAll();
    }

    @Override
    public void stop() {
        stopping = true;
        running = false;
        synchronized (this) {
            long deadline = System.nanoTime() + GRACE.toNanos();
            while (active > 0 && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
