package org.replearn.checks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import org.replearn.checks.claims.ClaimResult;
import org.replearn.checks.claims.PlotSpec;
import org.replearn.checks.claims.Sweep;

/**
 * Writes a {@link Report} as a directory: {@code report.md}, {@code report.html} (plots inline), {@code claims.json},
 * {@code config.json}, one CSV per sweep and one PNG per plot. Where it goes, and how an earlier report is replaced
 * without ever touching anything else, is {@link ReportDirectory}'s concern.
 */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        Map<String, Object> config = new LinkedHashMap<>(report.configuration());
        config.put("command", report.command());
        put(files, "config.json", JSON.writeValueAsBytes(config));
        put(files, "report.md", markdown(report).getBytes(StandardCharsets.UTF_8));
        put(files, "report.html", html(report, pngs).getBytes(StandardCharsets.UTF_8));
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

    /** The {@code claims.json} array: id, statement, predicted, measured, tolerance, holds, details (+ rationale). */
    static List<Map<String, Object>> claimsJson(Report report) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ClaimResult r : report.results()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", r.id());
            o.put("statement", r.statement());
            o.put("predicted", r.predicted());
            o.put("measured", r.measured());
            o.put("tolerance", r.tolerance());
            o.put("holds", r.holds());
            o.put("rationale", r.rationale());
            List<Map<String, Object>> controls = new ArrayList<>();
            for (ClaimResult.Control c : r.controls()) {
                Map<String, Object> co = new LinkedHashMap<>();
                co.put("variant", c.variant());
                co.put("rejected", c.rejected());
                co.put("measured", c.measured());
                controls.add(co);
            }
            o.put("controls", controls);
            o.put("details", r.details());
            out.add(o);
        }
        return out;
    }

    static String markdown(Report report) throws IOException {
        StringBuilder md = new StringBuilder();
        long held = report.results().stream().filter(ClaimResult::holds).count();
        md.append("# Replearn: do the paper's claims hold?\n\n");
        md.append("**").append(held).append(" of ").append(report.results().size()).append(" claims hold.** ")
                .append("Regenerate every number with `").append(report.command()).append("`.\n\n");
        md.append("| claim | statement | prediction | measured | tolerance | verdict |\n");
        md.append("| --- | --- | --- | --- | --- | --- |\n");
        for (ClaimResult r : report.results()) {
            md.append("| `").append(r.id()).append("` | ").append(cell(r.statement())).append(" | ")
                    .append(cell(r.predicted())).append(" | ").append(cell(r.measured())).append(" | ")
                    .append(cell(r.tolerance())).append(" | ").append(r.holds() ? "**holds**" : "**FAILS**")
                    .append(" |\n");
        }
        md.append('\n');
        for (ClaimResult r : report.results()) {
            md.append("## ").append(r.id()).append(r.holds() ? " — holds" : " — FAILS").append("\n\n");
            md.append(r.statement()).append("\n\n");
            md.append("- Prediction: ").append(r.predicted()).append('\n');
            md.append("- Measured: ").append(r.measured()).append('\n');
            md.append("- Tolerance: ").append(r.tolerance()).append('\n');
            md.append("- Why this tolerance: ").append(r.rationale()).append('\n');
            for (ClaimResult.Control c : r.controls()) {
                md.append("- Negative control: ").append(c.variant()).append(" — ")
                        .append(c.rejected() ? "rejected, as it must be" : "**NOT rejected: the check cannot fail**")
                        .append(" (").append(c.measured()).append(")\n");
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

    static String html(Report report, Map<String, byte[]> pngs) throws IOException {
        StringBuilder h = new StringBuilder();
        long held = report.results().stream().filter(ClaimResult::holds).count();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Replearn report</title>\n")
                .append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}")
                .append(".ok{color:#070;font-weight:bold}.fail{color:#b00;font-weight:bold}")
                .append("pre{background:#f6f6f6;padding:8px;overflow:auto}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>Replearn: do the paper's claims hold?</h1>\n<p><b>").append(held).append(" of ")
                .append(report.results().size()).append(" claims hold.</b> Regenerate every number with <code>")
                .append(esc(report.command())).append("</code>.</p>\n");
        h.append("<table><tr><th>claim</th><th>statement</th><th>prediction</th><th>measured</th><th>tolerance</th>")
                .append("<th>verdict</th></tr>\n");
        for (ClaimResult r : report.results()) {
            h.append("<tr><td><a href=\"#").append(r.id()).append("\"><code>").append(r.id()).append("</code></a></td><td>")
                    .append(esc(r.statement())).append("</td><td>").append(esc(r.predicted())).append("</td><td>")
                    .append(esc(r.measured())).append("</td><td>").append(esc(r.tolerance())).append("</td><td class=\"")
                    .append(r.holds() ? "ok\">holds" : "fail\">FAILS").append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (ClaimResult r : report.results()) {
            h.append("<h2 id=\"").append(r.id()).append("\">").append(r.id()).append(" — <span class=\"")
                    .append(r.holds() ? "ok\">holds" : "fail\">FAILS").append("</span></h2>\n<p>")
                    .append(esc(r.statement())).append("</p>\n<ul><li>Prediction: ").append(esc(r.predicted()))
                    .append("</li><li>Measured: ").append(esc(r.measured())).append("</li><li>Tolerance: ")
                    .append(esc(r.tolerance())).append("</li><li>Why this tolerance: ").append(esc(r.rationale()))
                    .append("</li>");
            for (ClaimResult.Control c : r.controls()) {
                h.append("<li>Negative control: ").append(esc(c.variant())).append(" — <span class=\"")
                        .append(c.rejected() ? "ok\">rejected, as it must be" : "fail\">NOT rejected: the check cannot fail")
                        .append("</span> (").append(esc(c.measured())).append(")</li>");
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

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
