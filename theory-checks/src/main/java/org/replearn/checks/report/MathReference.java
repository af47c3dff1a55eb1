package org.replearn.checks.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The project's math reference, {@code docs/math.md} (shipped in the jar), as the report's {@value #FILE}, and the
 * links to it: every citation {@code docs/math.md §N} (also {@code §N–§M}, {@code §N–M} and lists {@code §N, §M})
 * becomes a link to {@code math.html#sN}, the anchor the reference puts on its section N.
 */
final class MathReference {
    /** The rendered reference's file name in the report directory. */
    static final String FILE = "math.html";
    private static final String SOURCE = "math.md";
    private static final String SECTION = "§\\d+(?:[–-]§?\\d+)?";
    private static final Pattern CITATION = Pattern.compile("docs/math\\.md((?: " + SECTION + ")(?:, " + SECTION + ")*)");
    private static final Pattern NUMBER = Pattern.compile("§?(\\d+)");
    private static final Mustache PAGE = new DefaultMustacheFactory(ReportPage.TEMPLATES)
            .compile("math.html.mustache");

    private MathReference() {
    }

    /**
     * {@value #FILE}: docs/math.md rendered from Markdown (with tables) into the template {@code math.html.mustache}
     * (a standalone page that fits a phone, linking back to the report).
     */
    static String html() throws IOException {
        String markdown;
        try (InputStream in = MathReference.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SOURCE + " is missing from the classpath: build theory-checks with"
                        + " Maven, which copies docs/math.md into it");
            }
            markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Extension> extensions = List.of(TablesExtension.create());
        String body = HtmlRenderer.builder().extensions(extensions).build()
                .render(Parser.builder().extensions(extensions).build().parse(markdown));
        StringWriter out = new StringWriter();
        PAGE.execute(out, Map.of("body", body));
        return out.toString();
    }

    /**
     * {@code html} (already escaped) with every citation of docs/math.md linked to {@value #FILE}: the text
     * {@code docs/math.md §N} to {@code #sN}, and each further section number of the citation to its own anchor.
     */
    static String link(String html) {
        Matcher m = CITATION.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String sections = m.group(1);
            Matcher n = NUMBER.matcher(sections);
            StringBuilder linked = new StringBuilder();
            int from = 0;
            while (n.find()) {
                String text = from == 0 ? "docs/math.md" + sections.substring(0, n.end()) : n.group();
                linked.append(from == 0 ? "" : sections.substring(from, n.start())).append("<a href=\"").append(FILE)
                        .append("#s").append(n.group(1)).append("\">").append(text).append("</a>");
                from = n.end();
            }
            linked.append(sections.substring(from));
            m.appendReplacement(out, Matcher.quoteReplacement(linked.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
