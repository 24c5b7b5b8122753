package tributary.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the build as a real process, as a user would: commands that exit, and {@code serve} in the background. By
 * default through the fast-start launcher ({@code target/tributary/tributary}, the extracted jar with its
 * class-data-sharing archive), as scripts start it; {@link #startJar} runs {@code java -jar
 * target/tributary.jar} instead. Output goes to files so that a process never blocks on a full pipe.
 */
public final class TributaryProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private TributaryProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The outcome of a command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Path jar() {
        String jar = System.getProperty("tributary.jar", "target/tributary.jar");
        Path path = Path.of(jar);
        if (!Files.exists(path)) {
            throw new IllegalStateException("Build the jar first (mvn package): " + path.toAbsolutePath());
        }
        return path;
    }

    /** The fast-start launcher that {@code mvn package} writes ({@code target/tributary/tributary}). */
    public static Path launcher() {
        Path path = Path.of(System.getProperty("tributary.launcher", "target/tributary/tributary"));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("Build the fast-start layout first (mvn package): " + path.toAbsolutePath());
        }
        return path;
    }

    /**
     * The command that runs Tributary with {@code args} through the launcher, and the environment it needs: the test's
     * own JVM (whose build made the archive) and a 512 MB heap.
     */
    public static ProcessBuilder command(List<String> args) {
        List<String> command = new ArrayList<>(List.of(launcher().toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA", javaBinary());
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        return builder;
    }

    public static TributaryProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(command(List.of(args)), workDir, env);
    }

    /** Like {@link #start}, with {@code java -jar target/tributary.jar}. */
    public static TributaryProcess startJar(Path workDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-jar", jar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return start(new ProcessBuilder(command), workDir, env);
    }

    private static TributaryProcess start(ProcessBuilder builder, Path workDir, Map<String, String> env) throws IOException {
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        builder.directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("TRIBUTARY_ADMIN_PASSWORD");
        builder.environment().putAll(env);
        return new TributaryProcess(builder.start(), out, err);
    }

    /** Runs a command to its end (at most two minutes). */
    public static Result run(Path workDir, Map<String, String> env, String... args) throws Exception {
        return run(command(List.of(args)), workDir, env);
    }

    /** Runs the command {@code builder} holds (see {@link #command}) to its end, as {@link #run(Path, Map, String...)}. */
    public static Result run(ProcessBuilder builder, Path workDir, Map<String, String> env) throws Exception {
        try (TributaryProcess process = start(builder, workDir, env)) {
            if (!process.process.waitFor(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("command did not finish: " + String.join(" ", builder.command()));
            }
            return new Result(process.process.exitValue(), process.stdout(), process.stderr());
        }
    }

    public String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    public Process process() {
        return process;
    }

    /** Polls {@code status.php} until it answers RUNNING (at most {@code timeout}). */
    public void awaitRunning(int port, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + ":\n" + stderr());
            }
            try {
                if (get(port, "/webservices/status.php", null).body().contains("RUNNING")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.onSpinWait();
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("serve did not answer within " + timeout + ":\n" + stderr());
    }

    /** Stops the process the way a service manager does (SIGTERM) and waits for it. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    public static HttpResponse<String> get(int port, String path, String basicAuth) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (basicAuth != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
