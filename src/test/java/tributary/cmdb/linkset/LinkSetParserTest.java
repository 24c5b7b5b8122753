package tributary.cmdb.linkset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LinkSetParserTest {

    private final LinkSetParser parser = new LinkSetParser(LinkSetSyntax.ITOP_DEFAULT);

    private static LinkSpec values(Map<String, String> values) {
        return new LinkSpec(values, Map.of(), null);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "|", " | |\n", "\r\n"})
    void emptyTextIsAnEmptySet(String text) {
        assertThat(parser.parse(text)).isEmpty();
    }

    @Test
    void linksAreSeparatedByRowsAndPairsByAttributeSeparator() {
        assertThat(parser.parse("profileid:10;reason:boss|profileid:2"))
                .containsExactly(values(Map.of("profileid", "10", "reason", "boss")), values(Map.of("profileid", "2")));
    }

    @Test
    void aLineBreakAlsoSeparatesLinks() {
        assertThat(parser.parse("profileid:1\r\nprofileid:2\nprofileid:3")).hasSize(3);
    }

    @Test
    void emptyLinksAreSkipped() {
        assertThat(parser.parse("profileid:1||profileid:2|")).hasSize(2);
    }

    @Test
    void keyByCriteriaIsSplitAtTheArrow() {
        assertThat(parser.parse("profileid->name:Administrator"))
                .containsExactly(new LinkSpec(Map.of(), Map.of("profileid", Map.of("name", "Administrator")), null));
    }

    @Test
    void severalCriteriaOfOneKeyAreKeptTogetherInOrder() {
        LinkSpec link = parser.parse("team_id->name:Support;team_id->org_id:3;role:lead").get(0);

        assertThat(link.criteria().get("team_id")).containsExactly(Map.entry("name", "Support"), Map.entry("org_id", "3"));
        assertThat(link.values()).containsExactly(Map.entry("role", "lead"));
    }

    @Test
    void criteriaSplitAtTheLastArrowAsItopsGreedyPattern() {
        assertThat(parser.parse("a->b->c:x").get(0).criteria()).containsExactly(Map.entry("a->b", Map.of("c", "x")));
        assertThat(parser.parse("a->:x").get(0).values()).containsExactly(Map.entry("a->", "x"));
    }

    @Test
    void finalclassIsSetApart() {
        LinkSpec link = parser.parse("finalclass:lnkFoo;foo_id:1").get(0);

        assertThat(link.finalClass()).isEqualTo("lnkFoo");
        assertThat(link.values()).containsOnlyKeys("foo_id");
    }

    @Test
    void valueIsCutAtTheFirstValueSeparatorOnly() {
        assertThat(parser.parse("reason:at 10:30").get(0).values()).containsEntry("reason", "at 10:30");
    }

    @Test
    void codeAndUnqualifiedPairAreTrimmedButTheValueIsNot() {
        assertThat(parser.parse("  profileid :  10 ; reason:x  ").get(0).values())
                .containsExactly(Map.entry("profileid", "  10"), Map.entry("reason", "x"));
    }

    @Test
    void qualifiedPairMayContainSeparators() {
        assertThat(parser.parse("'reason:a;b|c';profileid:1").get(0).values())
                .containsExactly(Map.entry("reason", "a;b|c"), Map.entry("profileid", "1"));
    }

    @Test
    void qualifiedPairKeepsItsInnerBlanksAndDropsOuterOnes() {
        assertThat(parser.parse("  ' reason: x '  ;profileid:1").get(0).values())
                .containsEntry("reason", " x ");
    }

    @Test
    void doubledQualifierStandsForItself() {
        assertThat(parser.parse("'reason:it''s mine'").get(0).values()).containsEntry("reason", "it's mine");
    }

    @Test
    void qualifierInsideAnUnqualifiedPairIsAPlainCharacter() {
        assertThat(parser.parse("reason:it's").get(0).values()).containsEntry("reason", "it's");
    }

    @Test
    void unterminatedQualifierRunsToTheEnd() {
        assertThat(parser.parse("'reason:a;b").get(0).values()).containsEntry("reason", "a;b");
    }

    @Test
    void laterPairOfTheSameCodeWins() {
        assertThat(parser.parse("reason:a;reason:b").get(0).values()).containsEntry("reason", "b");
    }

    @Test
    void pairWithoutValueSeparatorIsRefusedWithItopsMessage() {
        assertThatThrownBy(() -> parser.parse("profileid:1|Administrator"))
                .isInstanceOf(LinkSetSyntaxException.class)
                .hasMessage("Wrong format for link attribute specification: value = Administrator");
    }

    @Test
    void emptyPairIsRefusedAsItopDoes() {
        assertThatThrownBy(() -> parser.parse("profileid:1;"))
                .hasMessage("Wrong format for link attribute specification: value = ");
    }

    @Test
    void configuredSeparatorsAreHonoured() {
        LinkSetParser custom = new LinkSetParser(new LinkSetSyntax("#", ",", "=", "\""));

        assertThat(custom.parse("profileid->name=Administrator,\"reason=a,b#c\"#profileid=2"))
                .containsExactly(new LinkSpec(Map.of("reason", "a,b#c"), Map.of("profileid", Map.of("name", "Administrator")), null),
                        values(Map.of("profileid", "2")));
        assertThat(custom.parse("reason=a|b;c:d").get(0).values()).containsEntry("reason", "a|b;c:d");
    }

    @Test
    void multiCharacterRowAndValueSeparatorsWork() {
        LinkSetParser custom = new LinkSetParser(new LinkSetSyntax("||", ";", "::", "'"));

        assertThat(custom.parse("a::1||a::x:y")).containsExactly(values(Map.of("a", "1")), values(Map.of("a", "x:y")));
    }

    @Test
    void emptySyntaxPartsFallBackToItopDefaults() {
        assertThat(LinkSetSyntax.withDefaults("", null, "", null)).isEqualTo(LinkSetSyntax.ITOP_DEFAULT);
        assertThat(LinkSetSyntax.withDefaults("#", "", "=", "")).isEqualTo(new LinkSetSyntax("#", ";", "=", "'"));
    }

    @Test
    void ambiguousSyntaxIsRejected() {
        assertThatThrownBy(() -> new LinkSetSyntax("|", ";;", ":", "'")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkSetSyntax("|", ";", ":", ";")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LinkSetSyntax("|", ";", "", "'")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itopExportSampleParses() {
        List<LinkSpec> links = parser.parse("profileid->name:Administrator|profileid->name:REST Services User");

        assertThat(links).extracting(l -> l.criteria().get("profileid").get("name"))
                .containsExactly("Administrator", "REST Services User");
    }
}
