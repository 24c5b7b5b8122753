package tributary.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written e-mail and phone checks accept exactly what the documented regular expressions accept. */
class ValueConverterFormatTest {

    private static final String EMAIL_ALPHABET = "a@.b<>\" \t\n\u000Bé-_+1\u00A0'Z";
    private static final String PHONE_ALPHABET = "0123456789+()./- \t\nxXeEtT:a";

    @Test
    void emailCheckAgreesWithTheExpression() {
        for (String value : new String[] {"ada@example.org", "ada.lovelace@mail.example.org", "a@b.c", "a@b.c.",
                "a@.bc", "a@bc.", "@b.c", "a@b", "a@@b.c", "a@b@c.d", "a b@c.d", "<a@b.c>", "\"a\"@b.c", "a@b..",
                "é@ü.de", "a@b.c\n", "a\t@b.c", "ada+cmdb@example.org", "o'brien@example.ie", "dup@x.com\u00A0",
                "dup\u200B@x.com", "\uFF4E\uFF42@x.com", "a@b.com.", "a@b-c.io", "a@b_c.io", "a@b.c-d"}) {
            assertThat(ValueConverter.isEmail(value)).as(value).isEqualTo(ValueConverter.EMAIL.matcher(value).matches());
        }
        agreeOnRandomStrings(EMAIL_ALPHABET, 12, value -> ValueConverter.isEmail(value),
                value -> ValueConverter.EMAIL.matcher(value).matches());
    }

    @Test
    void eMailsAreIsItopsAsciiAddressesWithAPlusAllowed() {
        assertThat(ValueConverter.isEmail("ada+cmdb@example.org")).isTrue();
        assertThat(ValueConverter.isEmail("o'brien@mail.example.ie")).isTrue();
        assertThat(ValueConverter.isEmail("dup@x.com\u00A0")).as("trailing no-break space").isFalse();
        assertThat(ValueConverter.isEmail("dup\u200B@x.com")).as("zero-width space").isFalse();
        assertThat(ValueConverter.isEmail("\uFF4E\uFF42@x.com")).as("full-width letters").isFalse();
        assertThat(ValueConverter.isEmail("a@b.c")).as("one-letter top-level domain").isFalse();
        assertThat(ValueConverter.isEmail("a@b.com.")).as("trailing dot").isFalse();
    }

    @Test
    void phonesHaveNoControlCharacters() {
        assertThat(ValueConverter.isPhone("+33 (0)1 23.45-67/89")).isTrue();
        assertThat(ValueConverter.isPhone("+33 1 23\n45")).isFalse();
        assertThat(ValueConverter.isPhone("+33\t1")).isFalse();
    }

    @Test
    void phoneCheckAgreesWithTheExpression() {
        for (String value : new String[] {"+33 1 23 45 67 89", "(555) 123-4567", "555.123.4567 x12", "555 ext. 7",
                "555EXT7", "1".repeat(40), "1".repeat(41), "1".repeat(40) + " x1", "12a", "x12", "+", "1\t2", "+33 1 23\n45",
                "12\r"}) {
            assertThat(ValueConverter.isPhone(value)).as(value).isEqualTo(ValueConverter.PHONE.matcher(value).matches());
        }
        agreeOnRandomStrings(PHONE_ALPHABET, 48, value -> ValueConverter.isPhone(value),
                value -> ValueConverter.PHONE.matcher(value).matches());
    }

    private static void agreeOnRandomStrings(String alphabet, int maxLength, java.util.function.Predicate<String> check,
                                             java.util.function.Predicate<String> expression) {
        Random random = new Random(20261127);
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder value = new StringBuilder();
            int length = 1 + random.nextInt(maxLength);
            for (int i = 0; i < length; i++) {
                // mostly the first characters (letters, digits), now and then a separator or a forbidden one
                int pick = random.nextInt(4) == 0 ? random.nextInt(alphabet.length()) : random.nextInt(4);
                value.append(alphabet.charAt(pick));
            }
            String text = value.toString();
            boolean expected = expression.test(text);
            assertThat(check.test(text)).as("'%s'", text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("the generated strings include accepted ones").isGreaterThan(300);
    }
}
