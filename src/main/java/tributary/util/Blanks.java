package tributary.util;

import java.util.function.IntPredicate;

/** Trimming with a caller's notion of blank: PHP's and Unicode's differ from {@link String#trim()}'s. */
final class Blanks {

    private Blanks() {
    }

    /** {@code text} without the characters {@code blank} accepts at either end. */
    static String strip(String text, IntPredicate blank) {
        int start = 0;
        int end = text.length();
        while (start < end && blank.test(text.charAt(start))) {
            start++;
        }
        while (end > start && blank.test(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
