package tributary.connectors.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static tributary.connectors.csv.CsvTestData.readRows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The parser vectors of services.md §2.4 (conformance case 63), with iTop's test dialect: separator {@code ;},
 * qualifier {@code ?}. Each data line follows a header line, since the reader always takes the first line as header.
 */
class ItopCsvReaderVectorsTest {

    private static final CsvDialect ITOP_TEST = new CsvDialect(';', '?', UTF_8);
    private static final String HEADER = "?field1?;?field2?;?field3?\n";

    @Test
    void nullMarkerCellIsNull() {
        assertThat(onlyRow("a;b;<NULL>")).containsExactly("a", "b", null);
    }

    @Test
    void blanksInsideQualifiersAreKeptAndBlanksAroundThemIgnored() {
        assertThat(onlyRow(" ? a ? ; ? b ? ; ? c ? ")).containsExactly(" a ", " b ", " c ");
    }

    @Test
    void unqualifiedCellsAreTrimmed() {
        assertThat(onlyRow(" a ; b ; c ")).containsExactly("a", "b", "c");
    }

    @Test
    void emptyQualifiedCellsAreEmptyStrings() {
        assertThat(onlyRow("??;??;??")).containsExactly("", "", "");
    }

    @Test
    void separatorsAloneGiveEmptyStrings() {
        assertThat(onlyRow(";;")).containsExactly("", "", "");
    }

    @Test
    void anotherQuoteCharacterInsideQualifiersIsLiteral() {
        assertThat(onlyRow("?a\"?;?b?;?c?")).containsExactly("a\"", "b", "c");
    }

    @Test
    void qualifiedCellSpanningTwoLinesKeepsTheNewline() {
        assertThat(onlyRow("?a1\na2?;?b?;?c?")).containsExactly("a1\na2", "b", "c");
    }

    @Test
    void otherSeparatorsInsideQualifiersAreLiteral() {
        assertThat(onlyRow("?a1,a2?;?b?;?c?")).containsExactly("a1,a2", "b", "c");
    }

    @Test
    void qualifiedCellKeepsCommasQuotesAndNewline() {
        assertThat(onlyRow("?a?;?b?;?c1,\",c2\n,c3?")).containsExactly("a", "b", "c1,\",c2\n,c3");
    }

    @Test
    void qualifiedCellKeepsInnerSpaceAndPunctuation() {
        assertThat(onlyRow("?a?;?b?;?ouf !?")).containsExactly("a", "b", "ouf !");
    }

    @Test
    void leadingAndTrailingSpacesOfPlainCellsAreTrimmed() {
        assertThat(onlyRow("    spaces trimmed out ; 1234; mac@enroe.com "))
                .containsExactly("spaces trimmed out", "1234", "mac@enroe.com");
    }

    @Test
    void doubledQualifierIsOneLiteralQualifier() {
        assertThat(onlyRow("?say ??hi??;?;x")).containsExactly("say ?hi?;", "x");
    }

    @Test
    void qualifierInsideAnUnqualifiedCellIsOrdinary() {
        assertThat(onlyRow("ab?c;d?")).containsExactly("ab?c", "d?");
    }

    @Test
    void qualifiedNullMarkerIsAlsoNull() {
        // iTop compares the finished cell with <NULL>, qualified or not.
        assertThat(onlyRow("?<NULL>?;? <NULL>?")).containsExactly(null, " <NULL>");
    }

    @Test
    void wholeIterationOfItopsParserTestFileGivesItsExpectedRows() {
        // given iTop's CSVParserTest data file
        String file = HEADER
                + "?line 0, col 0?;?line 0, col 1?;?line 0, col 2?\n"
                + "a;b;c\n"
                + "a;b;<NULL>\n"
                + " ? a ? ; ? b ? ; ? c ? \n"
                + " a ; b ; c \n"
                + "??;??;??\n"
                + ";;\n"
                + "?a\"?;?b?;?c?\n"
                + "?a1\na2?;?b?;?c?\n"
                + "?a1,a2?;?b?;?c?\n"
                + "?a?;?b?;?c1,\",c2\n,c3?\n"
                + "?a?;?b?;?ouf !?\n"
                + "    spaces trimmed out ; 1234; mac@enroe.com ";

        // when
        List<List<String>> cells = readRows(file, ITOP_TEST).stream().map(CsvRow::cells).toList();

        // then
        assertThat(cells).containsExactly(
                List.of("line 0, col 0", "line 0, col 1", "line 0, col 2"),
                List.of("a", "b", "c"),
                Arrays.asList("a", "b", null),
                List.of(" a ", " b ", " c "),
                List.of("a", "b", "c"),
                List.of("", "", ""),
                List.of("", "", ""),
                List.of("a\"", "b", "c"),
                List.of("a1\na2", "b", "c"),
                List.of("a1,a2", "b", "c"),
                List.of("a", "b", "c1,\",c2\n,c3"),
                List.of("a", "b", "ouf !"),
                List.of("spaces trimmed out", "1234", "mac@enroe.com"));
    }

    @Test
    void headerOfTheTestFileIsUnqualified() throws IOException {
        try (ItopCsvReader reader = ItopCsvReader.open(new ByteArrayInputStream(HEADER.getBytes(UTF_8)), ITOP_TEST)) {
            assertThat(reader.header()).containsExactly("field1", "field2", "field3");
        }
    }

    private static List<String> onlyRow(String line) {
        List<CsvRow> rows = readRows(HEADER + line + "\n", ITOP_TEST);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).error()).isNull();
        return rows.get(0).cells();
    }
}
