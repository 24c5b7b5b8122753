package tributary.csvimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;
import tributary.cli.ExitCode;
import tributary.cmdb.CmdbObject;
import tributary.cmdb.ObjectService;
import tributary.connectors.csv.CsvDialect;
import tributary.connectors.csv.CsvReadException;
import tributary.connectors.csv.ItopCsvReader;
import tributary.connectors.csv.PhpDateFormat;
import tributary.model.DataModel;
import tributary.security.Account;
import tributary.security.Action;
import tributary.security.RightsService;
import tributary.store.LostConnection;

/**
 * iTop's {@code import.php} after authentication, shared by the CLI command and the HTTP page: validates the
 * parameters in iTop's order (services.md §2.3), maps the header, runs (or resumes) the {@code csv_import} job and
 * writes the report in the requested output mode (§2.9). Returns the exit code of Tributary's CLI convention.
 */
@Service
public class CsvImportService {

    private static final Logger log = LoggerFactory.getLogger(CsvImportService.class);

    /** Largest chunk accepted by the {@code chunk_size} parameter (a Tributary addition). */
    static final int MAX_CHUNK_SIZE = 100_000;

    /**
     * The CSV data to import.
     *
     * @param file      where the bytes are
     * @param decodedAs null when the bytes are the client's own; else the charset the caller already decoded and
     *                  re-encoded them with (a form field the servlet container decoded), which then overrides the
     *                  {@code charset} parameter for decoding (it is still echoed)
     */
    public record Data(Path file, Charset decodedAs) {
    }

    /** Where the output and the side messages go. */
    public record Sinks(Writer out, boolean finalNewline, Consumer<String> notices, LongConsumer progress) {
    }

    private final DataModel model;
    private final ObjectService objects;
    private final RightsService rights;
    private final CsvImportJobRunner runner;
    private final ImportResults results;

    CsvImportService(ObjectService objects, RightsService rights, CsvImportJobRunner runner, ImportResults results) {
        this.model = objects.model();
        this.objects = objects;
        this.rights = rights;
        this.runner = runner;
        this.results = results;
    }

    /**
     * Runs an import.
     *
     * @param parameters the request's parameters, by name, trimmed ({@code class} is known to be present)
     */
    public int run(Function<String, Optional<String>> parameters, Account account, Data data, Sinks sinks) {
        ImportReport report = new ImportReport(sinks.out());
        boolean finalNewline = sinks.finalNewline();
        try {
            int exit = run(parameters, account, data, sinks, report);
            if (exit != ExitCode.CRASHED && parameters.apply("output").orElse("summary").equals("retcode")) {
                finalNewline = false;
            }
            return exit;
        } finally {
            report.finish(finalNewline);
        }
    }

