package tributary.cmdb;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * HTML clean-up for HTML attributes and case logs, by allow-list as iTop's HTML DOM sanitizer does: known formatting
 * tags and attributes stay, everything else (scripts, event handlers, forms, SVG, {@code javascript:} links however
 * encoded) goes. A pattern-based clean-up cannot do this: browsers accept too many spellings.
 */
public final class HtmlSanitizer {

    /** Rich-text tags (jsoup's relaxed list) plus what iTop's editor produces; images may be inline ({@code data:}). */
    private static final Safelist ALLOWED = Safelist.relaxed()
            .addTags("hr", "s", "del", "ins", "mark", "font")
            .addAttributes("font", "color", "face", "size")
            .addAttributes("table", "border", "cellpadding", "cellspacing")
            .addAttributes(":all", "style", "title")
            .addProtocols("img", "src", "data")
            .preserveRelativeLinks(true);
    /** Inline style properties kept (iTop's list); any other declaration, and any {@code url(…)}, is dropped. */
    private static final Set<String> STYLE_PROPERTIES = Set.of("background-color", "color", "float", "font",
            "font-style", "font-size", "font-family", "font-weight", "padding", "margin", "border", "border-collapse",
            "width", "height", "text-align", "text-decoration", "vertical-align", "display");
    /** Resolves relative links so that their protocol can be checked; the links themselves are kept as written. */
    private static final String BASE_URI = "https://tributary.invalid/";

    private HtmlSanitizer() {
    }

    static String sanitize(String html) {
        Document clean = new Cleaner(ALLOWED).clean(Jsoup.parseBodyFragment(html, BASE_URI));
        for (Element styled : clean.select("[style]")) {
            String style = allowedStyle(styled.attr("style"));
            if (style.isEmpty()) {
                styled.removeAttr("style");
            } else {
                styled.attr("style", style);
            }
        }
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    private static String allowedStyle(String style) {
        return Stream.of(style.split(";"))
                .map(String::strip)
                .filter(declaration -> {
                    int colon = declaration.indexOf(':');
                    if (colon <= 0) {
                        return false;
                    }
                    String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = declaration.substring(colon + 1).toLowerCase(Locale.ROOT);
                    return STYLE_PROPERTIES.contains(property) && !value.contains("url(") && !value.contains("expression")
                            && !value.contains("\\");
                })
                .collect(Collectors.joining("; "));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString().replace("\n", "<br>");
    }

    /** Text content of HTML, for the plain {@code message} of case-log entries. */
    public static String toText(String html) {
        return html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</p>\\s*<p>", "\n").replaceAll("<[^>]+>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
