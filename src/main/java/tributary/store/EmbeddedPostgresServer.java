package tributary.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The embedded PostgreSQL server of one Tributary home, shared by every Tributary process using that home.
 *
 * <p>Opening attaches to the server already running for the home, or starts it. Each process keeps one
 * "presence" connection open for its whole life; closing stops the server only when no other Tributary
 * process is present ("last one out"), so a CLI command run beside {@code serve} leaves it running, and a
 * command run alone starts and stops it. A file lock next to the data directory serialises
 * detect-attach-or-start and check-and-stop across processes.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** Database holding Tributary's schemas. */
    public static final String DATABASE = "tributary";
    /**
     * How the database is created: PostgreSQL's own UTF-8 locale (17+) instead of the C library's. Comparisons are by
     * code point and {@code lower()} follows Unicode in both, but the built-in one compares bytes directly and folds
     * case without converting to wide characters: each index on {@code lower(text)} costs about a fifth less to
     * maintain (measured on a million-row load) and every case-insensitive search is cheaper.
     */
    public static final String DATABASE_OPTIONS =
            " template template0 encoding 'UTF8' locale_provider builtin builtin_locale 'C.UTF-8'";
    private static final String PRESENCE_PREFIX = "tributary-presence:";
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /**
     * Settings of the server beyond PostgreSQL's own defaults. Durability stays on (zonky turns it off by default:
     * this is user data). Bulk imports write every index of a class table and one history row per object: 128 MB of
     * shared buffers no longer hold the indexes of a table of a million objects, and 1 GB of WAL between checkpoints
     * forces several checkpoints (each followed by full-page images of every page touched) during such an import.
     */
    static final Map<String, String> DEFAULT_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "max_connections", "200",
            "shared_buffers", "512MB",
            "max_wal_size", "4GB",
            "checkpoint_timeout", "15min");

    private final Path dataDirectory;
    private final Path lockFile;
    private final Map<String, String> settings;
    private EmbeddedPostgres started;
    private int port;
    private volatile long postmasterPid;
    private Connection presence;
    /** Restarts the server should it die under a running process (see {@link #watch}). */
    private Thread watchdog;
    /** Counted down when {@link #close} starts: wakes the watchdog, which then ends. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private EmbeddedPostgresServer(Path dataDirectory, Map<String, String> settings) {
        this.settings = settings;
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.lockFile = this.dataDirectory.resolveSibling(this.dataDirectory.getFileName() + ".start.lock");
    }

    /**
     * Attaches to the server running on {@code <home>/pgdata}, or starts it with the default settings overridden by
     * {@code settings} (an attached server keeps the settings it was started with).
     */
    public static EmbeddedPostgresServer open(Path home, Map<String, String> settings) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_SETTINGS);
        merged.putAll(settings);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(home.resolve("pgdata"), merged);
        server.attachOrStart();
        server.watchdog = new Thread(server::watch, "embedded-postgres-watchdog");
        server.watchdog.setDaemon(true);
        server.watchdog.start();
        return server;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public int port() {
        return port;
    }

    /** Whether this process started the server (rather than attaching to a running one). */
    public boolean startedHere() {
        return started != null;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void attachOrStart() {
        try {
            Files.createDirectories(dataDirectory.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Optional<Integer> running = runningPort();
                if (running.isPresent()) {
                    port = running.get();
                    log.info("Attached to the embedded PostgreSQL already running for {} (port {})", dataDirectory, port);
                } else {
                    start();
                }
                ensureDatabase();
                presence = connect(DATABASE, PRESENCE_PREFIX + ProcessHandle.current().pid());
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot start the embedded PostgreSQL in " + dataDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every second, checks that the server is alive, and starts it again on the same port if it died (killed, out of
     * memory): the processes using it then reconnect by themselves. Without it a server that died left the home
     * unusable until every Tributary process on it was restarted by hand: those still running kept answering
     * "database unavailable", and a new one could not start the server the old one still held the files of.
     */
    private void watch() {
        try {
            while (!closing.await(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                long pid = postmasterPid;
                if (pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                try {
                    restartAfterDeath(pid);
                } catch (RuntimeException | IOException | SQLException e) {
                    log.warn("Could not start the embedded PostgreSQL again (retrying): {}", e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void restartAfterDeath(long deadPid) throws IOException, SQLException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (closing.getCount() == 0) {
                return;
            }
            if (started != null) {
                // Our handle on the dead server holds its data directory's lock: release it first.
                releaseDeadServer();
                started = null;
            }
            Optional<Integer> running = runningPort();
            if (running.isPresent()) {
                log.warn("The embedded PostgreSQL (pid {}) ended; another Tributary process started it again (port {})",
                        deadPid, running.get());
            } else {
                log.warn("The embedded PostgreSQL (pid {}) ended unexpectedly; starting it again on port {}", deadPid, port);
                start(port);
            }
            closePresence();
            presence = connect(DATABASE, PRESENCE_PREFIX + ProcessHandle.current().pid());
        }
    }

    /**
     * Closes our handle on a server that died. zonky's close runs {@code pg_ctl stop} first, which fails on a dead server,
     * and logs that at ERROR with a stack trace: its logger is off meanwhile, as the death is known and reported here.
     */
    private void releaseDeadServer() {
        LoggingSystem logging = LoggingSystem.get(EmbeddedPostgresServer.class.getClassLoader());
        String zonky = EmbeddedPostgres.class.getName();
        LoggerConfiguration configuration = logging.getLoggerConfiguration(zonky);
        logging.setLogLevel(zonky, LogLevel.OFF);
        try {
            started.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing the dead server's handle: {}", e.getMessage());
        } finally {
            logging.setLogLevel(zonky, configuration == null ? null : configuration.getConfiguredLevel());
        }
    }

    private void start() throws IOException {
        start(0);
    }

    /** Starts the server on {@code fixedPort}, or on a free port when 0. */
    private void start(int fixedPort) throws IOException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60));
        settings.forEach(builder::setServerConfig);
        if (fixedPort > 0) {
            builder.setPort(fixedPort);
        }
        started = builder.start();
        port = started.getPort();
        postmasterPid = readPidFile().map(PidFile::pid).orElse(0L);
        log.info("Started the embedded PostgreSQL for {} on port {}", dataDirectory, port);
    }

    /** The port of a live server of this data directory, checked by asking it for its data directory. */
    private Optional<Integer> runningPort() {
        Optional<PidFile> pidFile = readPidFile();
        if (pidFile.isEmpty() || ProcessHandle.of(pidFile.get().pid()).map(ProcessHandle::isAlive).orElse(false) == false) {
            return Optional.empty();
        }
        port = pidFile.get().port();
        try (Connection connection = connect("postgres", "tributary-probe");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            if (Path.of(rs.getString(1)).toRealPath().equals(dataDirectory.toRealPath())) {
                postmasterPid = pidFile.get().pid();
                return Optional.of(port);
            }
        } catch (SQLException | IOException e) {
            log.debug("No usable server at port {}: {}", port, e.getMessage());
        }
        return Optional.empty();
    }

    private Optional<PidFile> readPidFile() {
        Path pid = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pid, StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new PidFile(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record PidFile(long pid, int port) {
    }

    private void ensureDatabase() throws SQLException {
        try (Connection connection = connect("postgres", "tributary-setup");
             Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            statement.execute("create database " + DATABASE + DATABASE_OPTIONS);
        }
    }

    private Connection connect(String database, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", applicationName);
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    /** Leaves the server running for the other Tributary processes present, or stops it if none is. */
    @Override
    public void close() {
        closing.countDown();
        if (watchdog != null) {
            // Once it has ended (at once, or after a restart under way), it can no longer start a server, and what a
            // restart changed is seen here.
            try {
                watchdog.join(Duration.ofSeconds(90).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            int others = otherProcessesPresent();
            closePresence();
            if (others > 0) {
                log.info("Leaving the embedded PostgreSQL running for {} other Tributary process(es)", others);
                return;
            }
            stop();
        } catch (IOException e) {
            log.warn("Could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
        }
    }

    private int otherProcessesPresent() {
        if (presence == null) {
            return 0;
        }
        try (Statement statement = presence.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from pg_stat_activity where application_name like '"
                     + PRESENCE_PREFIX + "%' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private void closePresence() {
        try {
            if (presence != null) {
                presence.close();
            }
        } catch (SQLException e) {
            log.debug("closing presence connection: {}", e.getMessage());
        }
    }

    private void stop() throws IOException {
        if (started != null) {
            started.close();
            log.info("Stopped the embedded PostgreSQL for {}", dataDirectory);
            return;
        }
        if (postmasterPid <= 0) {
            return;
        }
        // Attached: the starter is gone. SIGINT is PostgreSQL's "fast shutdown".
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(postmasterPid)).inheritIO().start().waitFor();
            Instant deadline = Instant.now().plusSeconds(60);
            while (ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)
                    && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
                Thread.sleep(50);
            }
            log.info("Stopped the embedded PostgreSQL for {}", dataDirectory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
