package tributary.util;

/** PHP string helpers whose exact behaviour differs from the JDK's. */
public final class PhpStrings {

    private PhpStrings() {
    }

    /**
     * PHP's {@code trim()}: strips only space, tab, LF, CR, NUL and vertical tab. {@link String#trim()} would
     * also strip other control characters (form feed…), which iTop keeps.
     */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isPhpBlank(value.charAt(start))) {
            start++;
        }
        while (end > start && isPhpBlank(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isPhpBlank(char character) {
        return character == ' ' || character == '\t' || character == '\n' || character == '\r'
                || character == '\0' || character == '\u000B';
    }
}
