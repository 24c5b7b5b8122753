package tributary.csvimport;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tributary.cli.CliCommand;
import tributary.cli.CommandSpec;
import tributary.cli.ExitCode;
import tributary.cli.Parameters;
import tributary.security.Account;
import tributary.security.AccountService;

/**
 * {@code import}: iTop's {@code php webservices/import.php} in CLI mode. Standard output carries iTop's text only;
 * the resume notice and the progress line go to standard error.
 */
@Component
class ImportCommand implements CliCommand {

    private final AccountService accounts;
    private final CsvImportService imports;
    private final ImportShutdown shutdown;

    ImportCommand(AccountService accounts, CsvImportService imports, ImportShutdown shutdown) {
        this.shutdown = shutdown;
        this.accounts = accounts;
        this.imports = imports;
    }

    @Override
    public String name() {
        return "import";
    }

    @Override
    public int run(Parameters parameters, PrintStream out) {
        for (String mandatory : new String[] {"auth_user", "auth_pwd", "csvfile"}) {
            if (!parameters.has(mandatory)) {
                return usage(out, mandatory);
            }
        }
        String login = parameters.getTrimmed("auth_user").orElseThrow();
        Optional<Account> account = accounts.authenticate(login, parameters.get("auth_pwd").orElse(""));
        if (account.isEmpty()) {
            out.println("Access restricted or wrong credentials ('" + login + "')");
            return ExitCode.REFUSED;
        }
        String csvFile = parameters.getTrimmed("csvfile").orElseThrow();
        Path file;
        try {
            file = Path.of(csvFile);
        } catch (InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            out.println("Input file could not be found or could not be read: '" + csvFile + "'");
            return ExitCode.REFUSED;
        }
        if (!parameters.has("class")) {
            return usage(out, "class");
        }
        ProgressLine progress = new ProgressLine(System.err);
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        // A SIGTERM closes the application from another thread: it waits for this import to stop after its chunk and
        // to print its report, instead of closing the database under it.
        shutdown.begin();
        try {
            int exit = imports.run(parameters::getTrimmed, account.get(), new CsvImportService.Data(file, null),
                    new CsvImportService.Sinks(writer, true, System.err::println, progress::update));
            progress.end();
            out.flush();
            return exit;
        } finally {
            shutdown.end();
        }
    }

    private static int usage(PrintStream out, String missing) {
        out.println("ERROR: Missing argument '" + missing + "'");
        out.print(CommandSpec.find("import").map(CommandSpec::usage).orElse(""));
        return ExitCode.REFUSED;
    }

    /** {@code csv import: 106000 rows done, 25300 rows/s, 0:00:04 elapsed}, at most once a second, on stderr. */
    static final class ProgressLine {
        private final PrintStream err;
        private final long start = System.nanoTime();
        private long startRows = -1;
        private long lastPrint;
        private long rows;

        ProgressLine(PrintStream err) {
            this.err = err;
        }

        void update(long rowsDone) {
            if (startRows < 0) {
                startRows = rowsDone;
            }
            rows = rowsDone;
            long now = System.nanoTime();
            if (rowsDone > startRows && now - lastPrint >= 1_000_000_000L) {
                lastPrint = now;
                print();
            }
        }

        void end() {
            if (startRows >= 0 && rows > startRows) {
                print();
            }
        }

        private void print() {
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 0.001);
            long elapsed = (long) seconds;
            err.printf("csv import: %d rows done, %d rows/s, %d:%02d:%02d elapsed%n", rows,
                    Math.round((rows - Math.max(startRows, 0)) / seconds), elapsed / 3600, elapsed / 60 % 60, elapsed % 60);
        }
    }
}
