package tributary.connectors.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static tributary.connectors.csv.CsvTestData.drain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random bytes, often laced with separators, qualifiers, line breaks and NULs, in several dialects: the reader must
 * terminate, let no exception but {@link CsvReadException} escape, keep its numbering consistent, and resume after
 * {@link ItopCsvReader#skip(long)} exactly where a full read is. Seeded, so a failure names a reproducible case.
 */
class ItopCsvReaderFuzzTest {

    private static final List<CsvDialect> DIALECTS = List.of(
            CsvDialect.defaults(UTF_8),
            new CsvDialect(';', '?', Charset.forName("WINDOWS-1252")),
            new CsvDialect('\t', '"', ISO_8859_1),
            new CsvDialect(';', null, UTF_8),
            new CsvDialect(',', '\'', Charset.forName("UTF-16LE")));
    private static final byte[] STRUCTURE = {',', ';', '\t', '"', '?', '\'', '\n', '\r', ' ', 0, '<', 'N', 'U', 'L', '>',
            (byte) 0xC3, (byte) 0xA9, (byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final List<String> KNOWN_ERRORS = List.of("Invalid ", "Unterminated text qualifier",
            "Unexpected text after the closing text qualifier");

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomBytesNeverCrashOrHangTheReader(long seed) {
        // given
        Random random = new Random(seed);
        byte[] garbage = garbage(random);
        CsvDialect dialect = DIALECTS.get((int) (seed % DIALECTS.size()));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            // when
            List<CsvRow> rows;
            try {
                rows = readAll(garbage, dialect);
            } catch (CsvReadException documented) {
                return;
            }

            // then
            for (int i = 0; i < rows.size(); i++) {
                CsvRow row = rows.get(i);
                assertThat(row.index()).isEqualTo(i);
                if (i > 0) {
                    assertThat(row.sourceLine()).isGreaterThan(rows.get(i - 1).sourceLine());
                }
                if (row.error() != null) {
                    assertThat(KNOWN_ERRORS).anyMatch(row.error()::startsWith);
                }
            }
            int half = rows.size() / 2;
            assertThat(resumedAfter(half, garbage, dialect)).isEqualTo(rows.subList(half, rows.size()));
        });
    }

    private static byte[] garbage(Random random) {
        byte[] bytes = new byte[random.nextInt(3000)];
        boolean structured = random.nextInt(4) != 0;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = structured && random.nextInt(5) < 2
                    ? STRUCTURE[random.nextInt(STRUCTURE.length)]
                    : (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static List<CsvRow> readAll(byte[] bytes, CsvDialect dialect) throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(bytes), dialect)) {
            reader.header();
            reader.headerError();
            return drain(reader);
        }
    }

    private static List<CsvRow> resumedAfter(int skipped, byte[] bytes, CsvDialect dialect) throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(bytes), dialect)) {
            assertThat(reader.skip(skipped)).isEqualTo(skipped);
            return drain(reader);
        }
    }
}
