package tributary.csvimport;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import tributary.app.TributaryProperties;
import tributary.cli.CommandSpec;
import tributary.security.Account;
import tributary.security.WebServiceAuthenticator;
import tributary.util.PhpStrings;
import tributary.web.FormBytes;

/**
 * {@code /webservices/import.php}: iTop's CSV import page. Options come from the query string or the body;
 * {@code csvdata} from the POST body only (a form field or a multipart part, whose bytes are taken as sent and decoded
 * with the {@code charset} parameter, as in iTop: {@link FormBytes});
 * {@code param_file} is not honoured over HTTP. Always HTTP 200, {@code text/plain}, written when the import is done.
 */
@Controller
class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);

    private final WebServiceAuthenticator authenticator;
    private final CsvImportService imports;
    private final UploadFiles uploads;

    ImportController(WebServiceAuthenticator authenticator, CsvImportService imports, TributaryProperties properties) {
        this.authenticator = authenticator;
        this.imports = imports;
        this.uploads = new UploadFiles(properties.home().resolve("imports"));
        uploads.deleteOrphans();
    }

    @RequestMapping(path = "/webservices/import.php", method = {RequestMethod.POST, RequestMethod.GET})
    void importPhp(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain;charset=UTF-8");
        Writer out = response.getWriter();
        Optional<Account> account;
        try {
            account = authenticator.authenticate(request).account();
        } catch (DataAccessException | JdbiException | TransactionException e) {
            // The database is away (restarting, unreachable): still iTop's answer, text with HTTP 200, not an error page.
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
            log.warn("import.php could not check the credentials: {}", cause.getMessage());
            out.write("ERROR: The credentials could not be checked: " + cause.getMessage());
            return;
        }
        if (account.isEmpty()) {
            out.write("Invalid login");
            return;
        }
        if (parameter(request, "class").isEmpty()) {
            out.write("ERROR: Missing argument 'class'\n" + CommandSpec.find("import").map(CommandSpec::usage).orElse(""));
            return;
        }
        Path file = null;
        try {
            file = newUploadFile();
            CsvImportService.Data data = receive(request, file);
            imports.run(name -> parameter(request, name), account.get(), data,
                    new CsvImportService.Sinks(out, false, notice -> log.info("{}", notice), null));
        } catch (UploadNotStored e) {
            log.warn("import.php could not store its data: {}", e.getCause().toString());
            out.write("ERROR: " + e.getMessage());
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A request parameter (query or body), trimmed; never {@code param_file}'s files, never {@code csvdata}. */
    private static Optional<String> parameter(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).map(PhpStrings::trim);
    }

    /** Copies {@code csvdata} from the body into {@code file}; an absent value gives an empty file. */
    private static CsvImportService.Data receive(HttpServletRequest request, Path file) throws IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            try {
                Part part = request.getPart("csvdata");
                if (part != null) {
                    // Moved, not copied, when the part is a file of the same file system (see UploadLocation).
                    part.write(file.toAbsolutePath().toString());
                    return new CsvImportService.Data(file, null);
                }
            } catch (ServletException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        byte[] bytes = FormBytes.bodyBytes(request, "csvdata");
        if (bytes != null) {
            store(file, bytes);
            return new CsvImportService.Data(file, null); // decoded with the charset parameter, as a multipart part
        }
        String text = WebServiceAuthenticator.bodyParameter(request, "csvdata");
        // Decoded by the servlet container (a form not read by FormBytes): keep that text, decode it as such.
        store(file, (text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
        return new CsvImportService.Data(file, StandardCharsets.UTF_8);
    }

    private Path newUploadFile() {
        try {
            return uploads.newFile();
        } catch (IOException e) {
            throw new UploadNotStored(e);
        }
    }

    /** Writes a form's data to its upload file; a file system refusing it is said as the import's answer. */
    private static void store(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UploadNotStored(e);
        }
    }

    /** The upload directory could not take the data (full, read-only): an answer for the client, not a server error. */
    static final class UploadNotStored extends RuntimeException {
        UploadNotStored(IOException cause) {
            super("The data could not be stored for the import: " + cause.getMessage(), cause);
        }
    }
}
