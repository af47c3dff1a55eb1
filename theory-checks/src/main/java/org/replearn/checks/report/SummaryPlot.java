package org.replearn.checks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;

/**
 * The report's summary figure ({@value #NAME}.png/.svg), a forest plot: one row per claim, its measured value's
 * deviation from the prediction in units of the tolerance, {@code (measured − predicted) / tolerance}, with ± 2
 * standard errors in the same units, the region the check accepts shaded, and the claim's own verdict as the
 * marker. A band {@code [lower, upper]} is scaled to {@code [−1, 1]}; a one-sided bound without a numeric tolerance
 * is scaled by the bound's magnitude (its row says so) and accepts up to 0.
 */
public final class SummaryPlot {
    /** File stem of the figure. */
    public static final String NAME = "summary";
    private static final Color ACCEPT = new Color(0xd4, 0xee, 0xd4);
    private static final Color HOLDS = new Color(0x1a, 0x7f, 0x2a);
    private static final Color FAILS = new Color(0xc0, 0x10, 0x10);
    private static final int ROW_PIXELS = 34;
    /** Pixels of the figure's width outside the plot's x range (XChart's margins and axis). */
    private static final int PLOT_MARGIN = 50;
    /** Pixels between a claim's label and the data, and left of the labels. */
    private static final int LABEL_GAP = 12;

    private SummaryPlot() {
    }

    /**
     * One claim in normalized units.
     *
     * @param label    the claim's id, with a note when the scale is not its tolerance
     * @param z        the normalized deviation ({@code NaN} when not measured)
     * @param lower    {@code z − 2 SE} in the same units ({@code NaN} without a standard error)
     * @param upper    {@code z + 2 SE}
     * @param acceptLo the accepted region's lower end (may be {@code -∞})
     * @param acceptHi its upper end (may be {@code +∞})
     * @param holds    the claim's verdict
     */
    public record Row(String label, double z, double lower, double upper, double acceptLo, double acceptHi,
            boolean holds) {
    }

    /** {@code result} in normalized units (see the class comment). */
    public static Row row(ClaimResult result) {
        Prediction p = result.prediction();
        Measurement m = result.measured();
        double tolerance = result.tolerance().value();
        boolean hasTolerance = tolerance > 0 && Double.isFinite(tolerance);
        double centre;
        double scale;
        double edge = hasTolerance ? 1 : 0;
        double lo;
        double hi;
        String label = result.id();
        if (p.kind() == Prediction.Kind.BAND) {
            centre = (p.lower() + p.upper()) / 2;
            scale = (p.upper() - p.lower()) / 2;
            lo = -1;
            hi = 1;
        } else {
            centre = p.value();
            scale = hasTolerance ? tolerance : Math.abs(p.value());
            if (!hasTolerance) {
                label += " (÷ |bound|)";
            }
            lo = p.kind() == Prediction.Kind.UPPER_BOUND ? Double.NEGATIVE_INFINITY : -edge;
            hi = p.kind() == Prediction.Kind.LOWER_BOUND ? Double.POSITIVE_INFINITY : edge;
        }
        if (!(scale > 0)) {
            scale = Double.NaN;
        }
        double z = (m.value() - centre) / scale;
        double half = 2 * m.standardError() / scale;
        boolean interval = Double.isFinite(z) && half > 0 && Double.isFinite(half);
        return new Row(Double.isFinite(z) ? label : result.id() + " (not measured)", z,
                interval ? z - half : Double.NaN, interval ? z + half : Double.NaN, lo, hi, result.holds());
    }

    /** The figure as PNG bytes. */
    public static byte[] png(List<ClaimResult> results) throws IOException {
        return PlotRenderer.png(chart(rows(results)));
    }

    /** The figure as SVG bytes. */
    public static byte[] svg(List<ClaimResult> results) throws IOException {
        return PlotRenderer.svg(chart(rows(results)));
    }

    static List<Row> rows(List<ClaimResult> results) {
        List<Row> rows = new ArrayList<>();
        for (ClaimResult r : results) {
            rows.add(row(r));
        }
        return rows;
    }

