package org.replearn.checks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;

/**
 * Writes a {@link Report} as a directory: {@code report.md}, {@code report.html} (plots inline, citations of
 * docs/math.md linked), {@code claims.json} and {@code config.json} (layouts in {@code claims.schema.json} and
 * {@code config.schema.json} beside this class), {@code math.html} (the math reference), one CSV per sweep and one
 * PNG per plot. Where it goes, and how an earlier report is replaced
 * without ever touching anything else, is {@link ReportDirectory}'s concern.
 */
public final class ReportWriter {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = JsonNumbers.mapper();

    private ReportWriter() {
    }

    /**
     * Writes {@code report} to {@code destination} (checked there again) and returns the report's path. Every file is
     * rendered in memory first (the plots take the time), so the part during which an interrupt must wait for the
     * directory to be finished or undone ({@link ReportDirectory#replaceWith}) is file writes and renames only.
     */
    public static Path write(Report report, ReportDirectory destination) throws IOException, ReportDirectory.Unusable {
        Map<String, byte[]> files = render(report);
        return destination.replaceWith(dir -> {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                names.add(write(dir, f.getKey(), f.getValue()));
            }
            return names;
        });
    }

    /** Every file of the report, by name, in the order they are written. */
    static Map<String, byte[]> render(Report report) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (ClaimResult r : report.results()) {
            for (PlotSpec p : r.plots()) {
                byte[] png = PlotRenderer.png(p);
                pngs.put(p.name(), png);
                put(files, p.name() + ".png", png);
            }
            for (Sweep s : r.sweeps()) {
                put(files, s.name() + ".csv", s.toCsv().getBytes(StandardCharsets.UTF_8));
            }
        }
        put(files, "claims.json", JSON.writeValueAsBytes(claimsJson(report)));
        put(files, "config.json", JSON.writeValueAsBytes(report.runJson()));
        put(files, "report.md", markdown(report).getBytes(StandardCharsets.UTF_8));
        put(files, "report.html", html(report, pngs).getBytes(StandardCharsets.UTF_8));
        put(files, MathReference.FILE, MathReference.html().getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static void put(Map<String, byte[]> files, String name, byte[] bytes) {
        if (files.put(name, bytes) != null) {
            throw new IllegalStateException("two files of the report are named " + name + ": a bug in a claim's plot"
                    + " or sweep names");
        }
    }

    private static String write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return name;
    }

    /** Version of {@code claims.json}'s layout, described by {@code claims.schema.json} (shipped in the jar). */
    public static final int SCHEMA_VERSION = 1;

    /**
     * The {@code claims.json} document: {@code schema_version}, the run ({@code config.json}'s content) and per claim
     * its id, statement, typed prediction, measurement and tolerance, verdict, rationale, controls and details.
     * Non-finite numbers are written as {@code null}.
     */
    static Map<String, Object> claimsJson(Report report) {
        List<Map<String, Object>> claims = new ArrayList<>();
        for (ClaimResult r : report.results()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", r.id());
            o.put("statement", r.statement());
            o.put("prediction", prediction(r.prediction()));
            o.put("measured", measurement(r.measured()));
            Map<String, Object> tolerance = new LinkedHashMap<>();
            tolerance.put("value", r.tolerance().value());
            tolerance.put("derivation", r.tolerance().derivation());
            o.put("tolerance", tolerance);
            o.put("holds", r.holds());
            o.put("rationale", r.rationale());
            List<Map<String, Object>> controls = new ArrayList<>();
            for (ClaimResult.Control c : r.controls()) {
                Map<String, Object> co = new LinkedHashMap<>();
                co.put("variant", c.variant());
                co.put("rejected", c.rejected());
                co.put("measured", measurement(c.measured()));
                controls.add(co);
            }
            o.put("controls", controls);
            o.put("details", r.details());
            if (r.error() != null) {
                o.put("error", r.error());
            }
            claims.add(o);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", SCHEMA_VERSION);
        doc.put("run", report.runJson());
        doc.put("claims", claims);
        return doc;
    }

    private static Map<String, Object> prediction(Prediction p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (p.kind() == Prediction.Kind.BAND) {
            o.put("lower", p.lower());
            o.put("upper", p.upper());
        } else {
            o.put("value", p.value());
        }
        o.put("text", p.text());
        return o;
    }

    private static Map<String, Object> measurement(Measurement m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("value", m.value());
        o.put("standard_error", m.standardError());
        o.put("replicates", m.replicates());
        o.put("text", m.text());
        return o;
    }

    static String markdown(Report report) throws IOException {
        StringBuilder md = new StringBuilder();
        long held = report.results().stream().filter(ClaimResult::holds).count();
        md.append("# Replearn: do the paper's claims hold?\n\n").append(PAPER_MARKDOWN).append("\n\n")
                .append(report.run().summary()).append("\n\n");
        md.append("**").append(held).append(" of ").append(report.results().size()).append(" claims hold.** ")
                .append("Regenerate every number with `").append(report.command()).append("`.\n\n");
        md.append("| claim | statement | prediction | measured | tolerance | verdict |\n");
        md.append("| --- | --- | --- | --- | --- | --- |\n");
        for (ClaimResult r : report.results()) {
            md.append("| `").append(r.id()).append("` | ").append(cell(r.statement())).append(" | ")
                    .append(cell(r.prediction().text())).append(" | ").append(cell(r.measured().text())).append(" | ")
                    .append(cell(r.tolerance().derivation())).append(" | ").append(r.holds() ? "**holds**" : "**FAILS**")
                    .append(" |\n");
        }
        md.append('\n');
        for (ClaimResult r : report.results()) {
            md.append("## ").append(r.id()).append(r.holds() ? " — holds" : " — FAILS").append("\n\n");
            md.append(r.statement()).append("\n\n");
            md.append("- Prediction: ").append(r.prediction().text()).append('\n');
            md.append("- Measured: ").append(r.measured().text()).append('\n');
            md.append("- Tolerance: ").append(r.tolerance().derivation()).append('\n');
            md.append("- Why this tolerance: ").append(r.rationale()).append('\n');
            for (ClaimResult.Control c : r.controls()) {
                md.append("- Negative control: ").append(c.variant()).append(" — ")
                        .append(c.rejected() ? "rejected, as it must be" : "**NOT rejected: the check cannot fail**")
                        .append(" (").append(c.measured().text()).append(")\n");
            }
            if (!r.sweeps().isEmpty()) {
                md.append("- Data: ");
                for (int i = 0; i < r.sweeps().size(); i++) {
                    String f = r.sweeps().get(i).name() + ".csv";
                    md.append(i > 0 ? ", " : "").append('[').append(f).append("](").append(f).append(')');
                }
                md.append('\n');
            }
            Double secs = report.claimSeconds().get(r.id());
            if (secs != null) {
                md.append("- Wall time: ").append(String.format(java.util.Locale.ROOT, "%.1f s", secs)).append('\n');
            }
            md.append('\n');
            for (PlotSpec p : r.plots()) {
                md.append("![").append(p.title()).append("](").append(p.name()).append(".png)\n\n");
            }
            md.append("<details><summary>details</summary>\n\n```json\n").append(JSON.writeValueAsString(r.details()))
                    .append("\n```\n\n</details>\n\n");
        }
        md.append("## Configuration\n\n```json\n").append(JSON.writeValueAsString(report.configuration()))
                .append("\n```\n\n");
        md.append("Command: `").append(report.command()).append("`. Total wall time ")
                .append(String.format(java.util.Locale.ROOT, "%.1f s", report.totalSeconds()))
                .append(" (wall times are the only numbers a rerun does not reproduce).\n");
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** The paper the claims come from, as the report's first line (Markdown). */
    static final String PAPER_MARKDOWN = "Claims of *Neural Networks can Learn Representations with Gradient Descent*"
            + " (Alex Damian, Jason D. Lee, Mahdi Soltanolkotabi; COLT 2022, [arXiv:2206.15144]"
            + "(https://arxiv.org/abs/2206.15144)), checked numerically.";
    /** The same line in HTML. */
    static final String PAPER_HTML = "Claims of <i>Neural Networks can Learn Representations with Gradient Descent</i>"
            + " (Alex Damian, Jason D. Lee, Mahdi Soltanolkotabi; COLT 2022, <a href=\"https://arxiv.org/abs/2206.15144\">"
            + "arXiv:2206.15144</a>), checked numerically.";

    static String html(Report report, Map<String, byte[]> pngs) throws IOException {
        StringBuilder h = new StringBuilder();
        long held = report.results().stream().filter(ClaimResult::holds).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Replearn report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}")
                .append(".wide{overflow-x:auto}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}")
                .append(".ok{color:#070;font-weight:bold}.fail{color:#b00;font-weight:bold}")
                .append("pre{background:#f6f6f6;padding:8px;overflow:auto}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>Replearn: do the paper's claims hold?</h1>\n<p>").append(PAPER_HTML).append("</p>\n<p>")
                .append(code(esc(report.run().summary())))
                .append("</p>\n<p><b>").append(held).append(" of ")
                .append(report.results().size()).append(" claims hold.</b> Regenerate every number with <code>")
                .append(esc(report.command())).append("</code>.</p>\n");
        h.append("<div class=\"wide\"><table><tr><th>claim</th><th>statement</th><th>prediction</th><th>measured</th><th>tolerance</th>")
                .append("<th>verdict</th></tr>\n");
        for (ClaimResult r : report.results()) {
            h.append("<tr><td><a href=\"#").append(r.id()).append("\"><code>").append(r.id()).append("</code></a></td><td>")
                    .append(prose(r.statement())).append("</td><td>").append(prose(r.prediction().text())).append("</td><td>")
                    .append(prose(r.measured().text())).append("</td><td>").append(prose(r.tolerance().derivation())).append("</td><td class=\"")
                    .append(r.holds() ? "ok\">holds" : "fail\">FAILS").append("</td></tr>\n");
        }
        h.append("</table></div>\n");
        for (ClaimResult r : report.results()) {
            h.append("<h2 id=\"").append(r.id()).append("\">").append(r.id()).append(" — <span class=\"")
                    .append(r.holds() ? "ok\">holds" : "fail\">FAILS").append("</span></h2>\n<p>")
                    .append(prose(r.statement())).append("</p>\n<ul><li>Prediction: ").append(prose(r.prediction().text()))
                    .append("</li><li>Measured: ").append(prose(r.measured().text())).append("</li><li>Tolerance: ")
                    .append(prose(r.tolerance().derivation())).append("</li><li>Why this tolerance: ").append(prose(r.rationale()))
                    .append("</li>");
            for (ClaimResult.Control c : r.controls()) {
                h.append("<li>Negative control: ").append(prose(c.variant())).append(" — <span class=\"")
                        .append(c.rejected() ? "ok\">rejected, as it must be" : "fail\">NOT rejected: the check cannot fail")
                        .append("</span> (").append(prose(c.measured().text())).append(")</li>");
            }
            if (!r.sweeps().isEmpty()) {
                h.append("<li>Data: ");
                for (int i = 0; i < r.sweeps().size(); i++) {
                    String f = r.sweeps().get(i).name() + ".csv";
                    h.append(i > 0 ? ", " : "").append("<a href=\"").append(f).append("\">").append(f).append("</a>");
                }
                h.append("</li>");
            }
            h.append("</ul>\n");
            for (PlotSpec p : r.plots()) {
                h.append("<p><img alt=\"").append(esc(p.title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(pngs.get(p.name()))).append("\"></p>\n");
            }
            h.append("<details><summary>details</summary><pre>").append(esc(JSON.writeValueAsString(r.details())))
                    .append("</pre></details>\n");
        }
        h.append("<h2>Configuration</h2><pre>").append(esc(JSON.writeValueAsString(report.configuration())))
                .append("</pre>\n<p>Command: <code>").append(esc(report.command())).append("</code>. Total wall time ")
                .append(String.format(java.util.Locale.ROOT, "%.1f s", report.totalSeconds()))
                .append(".</p>\n</body></html>\n");
        return h.toString();
    }

    /** Report prose as HTML: escaped, with citations of docs/math.md linked to the rendered reference. */
    private static String prose(String s) {
        return MathReference.link(esc(s));
    }

    /** Escaped Markdown with {@code `code`} spans as HTML. */
    private static String code(String escaped) {
        return escaped.replaceAll("`([^`]*)`", "<code>$1</code>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
