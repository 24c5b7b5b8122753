package tributary.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import tributary.model.ModelException;
import tributary.model.ModelLoader;
import tributary.store.DatabaseUnavailableException;
import tributary.store.InvalidDatabaseUrlException;

/**
 * The command runner behind {@code java -jar tributary.jar COMMAND [--name=value …] [--param_file=F1,F2]}: parses
 * the command line and parameter files, runs {@code help} and {@code model} without starting anything, starts the
 * HTTP services for {@code serve}, and runs every other command in an application context without web server.
 */
public final class Cli {

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    /**
     * Framework loggers that commands keep quiet, because what they log is handled and reported by Tributary itself
     * (Spring Batch's step loggers are off everywhere, see application.properties). Hikari warns of each connection
     * broken or found dead: the statement on a broken one fails and is reported, and the pool replaces dead ones by
     * itself. A database restart during an import otherwise printed some 90 lines of these on standard error.
     */
    private static final Map<String, String> COMMAND_LOG_LEVELS = Map.of(
            "com.zaxxer.hikari.pool.ProxyConnection", "ERROR",
            "com.zaxxer.hikari.pool.PoolBase", "ERROR");

    /** The application contexts Spring Boot creates for serve and for the other commands (their loggers' names). */
    private static final String SERVE_CONTEXT =
            "org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext";
    private static final String COMMAND_CONTEXT = "org.springframework.context.annotation.AnnotationConfigApplicationContext";

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;

    public Cli(Class<?> application, PrintStream out, PrintStream err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    /** Runs the command; returns its exit code, or -1 when the HTTP services were started and keep running. */
    public int run(String... args) {
        CommandLine commandLine = CommandLine.parse(args);
        String command = commandLine.commandOr("serve");
        try {
            if (command.equals("help")) {
                return help(commandLine.parameters().isEmpty() && args.length > 1 ? args[1] : null);
            }
            CommandSpec spec = CommandSpec.find(command).orElseThrow(() -> new CliException("Unknown command '" + command
                    + "'. Commands: " + String.join(", ", CommandSpec.ALL.stream().map(CommandSpec::name).toList())
                    + ". Run 'java -jar tributary.jar help' for help."));
            if (commandLine.helpRequested()) {
                out.print(spec.usage());
                return ExitCode.OK;
            }
            if (!commandLine.unrecognised().isEmpty()) {
                throw new CliException("ERROR: Unrecognised argument(s): " + String.join(" ", commandLine.unrecognised())
                        + " (parameters are written --name=value)");
            }
            Parameters parameters = Parameters.fromCommandLine(commandLine.parameters());
            if (command.equals("model")) {
                return printModel(parameters);
            }
            return runInContext(spec, parameters);
        } catch (CliException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (ParameterFileException e) {
            // iTop's pages (import) print their fatal messages on standard output, where scripts read them.
            (command.equals("import") ? out : err).println("Error: " + e.getMessage());
            return ExitCode.REFUSED;
        } catch (ModelException e) {
            err.println(e.getMessage());
            return ExitCode.REFUSED;
        }
    }

    private int help(String about) {
        if (about != null) {
            CommandSpec spec = CommandSpec.find(about).orElseThrow(() -> new CliException("Unknown command '" + about + "'"));
            out.print(spec.usage());
            return ExitCode.OK;
        }
        out.println("Tributary — a CMDB kept true to the systems that own its data.");
        out.println();
        out.println("Usage: java -jar tributary.jar COMMAND [--name=value ...] [--param_file=FILE1,FILE2]");
        out.println();
        out.println("Commands:");
        CommandSpec.ALL.forEach(spec -> out.printf("  %-8s %s%n", spec.name(), spec.summary()));
        out.println();
        out.println("Parameter files hold one 'name = value' per line ('#' starts a comment); values given on the");
        out.println("command line win over files, later files over earlier ones. Spring settings such as");
        out.println("--tributary.home=DIR or --spring.datasource.url=jdbc:postgresql://... are accepted by every command.");
        out.println("Exit codes: 0 success, 1 completed with rejected items, 2 refused, 3 crashed.");
        return ExitCode.OK;
    }

    private int printModel(Parameters parameters) {
        String files = parameters.get("tributary.model.files").orElse(System.getenv("TRIBUTARY_MODEL_FILES"));
        List<Path> paths = files == null || files.isBlank() ? List.of()
                : Arrays.stream(files.split(",")).map(String::trim).filter(f -> !f.isEmpty()).map(Path::of).toList();
        var model = new ModelLoader().load(paths);
        String onlyClass = parameters.getTrimmed("class").orElse(null);
        if (onlyClass != null && !model.hasClass(onlyClass)) {
            throw new CliException("Unknown class: '" + onlyClass + "'");
        }
        new ModelPrinter(model).print(out, onlyClass);
        return ExitCode.OK;
    }

    private int runInContext(CommandSpec spec, Parameters parameters) {
        List<String> springArgs = new ArrayList<>();
        for (Map.Entry<String, String> entry : parameters.asMap().entrySet()) {
            if (CommandLine.SPRING_PREFIXES.stream().anyMatch(entry.getKey()::startsWith)) {
                springArgs.add("--" + entry.getKey() + "=" + entry.getValue());
            }
        }
        boolean serve = spec.name().equals("serve");
        if (!serve && !parameters.has("logging.level.tributary")) {
            springArgs.add("--logging.level.tributary=WARN"); // commands keep their output readable
        }
        // The application context logs a failed start at WARN, in one line of some thousand characters, just before
        // Spring Boot (or, for the failures of CliReportedFailures, this class) reports the same failure again.
        String contextLogger = serve ? SERVE_CONTEXT : COMMAND_CONTEXT;
        if (!parameters.has("logging.level." + contextLogger)) {
            springArgs.add("--logging.level." + contextLogger + "=ERROR");
        }
        if (!serve) {
            COMMAND_LOG_LEVELS.forEach((logger, level) -> {
                if (!parameters.has("logging.level." + logger)) {
                    springArgs.add("--logging.level." + logger + "=" + level);
                }
            });
        }
        if (!serve && !parameters.has("logging.exception-conversion-word")) {
            // A command's logged failures show each exception and cause with its first frame, not whole stack traces:
            // a database restart during an import printed some 300 lines on standard error. serve keeps them whole.
            springArgs.add("--logging.exception-conversion-word=%ex{short}");
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application)
                .web(serve ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .logStartupInfo(serve);
        ConfigurableApplicationContext context;
        try {
            context = builder.run(springArgs.toArray(String[]::new));
        } catch (RuntimeException e) {
            ModelException model = causeOfType(e, ModelException.class);
            if (model != null) {
                throw new CliException(model.getMessage());
            }
            InvalidDatabaseUrlException url = causeOfType(e, InvalidDatabaseUrlException.class);
            if (url != null) {
                throw new CliException("ERROR: " + url.getMessage());
            }
            DatabaseUnavailableException unavailable = causeOfType(e, DatabaseUnavailableException.class);
            if (unavailable != null) {
                err.println("ERROR: " + unavailable.getMessage());
                return ExitCode.CRASHED;
            }
            err.println("Tributary could not start: " + rootMessage(e));
            return ExitCode.CRASHED;
        }
        if (serve) {
            return -1;
        }
        try (context) {
            CliCommand command = context.getBeansOfType(CliCommand.class).values().stream()
                    .filter(c -> c.name().equals(spec.name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bean for command " + spec.name()));
            return command.run(parameters, out);
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Command {} crashed", spec.name(), e);
            err.println("Tributary crashed: " + rootMessage(e));
            return ExitCode.CRASHED;
        }
    }

    static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
