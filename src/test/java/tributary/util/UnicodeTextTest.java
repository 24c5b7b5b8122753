package tributary.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class UnicodeTextTest {

    @Test
    void decomposedAccentsAreComposed() {
        assertThat(UnicodeText.nfc("Rene\u0301e Zoe\u0308")).isEqualTo("Renée Zoë").hasSize(9);
        // Hangul written as conjoining jamo becomes the syllables
        assertThat(UnicodeText.nfc("\u1112\u1161\u11AB\u1100\u1173\u11AF")).isEqualTo("한글");
    }

    @Test
    void namesLoseTheBlanksAroundThemThatTrimKeeps() {
        // no-break space (typed by spreadsheets), narrow no-break space, ideographic space, zero-width space, word
        // joiner, byte-order mark, tab
        assertThat(UnicodeText.trimName("\u00A0first_name\u202F")).isEqualTo("first_name");
        assertThat(UnicodeText.trimName("\u3000\u200Borg_id->name\u2060\uFEFF\t")).isEqualTo("org_id->name");
        assertThat(UnicodeText.trimName("First\u00A0Name")).isEqualTo("First\u00A0Name");
        assertThat(UnicodeText.trimName("\u00A0 \u200B")).isEmpty();
    }

    @Test
    void textAlreadyInFormCIsReturnedAsIs() {
        String latin = "Société Générale, Straße 12";
        String greekAndCjk = "Ωμέγα 東京";
        assertThat(UnicodeText.nfc(latin)).isSameAs(latin);
        assertThat(UnicodeText.nfc(greekAndCjk)).isSameAs(greekAndCjk);
        assertThat(UnicodeText.nfc("")).isEmpty();
        assertThat(UnicodeText.nfc(null)).isNull();
    }

    @Test
    void compatibilityCharactersAreKept() {
        // NFC, not NFKC: a ligature or a superscript is a different text, not another spelling of the same one.
        assertThat(UnicodeText.nfc("ﬁle m²")).isEqualTo("ﬁle m²");
    }

    @Test
    void agreesWithTheJdkOnMixedText() {
        String mixed = "A\u030A ångström \u212B \u0041\u0308\u0304 e\u0301\u0327";
        assertThat(UnicodeText.nfc(mixed)).isEqualTo(Normalizer.normalize(mixed, Normalizer.Form.NFC));
    }
}
