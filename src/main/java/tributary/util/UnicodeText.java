package tributary.util;

import java.text.Normalizer;

/**
 * Text as Tributary keeps and compares it: in Unicode normalization form C. The same visible text can arrive composed
 * ("é" as one character, as most systems write it) or decomposed ("e" followed by a combining accent, as some exports
 * and macOS file names write it). PostgreSQL compares code points, so without this a decomposed spelling would not
 * reconcile with the composed one already stored, and an import would create a duplicate.
 */
public final class UnicodeText {

    /** Characters below the first combining mark are never changed by NFC, nor change their neighbours. */
    private static final char FIRST_COMBINING_MARK = '\u0300';
    /** The first of the capitals {@link #newerLower} maps. */
    private static final char NEWER_CAPITALS = '\u2C2F';

    private UnicodeText() {
    }

    /**
     * {@code text} without the blanks around it, including those {@link String#trim()} keeps: no-break spaces (which
     * spreadsheets and word processors type), other Unicode spaces and zero-width characters. For names (a CSV
     * header's), never for values, which are kept as given.
     */
    public static String trimName(String text) {
        return Blanks.strip(text, UnicodeText::isBlank);
    }

    private static boolean isBlank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c <= ' '
                || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
    }

    /**
     * {@code text} in lower case as PostgreSQL's {@code lower()} gives it, which every case-insensitive search and
     * index of the CMDB uses: each code point mapped alone by Unicode's simple case mapping. {@link String#toLowerCase}
     * differs on a few letters (the capital dotted I becomes "i" plus a combining dot, a final capital sigma "ς"), so
     * keys grouped or cached with it split what the database calls equal: two objects created for one key. The same
     * instance when nothing changes.
     */
    public static String lower(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) || Character.toLowerCase(c) != c || c >= NEWER_CAPITALS && newerLower(c) != c) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder lower = new StringBuilder(n).append(text, 0, i);
        while (i < n) {
            int c = text.codePointAt(i);
            int mapped = Character.toLowerCase(c);
            lower.appendCodePoint(mapped != c ? mapped : newerLower(c));
            i += Character.charCount(c);
        }
        return lower.toString();
    }

    /**
     * The lower case of the capital letters added by Unicode 14, which Java 17 does not know (it has Unicode 13) and
     * PostgreSQL 17 lower-cases: four Latin letters, one Glagolitic, and the Vithkuqi alphabet (whose small letters are
     * 0x27 after its capitals). Without it, two keys the database calls equal would be two keys to the import.
     */
    private static int newerLower(int c) {
        return switch (c) {
            case 0x2C2F -> 0x2C5F;
            case 0xA7C0, 0xA7D0, 0xA7D6, 0xA7D8 -> c + 1;
            default -> c >= 0x10570 && c <= 0x10595 && c != 0x1057B && c != 0x1058B && c != 0x10593 ? c + 0x27 : c;
        };
    }

    /** {@code text} in normalization form C; the same instance when it already is (always for Latin-1 text). */
    public static String nfc(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= FIRST_COMBINING_MARK) {
                return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                        : Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }
}
