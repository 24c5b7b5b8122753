package tributary.csvimport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportOptionsTest {

    @Test
    void ordinaryFilesGetTheUsualChunksAndFilesOfLongRowsFewerRowsPerChunk() {
        // 1,000,000 people (91 MB), 5,000 (450 KB): the row counts measured best.
        assertThat(ImportOptions.defaultChunkSize(91_000_000, 1_000_001)).isEqualTo(5_000);
        assertThat(ImportOptions.defaultChunkSize(450_000, 5_001)).isEqualTo(1_000);
        // 1,000 rows of 300 KB: about 8 MB of them per chunk, not the whole 300 MB file at once.
        assertThat(ImportOptions.defaultChunkSize(300_000_000, 1_001)).isEqualTo(27);
        // One row longer than the budget is still a chunk of its own.
        assertThat(ImportOptions.defaultChunkSize(100_000_000, 2)).isEqualTo(1);
        assertThat(ImportOptions.defaultChunkSize(0, 1)).isEqualTo(1_000);
    }
}
