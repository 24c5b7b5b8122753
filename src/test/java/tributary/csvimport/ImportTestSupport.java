package tributary.csvimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tributary.cli.Parameters;

/** Runs imports through the CLI command (in process) and through HTTP, the same way for every test. */
final class ImportTestSupport {

    /** How an import is sent. */
    enum Transport {
        CLI, HTTP
    }

    /** What an import printed, and its exit code (CLI only; -1 over HTTP). */
    record Result(String text, int exitCode) {

        List<String> lines() {
            return text.lines().toList();
        }

        String lastLine() {
            List<String> lines = lines();
            return lines.get(lines.size() - 1);
        }
    }

    private final ImportCommand command;
    private final String baseUrl;
    private final Path directory;
    private final HttpClient http = HttpClient.newHttpClient();

    ImportTestSupport(ImportCommand command, String baseUrl, Path directory) {
        this.command = command;
        this.baseUrl = baseUrl;
        this.directory = directory;
    }

    Result run(Transport transport, String csv, String... parameters) {
        return run(transport, csv.getBytes(StandardCharsets.UTF_8), parameters);
    }

    /** {@code parameters} as {@code name=value}; credentials of the fixture user are added unless given. */
    Result run(Transport transport, byte[] csv, String... parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("auth_user", "importer");
        values.put("auth_pwd", "Importer-pwd1");
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            values.put(parameter.substring(0, equals), parameter.substring(equals + 1));
        }
        return transport == Transport.CLI ? cli(csv, values) : httpMultipart(csv, values);
    }

    Result cli(byte[] csv, Map<String, String> values) {
        try {
            Path file = directory.resolve("import-" + UUID.randomUUID() + ".csv");
            Files.write(file, csv);
            Map<String, String> arguments = new LinkedHashMap<>(values);
            arguments.putIfAbsent("csvfile", file.toString());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            int exit = command.run(Parameters.fromCommandLine(arguments), out);
            return new Result(bytes.toString(StandardCharsets.UTF_8), exit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form POST ({@code application/x-www-form-urlencoded}), as most iTop clients send it. */
    Result httpForm(String csv, Map<String, String> values) {
        return httpForm(csv.getBytes(StandardCharsets.UTF_8), values);
    }

    /** A form POST whose {@code csvdata} is the percent-encoded bytes as they are (a Latin-1 file, say). */
    Result httpForm(byte[] csv, Map<String, String> values) {
        StringBuilder data = new StringBuilder();
        for (byte b : csv) {
            data.append('%').append(String.format("%02X", b & 0xFF));
        }
        String body = values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "", "&csvdata=" + data));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/webservices/import.php"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A multipart POST whose {@code csvdata} part carries the bytes as they are. */
    Result httpMultipart(byte[] csv, Map<String, String> values) {
        return httpMultipart(csv, values, null);
    }

    /** The same, with an {@code Authorization} header when {@code authorization} is not null. */
    Result httpMultipart(byte[] csv, Map<String, String> values, String authorization) {
        String boundary = "----tributary" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + entry.getKey()
                        + "\"\r\n\r\n" + entry.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"csvdata\"; filename=\"data.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(csv);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/webservices/import.php"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    private Result send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            }
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
                throw new AssertionError("Content-Type " + response.headers().firstValue("Content-Type"));
            }
            return new Result(response.body(), -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
