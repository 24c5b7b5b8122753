package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadFilesTest {

    @TempDir
    Path home;

    @Test
    void theFilesOfAnEndedProcessAreDeletedThoseOfLiveOnesAndOthersKept() throws Exception {
        Path imports = home.resolve("imports");
        UploadFiles uploads = new UploadFiles(imports);
        Path mine = uploads.newFile();
        Files.writeString(mine, "name\nbeing imported\n");
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(ended.waitFor()).isZero();
        Path orphan = imports.resolve("http-" + ended.pid() + "-0b7c2a5e-4c1f-4a43-9d0e-123456789abc.csv");
        Files.writeString(orphan, "name\nleft by a killed server\n");
        Path other = Files.writeString(imports.resolve("http-notes.csv"), "kept");
        // The multipart parts a killed server was receiving, and those of this live one.
        Path orphanParts = Files.createDirectories(imports.resolve("parts-" + ended.pid()));
        Files.writeString(orphanParts.resolve("upload_1.tmp"), "half an upload");
        Path myParts = Files.createDirectories(imports.resolve("parts-" + ProcessHandle.current().pid()));

        assertThat(mine.getFileName().toString()).startsWith("http-" + ProcessHandle.current().pid() + "-");
        assertThat(uploads.deleteOrphans()).isEqualTo(2);
        assertThat(orphan).doesNotExist();
        assertThat(orphanParts).doesNotExist();
        assertThat(mine).exists();
        assertThat(myParts).exists();
        assertThat(other).exists();
    }

    @Test
    void noDirectoryYetIsNothingToDelete() {
        assertThat(new UploadFiles(home.resolve("imports")).deleteOrphans()).isZero();
    }
}
