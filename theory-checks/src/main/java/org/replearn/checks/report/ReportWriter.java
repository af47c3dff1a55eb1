package org.replearn.checks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;

/**
 * Writes a {@link Report} as a directory: {@code report.md} and {@code report.html} ({@link ReportPage}; plots
 * inline in the HTML, citations of docs/math.md linked), {@code claims.json} and {@code config.json} (layouts in
 * {@code claims.schema.json} and {@code config.schema.json} beside this class), {@code math.html} (the math
 * reference), one CSV per sweep, a PNG and an SVG per plot, and the summary figure {@code summary.png}/{@code .svg}
 * ({@link SummaryPlot}). Every file it writes is listed in the directory's marker, so a later report replaces them.
 * Where it goes, and how an earlier report is replaced without ever touching anything else, is
 * {@link ReportDirectory}'s concern.
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
        if (!report.results().isEmpty()) {
            pngs.put(SummaryPlot.NAME, SummaryPlot.png(report.results()));
            put(files, SummaryPlot.NAME + ".png", pngs.get(SummaryPlot.NAME));
            put(files, SummaryPlot.NAME + ".svg", SummaryPlot.svg(report.results()));
        }
        for (ClaimResult r : report.results()) {
            for (PlotSpec p : r.plots()) {
                byte[] png = PlotRenderer.png(p);
                pngs.put(p.name(), png);
                put(files, p.name() + ".png", png);
                put(files, p.name() + ".svg", PlotRenderer.svg(p));
            }
            for (Sweep s : r.sweeps()) {
                put(files, s.name() + ".csv", s.toCsv().getBytes(StandardCharsets.UTF_8));
            }
        }
        put(files, "claims.json", JSON.writeValueAsBytes(claimsJson(report)));
        put(files, "config.json", JSON.writeValueAsBytes(report.runJson()));
        put(files, "report.md", ReportPage.markdown(report, pngs).getBytes(StandardCharsets.UTF_8));
        put(files, "report.html", ReportPage.html(report, pngs).getBytes(StandardCharsets.UTF_8));
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
}
