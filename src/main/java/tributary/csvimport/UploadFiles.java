package tributary.csvimport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * The files HTTP imports are received into ({@code <home>/imports/http-<pid>-<uuid>.csv}), deleted when their import
 * ends, and the directories multipart bodies arrive in ({@code <home>/imports/parts-<pid>/}). A server killed meanwhile
 * leaves its files behind (up to 1 GB each); the next server to start deletes those of processes no longer running.
 * Other live servers on the same home keep theirs.
 */
final class UploadFiles {

    private static final Logger log = LoggerFactory.getLogger(UploadFiles.class);
    private static final Pattern NAME = Pattern.compile("http-(\\d+)-[0-9a-f-]+\\.csv|parts-(\\d+)");

    private final Path directory;

    UploadFiles(Path directory) {
        this.directory = directory;
    }

    /** A new file name for an upload of this process (the directory is created if needed). */
    Path newFile() throws IOException {
        Files.createDirectories(directory);
        return directory.resolve("http-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID() + ".csv");
    }

    /** Deletes the upload files of processes that are no longer running; returns how many. */
    int deleteOrphans() {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(name.group(1) != null ? 1 : 2))).isEmpty()) {
                    FileSystemUtils.deleteRecursively(file);
                    deleted++;
                }
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("Could not delete the files left by interrupted HTTP imports in {}: {}", directory, e.getMessage());
        }
        if (deleted > 0) {
            log.info("Deleted {} file(s) left in {} by HTTP imports of a process that ended", deleted, directory);
        }
        return deleted;
    }
}