    private int run(Function<String, Optional<String>> parameters, Account account, Data data, Sinks sinks,
                    ImportReport report) {
        String className = parameters.apply("class").orElse("");
        DataFacts facts;
        try {
            facts = DataFacts.of(data.file());
        } catch (IOException e) {
            report.line("#Input data could not be read: " + e.getMessage());
            return ExitCode.REFUSED;
        }
        if (facts.blank()) {
            report.line("#Missing data - at least one line is expected");
            return ExitCode.REFUSED;
        }
        if (!model.hasClass(className)) {
            report.line("#Unknown class: '" + className + "'");
            return ExitCode.REFUSED;
        }
        String charsetParameter = parameters.apply("charset").orElse("");
        CsvDialect dialect;
        try {
            dialect = CsvDialect.fromItopParameters(parameters.apply("separator").orElse(null),
                    parameters.apply("qualifier").orElse(null), charsetParameter);
        } catch (IllegalArgumentException e) {
            report.line("#" + e.getMessage());
            return ExitCode.REFUSED;
        }
        String outputParameter = parameters.apply("output").orElse("summary");
        ImportOptions.Output output = ImportOptions.Output.parse(outputParameter);
        if (output == null) {
            report.line("#Unknown output format: '" + outputParameter + "'");
            return ExitCode.REFUSED;
        }
        PhpDateFormat dateFormat = null;
        String dateFormatParameter = parameters.apply("date_format").orElse("");
        if (!dateFormatParameter.isEmpty()) {
            try {
                dateFormat = PhpDateFormat.of(dateFormatParameter);
            } catch (IllegalArgumentException e) {
                report.line("#Invalid date format '" + dateFormatParameter + "': " + e.getMessage());
                return ExitCode.REFUSED;
            }
        }
        int chunkSize;
        try {
            chunkSize = Integer.parseInt(parameters.apply("chunk_size")
                    .orElse(String.valueOf(ImportOptions.defaultChunkSize(facts.size(), facts.lines()))));
        } catch (NumberFormatException e) {
            chunkSize = -1;
        }
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            report.line("#Invalid chunk_size: a whole number of rows from 1 to " + MAX_CHUNK_SIZE + " is expected");
            return ExitCode.REFUSED;
        }
        ImportOptions options = new ImportOptions(className, dialect, dateFormat,
                parameters.apply("reconciliationkeys").orElse(""), output,
                parameters.apply("simulate").orElse("0").equals("1"), parameters.apply("comment").orElse(""),
                !parameters.apply("no_localize").orElse("0").equals("1"), chunkSize);
        boolean verbose = output != ImportOptions.Output.RETCODE;
        if (verbose) {
            settingsHead(report, options, charsetParameter, facts.size());
        }
        if (!rights.allows(account, className, Action.BULK_WRITE)) {
            report.line("#You are not allowed to perform a bulk update of objects of class " + className);
            return ExitCode.REFUSED;
        }
        CsvDialect readDialect = data.decodedAs() == null ? dialect
                : new CsvDialect(dialect.separator(), dialect.qualifier(), data.decodedAs());
        List<String> header;
        try (ItopCsvReader reader = ItopCsvReader.open(data.file(), readDialect)) {
            if (reader.headerError().isPresent()) {
                report.line("#The header line cannot be read: " + reader.headerError().get());
                return ExitCode.REFUSED;
            }
            header = reader.header();
        } catch (IOException | CsvReadException e) {
            report.line("#" + e.getMessage());
            return ExitCode.REFUSED;
        }
        ImportMapping mapping;
        try {
            mapping = ImportMapping.of(model, className, header, options.localize(), options.reconciliationKeys());
        } catch (ImportRefusedException e) {
            report.line("#" + e.getMessage());
            return ExitCode.REFUSED;
        }
        ImportOptions readOptions = new ImportOptions(className, readDialect, dateFormat, options.reconciliationKeys(),
                output, options.simulate(), options.comment(), options.localize(), chunkSize);
        String key = sha256(account.login() + "\u0001" + options.fingerprint() + "\u0001" + facts.sha256());
        CsvImportJobRunner.Outcome outcome;
        try {
            outcome = runner.run(key, data.file(), readOptions, mapping, header.size(), account, userInfo(account, options),
                    sinks.notices(), sinks.progress());
        } catch (CsvImportJobRunner.AlreadyRunningException e) {
            report.line("#" + e.getMessage());
            return ExitCode.REFUSED;
        } catch (RuntimeException e) {
            // The run could not be locked or started (database unreachable, say): reported like a run that stopped.
            outcome = new CsvImportJobRunner.Outcome(-1, BatchStatus.FAILED, List.of(e));
        }
        if (outcome.status() != BatchStatus.COMPLETED) {
            Throwable failure = outcome.failure();
            boolean connectionLost = LostConnection.isCauseOf(failure);
            boolean stopping = failure != null && NestedExceptionUtils.getMostSpecificCause(failure) instanceof ImportShutdown.Stopping;
            if (connectionLost || stopping) {
                // Expected when the database restarts or goes away, or the process is stopped, and said below with what
                // to do: details only.
                log.debug("CSV import of {} stopped ({})", className, outcome.status(), failure);
            } else {
                // Spring Batch's step logging is off in commands (see Cli): every failure of the run is logged here.
                log.error("CSV import of {} stopped ({})", className, outcome.status(), failure);
                outcome.failures().stream().skip(1).forEach(other -> log.error("and then:", other));
            }
            Throwable root = failure == null ? null : NestedExceptionUtils.getMostSpecificCause(failure);
            String reason = root == null ? outcome.status().toString()
                    : root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
            if (connectionLost) {
                // "Connection is closed" alone does not say which connection, nor that a rerun is all it takes.
                reason = "the connection to the database was lost (" + reason.strip() + ")";
            }
            // One line, whatever the message (PostgreSQL's add a "Where:" line, say).
            reason = reason.strip().replaceAll("\\s*\\R\\s*", " ");
            if (verbose) {
                outcome.resumption().forEach(notice -> report.line("#Warning: " + notice));
            }
            report.line("#The import stopped: " + reason);
            sinks.notices().accept("The import stopped before its end: " + reason + (reason.endsWith(".") ? "" : ".")
                    + " The rows done so far are kept. Run the same command again to resume it.");
            return ExitCode.CRASHED;
        }
        Map<RowOutcome.Kind, Long> totals = results.totals(outcome.jobInstanceId());
        long issues = totals.get(RowOutcome.Kind.ISSUE);
        if (!verbose) {
            report.line(String.valueOf(issues));
        } else {
            long lines = totals.values().stream().mapToLong(Long::longValue).sum();
            report.line("#Data Lines: " + lines);
            report.line("#Simulate: " + (options.simulate() ? 1 : 0));
            report.line("#Columns: " + mapping.columnsLine());
            report.line("#Reconciliation Keys: " + mapping.reconciliationLine());
            mapping.warnings().forEach(warning -> report.line("#Warning: " + warning));
            outcome.resumption().forEach(notice -> report.line("#Warning: " + notice));
            report.line("#Change tracking comment: " + options.comment());
            report.line("#Issues: " + issues);
            report.line("#Warnings: 0");
            report.line("#Created: " + totals.get(RowOutcome.Kind.CREATED));
            report.line("#Updated: " + totals.get(RowOutcome.Kind.UPDATED));
            report.line("#Unchanged: " + totals.get(RowOutcome.Kind.UNCHANGED));
            if (output == ImportOptions.Output.DETAILS) {
                report.line(mapping.detailsHeader());
                try {
                    results.forEachLine(outcome.jobInstanceId(), report::line);
                } finally {
                    results.forgetDetails(outcome.jobInstanceId());
                }
            }
        }
        return issues > 0 ? ExitCode.ITEM_ERRORS : ExitCode.OK;
    }

    /** The settings block up to {@code #Data Size}, printed before the header is looked at. */
    private static void settingsHead(ImportReport report, ImportOptions options, String charsetParameter, long size) {
        report.line("#Output format: " + options.output().parameter());
        report.line("#Class: " + options.className());
        report.line("#Separator: " + options.dialect().separator());
        report.line("#Qualifier: " + (options.dialect().qualifier() == null ? "" : options.dialect().qualifier()));
        report.line("#Charset Encoding:" + (charsetParameter.isEmpty() ? CsvDialect.ITOP_DEFAULT_CHARSET.name() : charsetParameter));
        if (options.dateFormat() == null) {
            report.line("#Date format: <none>");
        } else {
            report.line("#Date and time format: '" + options.dateFormat().pattern() + "'");
            report.line("#Date format: '" + options.dateFormat().datePart().pattern() + "'");
        }
        report.line("#Localize: " + (options.localize() ? "yes" : "no"));
        report.line("#Data Size: " + size);
    }

    /** {@code <user friendly name>, Web Service (CSV)[ - <comment>]} (services.md §2.10). */
    private String userInfo(Account account, ImportOptions options) {
        String name = account.login();
        if (account.contactId() != null) {
            name = objects.get("Contact", account.contactId()).map(CmdbObject::friendlyName)
                    .filter(n -> !n.isEmpty()).orElse(name);
        }
        return name + ", Web Service (CSV)" + (options.comment().isEmpty() ? "" : " - " + options.comment());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Size, content hash, blankness and line count (line feeds, plus one) of the data, in one pass. */
    record DataFacts(long size, String sha256, boolean blank, long lines) {

        static DataFacts of(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long size = 0;
            long lines = 1;
            boolean blank = true;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, read);
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                    for (int i = 0; blank && i < read; i++) {
                        long position = size + i;
                        int b = buffer[i] & 0xFF;
                        boolean byteOrderMark = position < 3 && (b == 0xEF || b == 0xBB || b == 0xBF);
                        blank = byteOrderMark || b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0x0B || b == 0;
                    }
                    size += read;
                }
            }
            return new DataFacts(size, HexFormat.of().formatHex(digest.digest()), blank, lines);
        }
    }
}
