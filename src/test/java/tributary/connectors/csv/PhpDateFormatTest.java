package tributary.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PHP date formats of iTop's {@code date_format} parameter, turned into strict java.time parsing. */
class PhpDateFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Y-m-d          | 2022-10-23",
            "Y-m-d H:i:s    | 2022-10-23 16:25:33",
            "d/m/Y H:i      | 23/10/2022 16:25",
            "d/m/Y          | 23/10/2022",
            "m/d/y          | 10/23/22",
            "j/n/Y G:i      | 23/10/2022 16:25",
            "d.m.Y g:i a    | 23.10.2022 4:25 pm",
            "d/m/Y h:i:s A  | 23/10/2022 04:25:33 PM",
            "Y-m-d\\TH:i:s  | 2022-10-23T16:25:33"})
    void sampleIsTheReferenceInstantRenderedInTheFormat(String format, String sample) {
        assertThat(PhpDateFormat.of(format).sample()).isEqualTo(sample);
    }

    @Test
    void sampleOfTheDatePartIsWhatItopsDateColumnsExpect() {
        // case 61: date_format=Y-m-d H:i:s, a date attribute -> "Expected format: 2022-10-23"
        assertThat(PhpDateFormat.of("Y-m-d H:i:s").datePart().sample()).isEqualTo("2022-10-23");
    }

    @Test
    void legacyPercentSpellingIsConverted() {
        PhpDateFormat format = PhpDateFormat.of("%Y-%m-%d %H:%i:%s");

        assertThat(format.pattern()).isEqualTo("Y-m-d H:i:s");
        assertThat(PhpDateFormat.of("%d/%m/%y").pattern()).isEqualTo("d/m/y");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "d/m/Y H:i:s  | d/m/Y",
            "Y-m-d H:i:s  | Y-m-d",
            "H:i d/m/Y    | d/m/Y",
            "m/d/y g:i a  | m/d/y",
            "d/m/Y        | d/m/Y"})
    void datePartRunsFromTheFirstToTheLastDateLetter(String format, String datePart) {
        assertThat(PhpDateFormat.of(format).datePart().pattern()).isEqualTo(datePart);
    }

    @Test
    void dateIsParsedWithTheFormat() {
        assertThat(PhpDateFormat.of("d/m/Y").parseDate("05/03/2021")).contains(LocalDate.of(2021, 3, 5));
    }

    @Test
    void impossibleMonthIsRejected() {
        // services.md 2.7 quirk: a format-conforming but impossible date is a wrong date format
        assertThat(PhpDateFormat.of("Y-m-d").parseDate("2020-20-03")).isEmpty();
    }

    @Test
    void dayBeyondTheEndOfTheMonthIsRejectedInsteadOfRollingOver() {
        PhpDateFormat format = PhpDateFormat.of("Y-m-d");

        assertThat(format.parseDate("2020-02-30")).isEmpty();
        assertThat(format.parseDate("2021-02-29")).isEmpty();
        assertThat(format.parseDate("2020-02-29")).contains(LocalDate.of(2020, 2, 29));
    }

    @Test
    void textNotMatchingTheFormatIsRejected() {
        PhpDateFormat format = PhpDateFormat.of("Y-m-d");

        assertThat(format.parseDate("<date")).isEmpty();
        assertThat(format.parseDate("2022-10-23x")).isEmpty();
        assertThat(format.parseDate(" 2022-10-23")).isEmpty();
        assertThat(format.parseDate("23/10/2022")).isEmpty();
        assertThat(format.parseDate("")).isEmpty();
        assertThat(format.parseDate(null)).isEmpty();
    }

    @Test
    void twoDigitLettersNeedTwoDigitsAndOneDigitLettersAcceptBoth() {
        assertThat(PhpDateFormat.of("Y-m-d").parseDate("2022-1-5")).isEmpty();
        assertThat(PhpDateFormat.of("Y-n-j").parseDate("2022-1-5")).contains(LocalDate.of(2022, 1, 5));
        assertThat(PhpDateFormat.of("Y-n-j").parseDate("2022-11-25")).contains(LocalDate.of(2022, 11, 25));
    }

    @Test
    void twoDigitYearsFollowPhpsWindow() {
        PhpDateFormat format = PhpDateFormat.of("m/d/y");

        assertThat(format.parseDate("10/23/69")).contains(LocalDate.of(2069, 10, 23));
        assertThat(format.parseDate("10/23/70")).contains(LocalDate.of(1970, 10, 23));
    }

    @Test
    void dateTimeIsParsedWithTheFullFormat() {
        assertThat(PhpDateFormat.of("d/m/Y H:i:s").parseDateTime("23/10/2022 16:25:33"))
                .contains(LocalDateTime.of(2022, 10, 23, 16, 25, 33));
    }

    @Test
    void dateTimeCellWithoutSecondsIsRejectedWhenTheFormatHasSeconds() {
        PhpDateFormat format = PhpDateFormat.of("Y-m-d H:i:s");

        assertThat(format.parseDateTime("2022-10-23 16:25")).isEmpty();
        assertThat(format.parseDateTime("2022-10-23")).isEmpty();
    }

    @Test
    void formatWithoutSecondsReadsThemAsZero() {
        assertThat(PhpDateFormat.of("d/m/Y H:i").parseDateTime("23/10/2022 16:25"))
                .contains(LocalDateTime.of(2022, 10, 23, 16, 25, 0));
    }

    @Test
    void dateTimeReadWithADateOnlyFormatIsAtMidnight() {
        assertThat(PhpDateFormat.of("d/m/Y").parseDateTime("23/10/2022"))
                .contains(LocalDateTime.of(2022, 10, 23, 0, 0));
    }

    @Test
    void impossibleTimeIsRejected() {
        PhpDateFormat format = PhpDateFormat.of("Y-m-d H:i:s");

        assertThat(format.parseDateTime("2022-10-23 24:00:00")).isEmpty();
        assertThat(format.parseDateTime("2022-10-23 12:60:00")).isEmpty();
    }

    @Test
    void twelveHourClockIsReadWithAmPm() {
        PhpDateFormat format = PhpDateFormat.of("d/m/Y g:i a");

        assertThat(format.parseDateTime("23/10/2022 4:25 pm")).contains(LocalDateTime.of(2022, 10, 23, 16, 25));
        assertThat(format.parseDateTime("23/10/2022 12:05 am")).contains(LocalDateTime.of(2022, 10, 23, 0, 5));
        assertThat(format.parseDateTime("23/10/2022 4:25 PM")).isEmpty();
    }

    @Test
    void escapedLetterIsLiteral() {
        assertThat(PhpDateFormat.of("Y-m-d\\TH:i:s").parseDateTime("2022-10-23T16:25:33"))
                .contains(LocalDateTime.of(2022, 10, 23, 16, 25, 33));
    }

    @Test
    void parseDateOfADateTimeFormatNeedsTheTimeToo() {
        PhpDateFormat format = PhpDateFormat.of("Y-m-d H:i:s");

        assertThat(format.parseDate("2022-10-23 16:25:33")).contains(LocalDate.of(2022, 10, 23));
        assertThat(format.parseDate("2022-10-23")).isEmpty();
        assertThat(format.datePart().parseDate("2022-10-23")).contains(LocalDate.of(2022, 10, 23));
    }

    @Test
    void internalFormatsAreItopsSqlFormats() {
        assertThat(PhpDateFormat.INTERNAL_DATE.format(LocalDate.of(2022, 1, 2))).isEqualTo("2022-01-02");
        assertThat(PhpDateFormat.INTERNAL_DATE_TIME.format(LocalDateTime.of(2022, 1, 2, 3, 4, 5)))
                .isEqualTo("2022-01-02 03:04:05");
    }

    @Test
    void unsupportedLetterIsRefusedByName() {
        assertThatThrownBy(() -> PhpDateFormat.of("D, d M Y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Unsupported character 'D' in the date format 'D, d M Y'");
    }

    @Test
    void incompleteDateIsRefused() {
        assertThatThrownBy(() -> PhpDateFormat.of("m/Y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The date format 'm/Y' must contain a year (Y or y), a month (m or n) and a day (d or j)");
    }

    @Test
    void twelveHourClockWithoutAmPmIsRefused() {
        assertThatThrownBy(() -> PhpDateFormat.of("Y-m-d h:i"))
                .hasMessage("The date format 'Y-m-d h:i' uses a 12-hour clock (h or g) without am/pm (a or A)");
    }

    @Test
    void minutesWithoutHoursAreRefused() {
        assertThatThrownBy(() -> PhpDateFormat.of("Y-m-d i:s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyFormatIsRefused() {
        assertThatThrownBy(() -> PhpDateFormat.of("")).hasMessage("The date format is empty");
    }

    @Test
    void trailingBackslashIsRefused() {
        assertThatThrownBy(() -> PhpDateFormat.of("Y-m-d\\")).hasMessageContaining("ends with an escape character");
    }
}
