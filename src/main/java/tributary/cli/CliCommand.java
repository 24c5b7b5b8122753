package tributary.cli;

import java.io.PrintStream;

/** A command run inside the application context; its bean name is irrelevant, {@link #name()} selects it. */
public interface CliCommand {

    String name();

    /** Runs the command and returns its exit code ({@link ExitCode}). */
    int run(Parameters parameters, PrintStream out);
}
