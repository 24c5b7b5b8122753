package tributary.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line {@code java -jar tributary.jar COMMAND [--name=value ...]} (spec services.md §5.3).
 *
 * <ul>
 *   <li>The first argument not starting with {@code -} is the command; {@code null} when there is none (the
 *       caller then runs {@code serve}).</li>
 *   <li>A parameter has the exact form {@code --<name>=<value>}: the name runs to the first {@code =}, the
 *       value is everything after it, possibly empty, kept as typed. A repeated name keeps its last value.</li>
 *   <li>Bare {@code --help} or {@code -h} only sets {@link #helpRequested()}.</li>
 *   <li>Everything else ({@code --name value}, a bare {@code --flag}, {@code --=x}, a second word, a
 *       single-dash option) is listed in {@link #unrecognised()}, in order, for the caller to refuse: iTop
 *       silently ignores such arguments, which hides typos such as {@code --auth_user admin}.</li>
 * </ul>
 *
 * @param command       the command word, or {@code null}
 * @param parameters    the {@code --name=value} parameters, in order of first appearance, last value kept
 * @param unrecognised  the arguments that are neither the command, a parameter nor a help request
 * @param helpRequested whether bare {@code --help} or {@code -h} was given
 */
public record CommandLine(String command, Map<String, String> parameters, List<String> unrecognised,
        boolean helpRequested) {

    /** Name prefixes of parameters that also configure Spring Boot (see {@link #springArguments()}). */
    public static final List<String> SPRING_PREFIXES =
            List.of("spring.", "tributary.", "server.", "logging.", "management.");

    public CommandLine {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        unrecognised = List.copyOf(unrecognised);
    }

    /** Parses the arguments given to {@code main}. */
    public static CommandLine parse(String... args) {
        String command = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> unrecognised = new ArrayList<>();
        boolean help = false;
        for (String argument : args) {
            if (argument.equals("--help") || argument.equals("-h")) {
                help = true;
            } else if (argument.startsWith("--")) {
                int equals = argument.indexOf('=');
                // "--=x" has no name: nothing could ever read it, so it is a mistake to report.
                if (equals > 2) {
                    parameters.put(argument.substring(2, equals), argument.substring(equals + 1));
                } else {
                    unrecognised.add(argument);
                }
            } else if (command == null && !argument.startsWith("-")) {
                command = argument;
            } else {
                unrecognised.add(argument);
            }
        }
        return new CommandLine(command, parameters, unrecognised, help);
    }

    /** The command, or {@code defaultCommand} when none was given. */
    public String commandOr(String defaultCommand) {
        return command != null ? command : defaultCommand;
    }

    /**
     * The parameters meant for Spring Boot as well ({@code spring.*}, {@code tributary.*}, {@code server.*},
     * {@code logging.*}, {@code management.*}), re-rendered as {@code --name=value} with their winning value,
     * so that Spring sees the same "last one wins" as the rest of the command line.
     */
    public List<String> springArguments() {
        List<String> springArguments = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (SPRING_PREFIXES.stream().anyMatch(name::startsWith)) {
                springArguments.add("--" + name + "=" + value);
            }
        });
        return List.copyOf(springArguments);
    }

    @Override
    public String toString() {
        // Names only: the command line carries auth_pwd.
        return "CommandLine[command=" + command + ", parameters=" + parameters.keySet()
                + ", unrecognised=" + unrecognised.size() + ", helpRequested=" + helpRequested + "]";
    }
}
