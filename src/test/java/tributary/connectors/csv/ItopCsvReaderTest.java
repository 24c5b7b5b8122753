package tributary.connectors.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tributary.connectors.csv.CsvTestData.bytes;
import static tributary.connectors.csv.CsvTestData.drain;
import static tributary.connectors.csv.CsvTestData.readRows;
import static tributary.connectors.csv.CsvTestData.trickling;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header, row numbering, line numbers, charsets and restart of {@link ItopCsvReader}. */
class ItopCsvReaderTest {

    private static final CsvDialect COMMA_UTF8 = CsvDialect.defaults(UTF_8);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path directory;

    @Test
    void headerCellsAreTrimmedEvenWhenQualified() throws IOException {
        // given
        byte[] csv = bytes(UTF_8, "\" first_name \", name ,email\n");

        // when
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv), COMMA_UTF8)) {
            // then
            assertThat(reader.header()).containsExactly("first_name", "name", "email");
            assertThat(reader.headerError()).isEmpty();
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void decomposedTextIsReadInNormalizationFormC() throws IOException {
        // Combining marks after their letters (U+0300 grave, U+0301 acute, U+0308 diaeresis, U+030A ring) in the header,
        // a plain cell and a qualified one; ISO-8859-1 has no combining marks, so only UTF-8 data can bring them.
        byte[] csv = bytes(UTF_8, "nom de fami\u0300lle,code\nSoci\u0065\u0301te\u0301,\"Zoe\u0308\r\nA\u030A\"\n");

        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv), COMMA_UTF8)) {
            assertThat(reader.header()).containsExactly("nom de famìlle", "code");
            assertThat(reader.next().cells()).containsExactly("Société", "Zoë\nÅ");
        }
    }

    @Test
    void utf8ByteOrderMarkIsRemovedFromTheFirstHeaderCell() throws IOException {
        // given
        Path file = directory.resolve("bom.csv");
        Files.write(file, bytes(UTF_8, UTF8_BOM, "name,code\nDemo,D1\n"));

        // when
        try (ItopCsvReader reader = ItopCsvReader.open(file, CsvDialect.fromItopParameters(",", "\"", "UTF-8"))) {
            // then
            assertThat(reader.header()).containsExactly("name", "code");
            assertThat(reader.next().cells()).containsExactly("Demo", "D1");
        }
    }

    @Test
    void byteOrderMarkArrivingByteByByteIsRemoved() throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(trickling(bytes(UTF_8, UTF8_BOM, "name\n")), COMMA_UTF8)) {
            assertThat(reader.header()).containsExactly("name");
        }
    }

    @Test
    void byteOrderMarkIsRemovedWhateverTheSpellingOfUtf8() throws IOException {
        // iTop compares the charset with 'UTF-8' exactly; we remove the mark for any spelling of UTF-8.
        byte[] csv = bytes(UTF_8, UTF8_BOM, "name\n");
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv),
                CsvDialect.fromItopParameters(null, null, "utf8"))) {
            assertThat(reader.header()).containsExactly("name");
        }
    }

    @Test
    void byteOrderMarkOfUtf16AndUtf32IsRemovedToo() throws IOException {
        // Excel saves "Unicode text" as UTF-16LE with a byte-order mark. Charsets naming the byte order decode the mark
        // as U+FEFF; "UTF-16" writes one and reads it itself.
        for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE")) {
            String text = (charset.equals("UTF-16") ? "" : "\uFEFF") + "first_name\tname\nZoë\tÜnal\n";
            byte[] csv = bytes(java.nio.charset.Charset.forName(charset), text);
            try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv),
                    CsvDialect.fromItopParameters("tab", null, charset))) {
                assertThat(reader.header()).as(charset).containsExactly("first_name", "name");
                assertThat(reader.next().cells()).as(charset).containsExactly("Zoë", "Ünal");
            }
        }
    }

    @Test
    void byteOrderMarkIsNotTouchedInOtherCharsets() throws IOException {
        byte[] csv = bytes(UTF_8, UTF8_BOM, "name\n");
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv), CsvDialect.defaults(ISO_8859_1))) {
            assertThat(reader.header()).containsExactly("ï»¿name");
        }
    }

    @Test
    void dataRowsAreNumberedFromZeroAfterTheHeader() {
        List<CsvRow> rows = readRows("h\nr0\nr1\nr2\n", COMMA_UTF8);

        assertThat(rows).extracting(CsvRow::index).containsExactly(0L, 1L, 2L);
        assertThat(rows).extracting(row -> row.cell(0)).containsExactly("r0", "r1", "r2");
    }

    @Test
    void emptyLinesAndSingleEmptyCellLinesAreSkipped() {
        // given blank lines before the header, between rows, a line of blanks, an empty qualified cell, a lone <NULL>
        String csv = "\n\nh1,h2\n\na,b\n   \n\"\"\n<NULL>\n\r\nc,d\n\n";

        // when
        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        // then
        assertThat(rows).extracting(CsvRow::cells).containsExactly(List.of("a", "b"), List.of("c", "d"));
        assertThat(rows).extracting(CsvRow::index).containsExactly(0L, 1L);
    }

    @Test
    void lineOfSeparatorsIsNotBlank() {
        assertThat(readRows("h1,h2\n,\n", COMMA_UTF8)).extracting(CsvRow::cells).containsExactly(List.of("", ""));
    }

    @Test
    void sourceLineIsWhereTheRowStartsAcrossBlankLinesAndMultiLineCells() {
        // given               line 1    2        3              4     5      6    7       8
        String csv = "h1,h2\r\n" + "a,b\r\n" + "\"multi\r\n" + "line\r\n" + "cell\",x\r\n" + "\r\n" + "c,d\r\n" + "e,f";

        // when
        List<CsvRow> rows = readRows(csv, COMMA_UTF8);

        // then
        assertThat(rows).extracting(CsvRow::sourceLine).containsExactly(2L, 3L, 7L, 8L);
        assertThat(rows).extracting(CsvRow::index).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void loneCarriageReturnEndsALine() {
        // Documented divergence: iTop only splits on LF; old Mac files read as lines here.
        List<CsvRow> rows = readRows("h\ra\rb", COMMA_UTF8);

        assertThat(rows).extracting(row -> row.cell(0)).containsExactly("a", "b");
        assertThat(rows).extracting(CsvRow::sourceLine).containsExactly(2L, 3L);
    }

    @Test
    void crLfInsideQualifiedCellBecomesLf() {
        List<CsvRow> rows = readRows("h1,h2\r\n\"one\r\ntwo\",x\r\n", COMMA_UTF8);

        assertThat(rows.get(0).cells()).containsExactly("one\ntwo", "x");
    }

    @Test
    void tabSeparatorIsTheWordTabInAnyCase() {
        // given
        CsvDialect dialect = CsvDialect.fromItopParameters("TaB", "\"", "UTF-8");

        // when
        List<CsvRow> rows = readRows("name\tcode\n  Demo \t\"a\tb\"\n", dialect);

        // then
        assertThat(rows.get(0).cells()).containsExactly("Demo", "a\tb");
    }

    @Test
    void isoLatin1BytesAreDecoded() {
        // given 'é' is the single byte E9 in ISO-8859-1
        byte[] csv = bytes(ISO_8859_1, "name\nRen\u00e9\n");

        // when
        List<CsvRow> rows = readRows(csv, CsvDialect.fromItopParameters(",", "\"", "ISO-8859-1"));

        // then
        assertThat(rows.get(0).cells()).containsExactly("René");
        assertThat(rows.get(0).error()).isNull();
    }

    @Test
    void windows1252BytesAreDecodedIncludingEuroSign() {
        // given 0x80 is '€' and 0x9C is 'œ' in WINDOWS-1252 (control characters in ISO-8859-1)
        byte[] csv = bytes(ISO_8859_1, "label\n", new byte[] {(byte) 0x80, ' ', 'c', (byte) 0x9C, 'u', 'r', '\n'});

        // when
        List<CsvRow> rows = readRows(csv, CsvDialect.fromItopParameters(",", "\"", "WINDOWS-1252"));

        // then
        assertThat(rows.get(0).cells()).containsExactly("€ cœur");
        assertThat(rows.get(0).error()).isNull();
    }

    @Test
    void defaultCharsetIsIsoLatin1LikeItop() {
        assertThat(CsvDialect.fromItopParameters(null, null, "").charset()).isEqualTo(Charset.forName("ISO-8859-1"));
    }

    @Test
    void spreadsheetFormulaLookingValuesAreReturnedVerbatim() {
        List<CsvRow> rows = readRows("a,b,c,d,e\n=SUM(A1),+1,@x,-2+3,\"=HYPERLINK(\"\"http://x\"\")\"\n", COMMA_UTF8);

        assertThat(rows.get(0).cells()).containsExactly("=SUM(A1)", "+1", "@x", "-2+3", "=HYPERLINK(\"http://x\")");
    }

    @Test
    void missingTrailingCellsReadAsEmptyAndSurplusCellsAreKept() {
        List<CsvRow> rows = readRows("a,b,c\n1\n1,2,3,4\n", COMMA_UTF8);

        assertThat(rows.get(0).cell(2)).isEmpty();
        assertThat(rows.get(1).cells()).hasSize(4);
    }

    @Test
    void emptyDataHasAnEmptyHeaderAndNoRows() throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(new byte[0]), COMMA_UTF8)) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void withoutQualifierQuotesAreOrdinaryCharacters() {
        CsvDialect noQualifier = CsvDialect.fromItopParameters(";", "", "UTF-8");

        List<CsvRow> rows = readRows("h1;h2\n\"a;b\"\n", noQualifier);

        assertThat(rows.get(0).cells()).containsExactly("\"a", "b\"");
    }

    @Test
    void skipPassesOverRowsSoThatReadingResumesAtTheNextIndex() throws IOException {
        // given
        String csv = "h\n" + "r0\n" + "\"r1\nsecond line\"\n" + "\n" + "r2\n" + "r3\n" + "r4\n";
        List<CsvRow> all = readRows(csv, COMMA_UTF8);

        // when
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(csv.getBytes(UTF_8)), COMMA_UTF8)) {
            long skipped = reader.skip(3);
            List<CsvRow> rest = drain(reader);

            // then
            assertThat(skipped).isEqualTo(3);
            assertThat(rest).containsExactlyElementsOf(all.subList(3, 5));
        }
    }

    @Test
    void skipCountsARowAlreadyLookedAhead() throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream("h\na\nb\nc\n".getBytes(UTF_8)),
                COMMA_UTF8)) {
            assertThat(reader.hasNext()).isTrue();

            assertThat(reader.skip(2)).isEqualTo(2);
            assertThat(reader.next().cells()).containsExactly("c");
        }
    }

    @Test
    void skipBeyondTheEndReturnsHowManyRowsThereWere() throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream("h\na\nb\n".getBytes(UTF_8)),
                COMMA_UTF8)) {
            assertThat(reader.skip(10)).isEqualTo(2);
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void closingTheReaderClosesTheStream() throws IOException {
        // given
        boolean[] closed = {false};
        ByteArrayInputStream input = new ByteArrayInputStream("h\na\n".getBytes(UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        // when
        ItopCsvReader.open(input, COMMA_UTF8).close();

        // then
        assertThat(closed[0]).isTrue();
    }
}
