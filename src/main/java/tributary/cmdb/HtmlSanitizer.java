package tributary.cmdb;

import java.util.regex.Pattern;

/** Minimal HTML clean-up for HTML attributes and case logs: removes scripts, event handlers and javascript URLs. */
public final class HtmlSanitizer {

    private static final Pattern DANGEROUS_BLOCKS = Pattern.compile(
            "<\\s*(script|style|iframe|object|embed)[^>]*>.*?<\\s*/\\s*\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DANGEROUS_TAGS = Pattern.compile(
            "<\\s*/?\\s*(script|style|iframe|object|embed|link|meta|base)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_ATTRIBUTES = Pattern.compile(
            "\\s+on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern JAVASCRIPT_URLS = Pattern.compile(
            "(href|src)\\s*=\\s*([\"']?)\\s*javascript:[^\"'>]*\\2", Pattern.CASE_INSENSITIVE);

    private HtmlSanitizer() {
    }

    static String sanitize(String html) {
        String result = DANGEROUS_BLOCKS.matcher(html).replaceAll("");
        result = DANGEROUS_TAGS.matcher(result).replaceAll("");
        result = EVENT_ATTRIBUTES.matcher(result).replaceAll("");
        return JAVASCRIPT_URLS.matcher(result).replaceAll("$1=\"#\"");
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
