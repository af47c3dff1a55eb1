package org.replearn.checks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;

/**
 * The report's two pages, {@code report.html} and {@code report.md}, from the Mustache templates beside this class
 * ({@code report.html.mustache}, {@code report.md.mustache}) and one view of the {@link Report}: the paper, the run
 * (version, commit, date, scale, seed, command), a table of contents, the summary figure, the claims table and one
 * section per claim with its figures. In HTML, plain values are escaped by the template and prose is rendered by
 * {@link Prose#html}; in Markdown, values are written as they are except table cells ({@link #cell}).
 */
final class ReportPage {
    /** The paper the claims come from (Markdown). */
    static final String PAPER_MARKDOWN = "Claims of *Neural Networks can Learn Representations with Gradient Descent*"
            + " (Alex Damian, Jason D. Lee, Mahdi Soltanolkotabi; COLT 2022, [arXiv:2206.15144]"
            + "(https://arxiv.org/abs/2206.15144)), checked numerically.";
    /** The same line in HTML. */
    static final String PAPER_HTML = "Claims of <i>Neural Networks can Learn Representations with Gradient Descent</i>"
            + " (Alex Damian, Jason D. Lee, Mahdi Soltanolkotabi; COLT 2022, <a href=\"https://arxiv.org/abs/2206.15144\">"
            + "arXiv:2206.15144</a>), checked numerically.";
    /** What the summary figure shows, under it. */
    static final String SUMMARY_CAPTION = "One row per claim: the measured value's deviation from the prediction in"
            + " units of the claim's tolerance, with ± 2 standard errors where the claim has them; the shaded region is"
            + " what the check accepts (a one-sided bound accepts everything on one side), the marker the claim's"
            + " verdict. A band is scaled to [−1, 1]; a bound without a numeric tolerance is scaled by its magnitude.";
    /** Where the templates are on the classpath. */
    static final String TEMPLATES = "org/replearn/checks/report/";
    private static final Mustache HTML = new DefaultMustacheFactory(TEMPLATES).compile("report.html.mustache");
    private static final Mustache MARKDOWN = new DefaultMustacheFactory(TEMPLATES) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }.compile("report.md.mustache");

    private ReportPage() {
    }

    /** A figure: file stem, title, pixel size and, in HTML, the PNG inline. */
    record Figure(String name, String title, String caption, int width, int height, String base64) {
    }

    /** One line of the claims table. */
    record Row(String id, String statement, String prediction, String measured, String tolerance, boolean holds) {
    }

    /** A negative control. */
    record Control(String variant, boolean rejected, String measured) {
    }

    /** A data file of a claim. */
    record Data(String file, boolean first) {
    }

    /** A claim's section. */
    record Claim(String id, String anchor, boolean holds, String statement, String prediction, String measured,
            String tolerance, String rationale, List<Control> controls, List<Data> data, boolean hasData,
            String wallTime, List<Figure> figures, String details) {
    }

    /** Everything a page shows. */
    record View(String paper, String runLine, String version, String commit, String date, String scale, String seed,
            String command, long held, int total, Figure summary, List<Row> rows, List<Claim> claims,
            String configuration, String totalTime) {
    }

    /** How each page writes prose, table cells, the paper and the run line, and whether it inlines the figures. */
    private enum Format {
        HTML(Prose::html, Prose::html, PAPER_HTML, true),
        MARKDOWN(UnaryOperator.identity(), ReportPage::cell, PAPER_MARKDOWN, false);

        final UnaryOperator<String> prose;
        final UnaryOperator<String> cell;
        final String paper;
        final boolean inline;

        Format(UnaryOperator<String> prose, UnaryOperator<String> cell, String paper, boolean inline) {
            this.prose = prose;
            this.cell = cell;
            this.paper = paper;
            this.inline = inline;
        }
    }

    /** {@code report.html}; {@code pngs} holds every figure's PNG by file stem, the summary's included. */
    static String html(Report report, Map<String, byte[]> pngs) throws IOException {
        return render(HTML, view(report, pngs, Format.HTML, Prose.withCode(report.run().summary())));
    }

    /** {@code report.md}; {@code pngs} as for {@link #html}. */
    static String markdown(Report report, Map<String, byte[]> pngs) throws IOException {
        return render(MARKDOWN, view(report, pngs, Format.MARKDOWN, report.run().summary()));
    }

    private static String render(Mustache template, View view) {
        StringWriter out = new StringWriter();
        template.execute(out, view);
        return out.toString();
    }

    private static View view(Report report, Map<String, byte[]> pngs, Format format, String runLine)
            throws IOException {
        ObjectMapper json = JsonNumbers.mapper();
        UnaryOperator<String> prose = format.prose;
        UnaryOperator<String> cell = format.cell;
        boolean html = format.inline;
        List<Row> rows = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (ClaimResult r : report.results()) {
            rows.add(new Row(r.id(), cell.apply(r.statement()), cell.apply(r.prediction().text()),
                    cell.apply(r.measured().text()), cell.apply(r.tolerance().derivation()), r.holds()));
            List<Control> controls = new ArrayList<>();
            for (ClaimResult.Control c : r.controls()) {
                controls.add(new Control(prose.apply(c.variant()), c.rejected(), prose.apply(c.measured().text())));
            }
            List<Data> data = new ArrayList<>();
            for (Sweep s : r.sweeps()) {
                data.add(new Data(s.name() + ".csv", data.isEmpty()));
            }
            List<Figure> figures = new ArrayList<>();
            for (PlotSpec p : r.plots()) {
                figures.add(figure(p.name(), p.title(), p.title(), pngs, html));
            }
            Double seconds = report.claimSeconds().get(r.id());
            claims.add(new Claim(r.id(), anchor(r.id() + " — " + (r.holds() ? "holds" : "FAILS")), r.holds(),
                    prose.apply(r.statement()), prose.apply(r.prediction().text()), prose.apply(r.measured().text()),
                    prose.apply(r.tolerance().derivation()), prose.apply(r.rationale()), controls, data,
                    !data.isEmpty(), seconds == null ? null : seconds(seconds), figures,
                    json.writeValueAsString(r.details())));
        }
        Figure summary = pngs.containsKey(SummaryPlot.NAME) ? figure(SummaryPlot.NAME,
                "Every claim: measured against predicted, in units of its tolerance", SUMMARY_CAPTION, pngs, html)
                : null;
        Map<String, Object> configuration = report.configuration();
        long held = report.results().stream().filter(ClaimResult::holds).count();
        RunMetadata run = report.run();
        return new View(format.paper, runLine, run.replearnVersion(), run.gitCommit(), run.date(),
                String.valueOf(configuration.getOrDefault("scale", RunMetadata.UNKNOWN)),
                String.valueOf(configuration.getOrDefault("seed", RunMetadata.UNKNOWN)), report.command(), held,
                report.results().size(), summary, rows, claims, json.writeValueAsString(configuration),
                seconds(report.totalSeconds()));
    }

    private static Figure figure(String name, String title, String caption, Map<String, byte[]> pngs, boolean html)
            throws IOException {
        byte[] png = pngs.get(name);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        return new Figure(name, title, caption, image.getWidth(), image.getHeight(),
                html ? Base64.getEncoder().encodeToString(png) : null);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** A Markdown table cell: {@code |} escaped, line breaks as spaces. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * The anchor GitHub and most Markdown renderers give a heading: lower case, punctuation other than {@code -} and
     * {@code _} removed, spaces as {@code -}.
     */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
