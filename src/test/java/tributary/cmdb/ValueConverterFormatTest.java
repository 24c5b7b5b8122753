package tributary.cmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written e-mail and phone checks accept exactly what the documented regular expressions accept. */
class ValueConverterFormatTest {

    private static final String EMAIL_ALPHABET = "a@.b<>\" \t\n\u000Bé-_+1";
    private static final String PHONE_ALPHABET = "0123456789+()./- \t\nxXeEtT:a";

    @Test
    void emailCheckAgreesWithTheExpression() {
        for (String value : new String[] {"ada@example.org", "ada.lovelace@mail.example.org", "a@b.c", "a@b.c.",
                "a@.bc", "a@bc.", "@b.c", "a@b", "a@@b.c", "a@b@c.d", "a b@c.d", "<a@b.c>", "\"a\"@b.c", "a@b..",
                "é@ü.de", "a@b.c\n", "a\t@b.c"}) {
            assertThat(ValueConverter.isEmail(value)).as(value).isEqualTo(ValueConverter.EMAIL.matcher(value).matches());
        }
        agreeOnRandomStrings(EMAIL_ALPHABET, 12, value -> ValueConverter.isEmail(value),
                value -> ValueConverter.EMAIL.matcher(value).matches());
    }

    @Test
    void phoneCheckAgreesWithTheExpression() {
        for (String value : new String[] {"+33 1 23 45 67 89", "(555) 123-4567", "555.123.4567 x12", "555 ext. 7",
                "555EXT7", "1".repeat(40), "1".repeat(41), "1".repeat(40) + " x1", "12a", "x12", "+", "1\t2"}) {
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
        assertThat(accepted).as("the generated strings include accepted ones").isGreaterThan(1000);
    }
}
