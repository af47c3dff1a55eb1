package org.replearn.checks.report;

import com.github.mustachejava.util.HtmlEscaper;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A claim's prose (statements, predictions, measurements, written in plain text with ASCII math such as
 * {@code t_{0.975,11}}, {@code A_pred}, {@code d^2} or {@code n^(-1/2)}) as HTML: escaped, with subscripts and
 * superscripts set as {@code <sub>}/{@code <sup>} and citations of docs/math.md linked ({@link MathReference#link}).
 * A subscript follows a single letter (so {@code snake_case} names stay as they are); a superscript follows any
 * letter, digit or closing parenthesis.
 */
final class Prose {
    /** A braced or parenthesized script, or a plain one (the last alternative, completed by the caller). */
    private static final String GROUPED = "\\{([^{}]*)\\}|\\(([^()]*)\\)|";
    private static final Pattern SUB = Pattern.compile("(?<![\\p{L}\\p{N}_])(\\p{L})_(?:" + GROUPED
            + "([\\p{L}\\p{N}*]+(?:\\.\\p{N}+)*))");
    private static final Pattern SUP = Pattern.compile("(?<=[\\p{L}\\p{N})])\\^(?:" + GROUPED
            + "(\\p{N}+(?:\\.\\p{N}+)?|\\p{L}))");
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private Prose() {
    }

    /** {@code text} as HTML (see the class comment). */
    static String html(String text) {
        return MathReference.link(math(escape(text)));
    }

    /** {@code text} with the characters HTML gives a meaning escaped. */
    static String escape(String text) {
        StringWriter out = new StringWriter();
        HtmlEscaper.escape(text, out);
        return out.toString();
    }

    /** {@code text} escaped, with its {@code `code`} spans as {@code <code>}. */
    static String withCode(String text) {
        Matcher m = CODE.matcher(text);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            out.append(escape(text.substring(from, m.start()))).append("<code>").append(escape(m.group(1)))
                    .append("</code>");
            from = m.end();
        }
        return out.append(escape(text.substring(from))).toString();
    }

    /** Escaped HTML with ASCII subscripts and superscripts as {@code <sub>}/{@code <sup>}. */
    static String math(String escaped) {
        return replace(SUP, "sup", replace(SUB, "sub", escaped));
    }

    private static String replace(Pattern pattern, String tag, String s) {
        Matcher m = pattern.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String script = null;
            for (int g = m.groupCount() - 2; g <= m.groupCount(); g++) {
                script = script != null ? script : m.group(g);
            }
            String base = tag.equals("sub") ? m.group(1) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(base + "<" + tag + ">" + script + "</" + tag + ">"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
