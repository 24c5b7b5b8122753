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
        return Blanks.strip(value, PhpStrings::isPhpBlank);
    }

    private static boolean isPhpBlank(int character) {
        return character == ' ' || character == '\t' || character == '\n' || character == '\r'
                || character == '\0' || character == '\u000B';
    }
}