    /** Row {@code i} of {@code n} sits at {@code y = n − i}, so the first claim is on top. */
    static XYChart chart(List<Row> rows) {
        int n = rows.size();
        double xMin = -2;
        double xMax = 2;
        for (Row r : rows) {
            for (double v : new double[] {r.z(), r.lower(), r.upper()}) {
                if (Double.isFinite(v)) {
                    xMin = Math.min(xMin, v);
                    xMax = Math.max(xMax, v);
                }
            }
        }
        double pad = 0.05 * (xMax - xMin);
        xMin -= pad;
        xMax += pad;
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        double labelPixels = 0;
        for (Row r : rows) {
            labelPixels = Math.max(labelPixels, width(labelFont, r.label()));
        }
        double dataPixels = PlotRenderer.WIDTH - PLOT_MARGIN - labelPixels - 2 * LABEL_GAP;
        double perPixel = (xMax - xMin) / dataPixels;
        double dataMin = xMin;
        xMin -= (labelPixels + 2 * LABEL_GAP) * perPixel;
        XYChart chart = PlotRenderer.styledChart(180 + ROW_PIXELS * Math.max(n, 3),
                "Every claim: measured against predicted, in units of its tolerance",
                "(measured − predicted) / tolerance   (a band [lower, upper] as [−1, 1])", "", 4);
        XYStyler styler = chart.getStyler();
        styler.setXAxisMin(xMin);
        styler.setXAxisMax(xMax);
        styler.setYAxisMin(0.4);
        styler.setYAxisMax(n + 0.6);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setXAxisTickMarkSpacingHint(40);
        styler.setYAxisTitleVisible(false);
        styler.setYAxisTicksVisible(false);
        styler.setAnnotationTextFont(labelFont);
        styler.setAnnotationTextFontColor(Color.BLACK);
        DecimalFormat tick = new DecimalFormat("0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));
        styler.setxAxisTickLabelsFormattingFunction(x -> x < dataMin ? " " : tick.format(x));
        for (int i = 0; i < n; i++) {
            String label = rows.get(i).label();
            double centre = dataMin - (LABEL_GAP + width(labelFont, label) / 2) * perPixel;
            chart.addAnnotation(new AnnotationText(label, centre, n - i, false));
        }
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            double y = n - i;
            XYSeries band = chart.addSeries(i == 0 ? "accepted region" : "\u200baccept " + i,
                    new double[] {Math.max(r.acceptLo(), dataMin), Math.min(r.acceptHi(), xMax)}, new double[] {y, y});
            line(band, ACCEPT, new BasicStroke(ROW_PIXELS * 0.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
            band.setShowInLegend(i == 0);
        }
        vertical(chart, "prediction", 0, n, new BasicStroke(1.2f), true);
        for (double x : new double[] {-1, 1}) {
            vertical(chart, x < 0 ? "± tolerance" : "\u200btolerance", x, n, new BasicStroke(1f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f), x < 0);
        }
        boolean firstBar = true;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            if (Double.isFinite(r.lower())) {
                XYSeries bar = chart.addSeries(firstBar ? "± 2 SE" : "\u200bse " + i,
                        new double[] {r.lower(), r.upper()}, new double[] {n - i, n - i});
                line(bar, Color.DARK_GRAY, new BasicStroke(1.6f));
                bar.setShowInLegend(firstBar);
                firstBar = false;
            }
        }
        points(chart, rows, true, "holds", HOLDS, SeriesMarkers.CIRCLE);
        points(chart, rows, false, "FAILS", FAILS, SeriesMarkers.CROSS);
        return chart;
    }

    private static void points(XYChart chart, List<Row> rows, boolean holds, String name, Color color,
            Marker marker) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.holds() == holds && Double.isFinite(r.z())) {
                xs.add(r.z());
                ys.add((double) (rows.size() - i));
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    private static void vertical(XYChart chart, String name, double x, int n, BasicStroke stroke, boolean legend) {
        XYSeries s = chart.addSeries(name, new double[] {x, x}, new double[] {0.4, n + 0.6});
        line(s, Color.GRAY, stroke);
        s.setShowInLegend(legend);
    }

    private static double width(Font font, String text) {
        return font.getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
    }

    private static void line(XYSeries s, Color color, BasicStroke stroke) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
    }
}
