package tributary.connectors.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tributary.connectors.csv.CsvTestData.bytes;
import static tributary.connectors.csv.CsvTestData.drain;
import static tributary.connectors.csv.CsvTestData.readRows;
import static tributary.connectors.csv.CsvTestData.trickling;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gives row errors and the reading goes on; nothing crashes, nothing hangs. */
class ItopCsvReaderRobustnessTest {

    private static final CsvDialect COMMA_UTF8 = CsvDialect.defaults(UTF_8);
    private static final byte[] INVALID_UTF8 = {(byte) 0xFF};
    private static final byte[] TRUNCATED_EURO_SIGN = {(byte) 0xE2, (byte) 0x82}; // E2 82 AC without its AC

    @TempDir
    Path directory;

    @Test
    void invalidUtf8IsReportedOnItsRowAndTheFollowingRowsStillParse() {
        // given
        byte[] csv = bytes(UTF_8, "name,code\n", "ok,1\n", "bad", INVALID_UTF8, "name,2\n", "fine,3\n",
                "trunc", TRUNCATED_EURO_SIGN, ",4\n", "last,5\n");

        // when
        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        // then
        assertThat(rows).extracting(CsvRow::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(rows).extracting(CsvRow::hasError).containsExactly(false, true, false, true, false);
        assertThat(rows.get(1).error()).isEqualTo(
                "Invalid UTF-8 byte sequence in this row (check the charset parameter); the bytes were replaced by U+FFFD");
        assertThat(rows.get(1).cells()).containsExactly("bad\uFFFDname", "2");
        assertThat(rows.get(2).cells()).containsExactly("fine", "3");
        assertThat(rows.get(3).cells()).containsExactly("trunc\uFFFD", "4");
        assertThat(rows.get(4).cells()).containsExactly("last", "5");
    }

    @Test
    void invalidByteOnTheSecondLineOfAMultiLineCellFlagsThatRow() {
        byte[] csv = bytes(UTF_8, "a,b\n", "x,\"first\nsecond", INVALID_UTF8, "\"\n", "y,z\n");

        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        assertThat(rows).extracting(CsvRow::hasError).containsExactly(true, false);
        assertThat(rows.get(1).sourceLine()).isEqualTo(4);
    }

    @Test
    void invalidBytesAtTheEndOfTheDataAreReported() {
        byte[] csv = bytes(UTF_8, "a\n", "x", TRUNCATED_EURO_SIGN);

        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.cells()).containsExactly("x\uFFFD");
            assertThat(row.hasError()).isTrue();
        });
    }

    @Test
    void invalidBytesInTheHeaderAreReportedAsHeaderError() throws IOException {
        byte[] csv = bytes(UTF_8, "na", INVALID_UTF8, "me\n", "x\n");

        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv), COMMA_UTF8)) {
            assertThat(reader.headerError()).hasValueSatisfying(error -> assertThat(error).startsWith("Invalid UTF-8"));
            assertThat(reader.next().hasError()).isFalse();
        }
    }

    @Test
    void unmappableWindows1252ByteIsReported() {
        // 0x81 has no character in WINDOWS-1252
        byte[] csv = bytes(StandardCharsets.ISO_8859_1, "a\n", new byte[] {'x', (byte) 0x81, '\n'}, "y\n");

        List<CsvRow> rows = readRows(csv, CsvDialect.fromItopParameters(",", "\"", "WINDOWS-1252"));

        assertThat(rows.get(0).error()).startsWith("Invalid WINDOWS-1252 byte sequence in this row");
        assertThat(rows.get(1).error()).isNull();
    }

    @Test
    void invalidBytesAreAttributedToTheRightRowsAcrossDecoderBuffers() {
        // given 3,000 rows (well beyond the 8 KiB buffers), every 7th with an invalid byte, some split across lines
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,text\n".getBytes(UTF_8));
        for (int i = 0; i < 3000; i++) {
            out.writeBytes((i + ",\"value " + i).getBytes(UTF_8));
            if (i % 7 == 0) {
                out.writeBytes(i % 2 == 0 ? INVALID_UTF8 : TRUNCATED_EURO_SIGN);
            }
            out.writeBytes((i % 5 == 0 ? "\r\nmore\"\r\n" : "\"\n").getBytes(UTF_8));
        }

        // when read one byte at a time as well as in bulk
        List<CsvRow> bulk = readRows(out.toByteArray(), COMMA_UTF8);
        List<CsvRow> trickled = drain(ItopCsvReader.open(trickling(out.toByteArray()), COMMA_UTF8));

        // then
        assertThat(trickled).isEqualTo(bulk);
        assertThat(bulk).hasSize(3000).allSatisfy(row -> {
            assertThat(row.cell(0)).isEqualTo(Long.toString(row.index()));
            assertThat(row.hasError()).as("row %d", row.index()).isEqualTo(row.index() % 7 == 0);
        });
    }

    @Test
    void multiByteCharactersSplitAcrossReadsAreDecoded() {
        byte[] csv = bytes(UTF_8, "name\n", "€ ☃ 𝄞 é\n");

        List<CsvRow> rows = drain(ItopCsvReader.open(trickling(csv), COMMA_UTF8));

        assertThat(rows.get(0).cells()).containsExactly("€ ☃ 𝄞 é");
        assertThat(rows.get(0).error()).isNull();
    }

    @Test
    void unterminatedQualifierAtTheEndGivesARowErrorNotAnException() {
        // given
        String csv = "name,code\nok,1\n\"never closed,2\nstill,inside\n";

        // when
        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        // then
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).error()).isNull();
        CsvRow broken = rows.get(1);
        assertThat(broken.index()).isEqualTo(1);
        assertThat(broken.sourceLine()).isEqualTo(3);
        assertThat(broken.cells()).isEmpty();
        assertThat(broken.error()).isEqualTo(
                "Unterminated text qualifier: a cell of this row opened with '\"' is not closed before the end of the data");
    }

    @Test
    void unterminatedQualifierInTheHeaderIsAHeaderError() throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream("\"name,code\n".getBytes(UTF_8)),
                COMMA_UTF8)) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.headerError()).hasValueSatisfying(error -> assertThat(error).startsWith("Unterminated"));
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void textAfterAClosingQualifierGivesARowErrorAndTheNextRowsParse() {
        // iTop would glue the text to the cell ("ax"); Commons CSV cannot, so the row is rejected (documented gap).
        String csv = "h1,h2\n\"a\"x,b\nnext,row\n\"c\" , \"d\"\n";

        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        assertThat(rows).extracting(CsvRow::index).containsExactly(0L, 1L, 2L);
        assertThat(rows.get(0).error()).isEqualTo("Unexpected text after the closing text qualifier '\"': "
                + "a qualified cell must be followed by the separator or the end of the line");
        assertThat(rows.get(0).sourceLine()).isEqualTo(2);
        assertThat(rows.get(1).cells()).containsExactly("next", "row");
        assertThat(rows.get(1).sourceLine()).isEqualTo(3);
        assertThat(rows.get(2).cells()).containsExactly("c", "d");
    }

    @Test
    void repeatedTextAfterQualifiersOnOneLineIsOneRowError() {
        List<CsvRow> rows = readRows("h\n\"a\"x\"b\"y\"c\"z\nafter\n", COMMA_UTF8);

        assertThat(rows).extracting(CsvRow::hasError).containsExactly(true, false);
        assertThat(rows.get(1).cells()).containsExactly("after");
        assertThat(rows.get(1).sourceLine()).isEqualTo(3);
    }

    @Test
    void fiveMegabyteCellsAreReadWhole(@TempDir Path temp) throws IOException {
        // given a 5 MB qualified cell full of separators, quotes and newlines, then a 5 MB plain cell
        String chunk = "abc,\"\"def\"\"\nghi ";
        String qualified = chunk.repeat(5 * 1024 * 1024 / chunk.length());
        String plain = "x".repeat(5 * 1024 * 1024);
        Path file = temp.resolve("big.csv");
        Files.writeString(file, "big,small\n\"" + qualified + "\",1\n" + plain + ",2\nend,3\n", UTF_8);

        // when
        List<CsvRow> rows;
        try (ItopCsvReader reader = ItopCsvReader.open(file, COMMA_UTF8)) {
            rows = drain(reader);
        }

        // then
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).cell(0)).isEqualTo(qualified.replace("\"\"", "\""));
        assertThat(rows.get(1).cell(0)).hasSize(plain.length());
        assertThat(rows.get(2).cells()).containsExactly("end", "3");
        assertThat(rows.get(2).sourceLine()).isEqualTo(2L + qualified.chars().filter(c -> c == '\n').count() + 2);
    }

    @Test
    void anUnterminatedQualifierBeforeMoreThanTheRowBoundIsOneRowErrorAndTheDataEndsThere() {
        // given rows, then a qualifier never closed followed by far more text than a row may hold
        StringBuilder csv = new StringBuilder("a,b\nfirst,1\n\"open,2\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append("later").append(i).append(",x\n");
        }

        // when read with rows bounded to 1,000 characters
        List<CsvRow> rows = readRowsOfAtMost1000Characters(csv.toString());

        // then the row before is read, the long one is an error on its line, and nothing after it comes back
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).cells()).containsExactly("first", "1");
        assertThat(rows.get(1).sourceLine()).isEqualTo(3);
        assertThat(rows.get(1).error()).isEqualTo("This row is longer than 1,000 characters (a line that long, or an"
                + " unterminated text qualifier '\"' making the rest of the data one cell): the rows after it were not read");
    }

    @Test
    void rowsJustUnderTheBoundAreReadOneAfterTheOther() {
        // every row is 900 characters, 50 of them (45,000 characters): the bound applies per row, not to the data
        String cell = "y".repeat(897);
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 50; i++) {
            csv.append(cell).append(",").append(i % 10).append('\n');
        }

        List<CsvRow> rows = readRowsOfAtMost1000Characters(csv.toString());

        assertThat(rows).hasSize(50).noneMatch(CsvRow::hasError);
    }

    private static List<CsvRow> readRowsOfAtMost1000Characters(String csv) {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv.getBytes(UTF_8)), COMMA_UTF8, 1_000)) {
            return drain(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nulBytesAndControlCharactersAreKeptAsCharacters() {
        byte[] csv = bytes(UTF_8, "a,b\n", new byte[] {'x', 0, 'y', ',', 1, 2, 0x7F, '\n'});

        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        assertThat(rows.get(0).cells()).containsExactly("x\0y", "\u0001\u0002\u007F");
        assertThat(rows.get(0).error()).isNull();
    }

    @Test
    void failingStreamEndsWithACsvReadExceptionNamingTheLine() {
        // given a stream that breaks after the header and one row
        InputStream failing = new SequenceInputStream(
                new ByteArrayInputStream("h\nrow\n".getBytes(UTF_8)), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("disk on fire");
                    }
                });

        // then
        assertThatThrownBy(() -> drain(ItopCsvReader.open(failing, COMMA_UTF8)))
                .isInstanceOf(CsvReadException.class)
                .hasMessageContaining("disk on fire")
                .hasMessageContaining("line");
    }
}
