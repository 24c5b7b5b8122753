package tributary.test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Person CSV files of the process-level import tests: many rows, one organization. */
public final class PeopleCsv {

    private PeopleCsv() {
    }

    /**
     * Writes {@code rows} Persons of the organization "{name} Org" into {@code file} (columns first_name, name, email,
     * org_id->name; names "{name} i" and e-mails "{name}i@example.org" unique); returns the file.
     */
    public static Path write(Path file, String name, int rows) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("first_name,name,email,org_id->name\n");
            for (int i = 0; i < rows; i++) {
                writer.write("P" + i + "," + name + " " + i + "," + name + i + "@example.org," + name + " Org\n");
            }
        }
        return file;
    }
}
