package tributary.connectors.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;

import org.junit.jupiter.api.Test;

/** Reading iTop's {@code separator}, {@code qualifier} and {@code charset} parameters. */
class CsvDialectTest {

    @Test
    void missingParametersGiveItopDefaults() {
        CsvDialect dialect = CsvDialect.fromItopParameters(null, null, null);

        assertThat(dialect).isEqualTo(new CsvDialect(',', '"', ISO_8859_1));
    }

    @Test
    void blankCharsetTakesTheConfiguredDefault() {
        assertThat(CsvDialect.fromItopParameters(",", "\"", "  ", UTF_8).charset()).isEqualTo(UTF_8);
    }

    @Test
    void valuesAreTrimmed() {
        CsvDialect dialect = CsvDialect.fromItopParameters(" ; ", " ' ", " UTF-8 ");

        assertThat(dialect).isEqualTo(new CsvDialect(';', '\'', UTF_8));
    }

    @Test
    void tabInAnyCaseIsTheTabCharacter() {
        assertThat(CsvDialect.fromItopParameters("tab", null, null).separator()).isEqualTo('\t');
        assertThat(CsvDialect.fromItopParameters(" TAB ", null, null).separator()).isEqualTo('\t');
        assertThat(CsvDialect.fromItopParameters("Tab", null, null).separator()).isEqualTo('\t');
    }

    @Test
    void separatorLongerThanOneCharacterGivesItopsMessage() {
        assertThatThrownBy(() -> CsvDialect.fromItopParameters(";;", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Separator is limited to one character, found ';;'");
    }

    @Test
    void qualifierLongerThanOneCharacterGivesItopsMessage() {
        assertThatThrownBy(() -> CsvDialect.fromItopParameters(",", "''", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Text qualifier is limited to one character, found ''''");
    }

    @Test
    void separatorIsCheckedBeforeQualifierAsInItop() {
        assertThatThrownBy(() -> CsvDialect.fromItopParameters("ab", "cd", null))
                .hasMessageStartingWith("Separator is limited");
    }

    @Test
    void emptyQualifierMeansNoQualifier() {
        CsvDialect dialect = CsvDialect.fromItopParameters(",", "", null);

        assertThat(dialect.hasQualifier()).isFalse();
        assertThat(dialect.qualifier()).isNull();
    }

    @Test
    void emptySeparatorFallsBackToComma() {
        assertThat(CsvDialect.fromItopParameters("", null, null).separator()).isEqualTo(',');
    }

    @Test
    void singleNonAsciiSeparatorIsAccepted() {
        assertThat(CsvDialect.fromItopParameters("§", null, "UTF-8").separator()).isEqualTo('§');
    }

    @Test
    void charsetNamesAreResolvedCaseInsensitively() {
        assertThat(CsvDialect.fromItopParameters(null, null, "windows-1252").charset())
                .isEqualTo(Charset.forName("WINDOWS-1252"));
        assertThat(CsvDialect.fromItopParameters(null, null, "ISO-8859-15").charset())
                .isEqualTo(Charset.forName("ISO-8859-15"));
    }

    @Test
    void unknownCharsetIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> CsvDialect.fromItopParameters(null, null, "KLINGON-8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown charset: 'KLINGON-8'");
    }

    @Test
    void separatorEqualToQualifierIsRefused() {
        assertThatThrownBy(() -> CsvDialect.fromItopParameters("\"", "\"", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The separator and the text qualifier must differ, both are '\"'");
    }

    @Test
    void lineBreakSeparatorIsRefused() {
        assertThatThrownBy(() -> new CsvDialect('\n', '"', UTF_8)).isInstanceOf(IllegalArgumentException.class);
    }
}
