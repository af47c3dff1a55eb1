package org.replearn.checks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.replearn.checks.claims.api.PlotSpec;

/**
 * Renders a {@link PlotSpec} with XChart (headless AWT) to PNG and SVG. Titles too long for the figure are set in a
 * smaller font rather than cut off, and the figure grows with its legend. Each logarithmic axis gets at least three
 * labelled ticks written as plain numbers ({@link #logAxis}); vertical markers outside the data's x range are left
 * out. Intervals ({@link PlotSpec.Series#lower()}, {@link PlotSpec.Series#upper()}) are vertical bars in their
 * series' colour; controls are grey and dotted. (XChart 3.8's tick-label formatting functions are not usable on
 * logarithmic axes: its tick calculator then ignores the logarithm and does not finish; decimal patterns are.)
 */
public final class PlotRenderer {
    static final int WIDTH = 800;
    static final int HEIGHT = 560;
    /** Extra height per legend entry beyond the fourth. */
    static final int LEGEND_ENTRY_HEIGHT = 20;
    /**
     * Pixels of the figure's width not available to a title: XChart centres it over the plot area, right of the y
     * axis, so both halves must fit beside that centre.
     */
    private static final int TITLE_MARGIN = 130;
    /** Pixels of the figure's height not available to the y-axis title: chart title, x axis, legend, margins. */
    private static final int Y_TITLE_RESERVE = 140;
    /** Smallest font a title is shrunk to. */
    static final float MIN_FONT_SIZE = 9f;
    /** On a logarithmic y axis, where an interval's lower end at or below 0 is drawn, relative to its point. */
    static final double LOG_FLOOR = 1e-3;
    /** Tick labels a logarithmic axis has at least. */
    static final int MIN_LABELS = 3;
    private static final Color[] CONTROL_GREYS = {new Color(0x55, 0x55, 0x55), new Color(0x88, 0x88, 0x88),
        new Color(0xaa, 0xaa, 0xaa)};
    private static final Marker[] CONTROL_MARKERS = {SeriesMarkers.CROSS, SeriesMarkers.PLUS, SeriesMarkers.OVAL};

    private PlotRenderer() {
    }

    /** The figure as PNG bytes. */
    public static byte[] png(PlotSpec spec) throws IOException {
        return png(chart(spec));
    }

    /** The figure as an SVG document (UTF-8 bytes). */
    public static byte[] svg(PlotSpec spec) throws IOException {
        return svg(chart(spec));
    }

    static byte[] png(XYChart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
    }

    static byte[] svg(XYChart chart) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return out.toByteArray();
    }

    /**
     * A chart of the given size with the report's fonts, white background and the legend below; the title fitted to
     * the width, the axis titles to the width and to the height left by {@code legendEntries}.
     */
    static XYChart styledChart(int height, String title, String xLabel, String yLabel, int legendEntries) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        XYStyler styler = chart.getStyler();
        styler.setChartTitleFont(fitted(new Font(Font.SANS_SERIF, Font.BOLD, 16), title, WIDTH - TITLE_MARGIN));
        styler.setAxisTitleFont(fitted(fitted(new Font(Font.SANS_SERIF, Font.PLAIN, 14), xLabel,
                WIDTH - TITLE_MARGIN), yLabel, height - Y_TITLE_RESERVE - LEGEND_ENTRY_HEIGHT * legendEntries));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
        return chart;
    }

    /** The XChart figure of {@code spec}. */
    static XYChart chart(PlotSpec spec) {
        double[] xRange = range(spec, true);
        double[] yRange = range(spec, false);
        if (spec.logX()) {
            xRange = logAxis(xRange[0], xRange[1]);
        }
        if (spec.logY()) {
            yRange = logAxis(yRange[0], yRange[1]);
        }
        int markers = 0;
        for (PlotSpec.Marker m : spec.markers()) {
            markers += inside(m.x(), xRange) ? 1 : 0;
        }
        int entries = spec.series().size() + markers;
        XYChart chart = styledChart(HEIGHT + LEGEND_ENTRY_HEIGHT * Math.max(0, entries - 4), spec.title(),
                spec.xLabel(), spec.yLabel(), entries);
        XYStyler styler = chart.getStyler();
        if (spec.logX()) {
            styler.setXAxisLogarithmic(true);
            styler.setXAxisLogarithmicDecadeOnly(decadeOnly(xRange));
            styler.setXAxisDecimalPattern(pattern(xRange));
            styler.setXAxisMin(xRange[0]);
            styler.setXAxisMax(xRange[1]);
        }
        if (spec.logY()) {
            styler.setYAxisLogarithmic(true);
            styler.setYAxisLogarithmicDecadeOnly(decadeOnly(yRange));
            styler.setYAxisDecimalPattern(pattern(yRange));
            styler.setYAxisMin(yRange[0]);
            styler.setYAxisMax(yRange[1]);
        }
        Color[] palette = styler.getSeriesColors();
        int colours = 0;
        int controls = 0;
        for (int k = 0; k < spec.series().size(); k++) {
            PlotSpec.Series s = spec.series().get(k);
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            Color color;
            if (s.style() == PlotSpec.Style.CONTROL) {
                color = CONTROL_GREYS[controls % CONTROL_GREYS.length];
                series.setMarker(CONTROL_MARKERS[controls % CONTROL_MARKERS.length]);
                controls++;
            } else {
                color = palette[colours++ % palette.length];
            }
            series.setLineColor(color);
            series.setMarkerColor(color);
            if (s.hasIntervals()) {
                addIntervals(chart, spec, k, s, color);
            }
            switch (s.style()) {
                case POINTS -> series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                case LINE_POINTS -> series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                case DASHED -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    series.setMarker(SeriesMarkers.NONE);
                    series.setLineStyle(dashes(1.8f, 7f, 4f));
                }
                case CONTROL -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    series.setLineStyle(dashes(1.2f, 1.5f, 3f));
                }
                default -> throw new IllegalStateException("unhandled style " + s.style());
            }
        }
        for (PlotSpec.Marker m : spec.markers()) {
            if (!inside(m.x(), xRange)) {
                continue;
            }
            XYSeries line = chart.addSeries(m.label(), new double[] {m.x(), m.x()},
                    new double[] {yRange[0], yRange[1]});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(dashes(1f, 2f, 3f));
        }
        return chart;
    }

    private static BasicStroke dashes(float width, float on, float off) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {on, off}, 0f);
    }

    private static boolean inside(double v, double[] range) {
        return v >= range[0] && v <= range[1];
    }

    /**
     * The intervals of series {@code k} as vertical bars in its colour, outside the legend. On a logarithmic y axis a
     * lower end at or below 0 is drawn at {@link #LOG_FLOOR} times the point (the bar runs off the visible range).
     */
    private static void addIntervals(XYChart chart, PlotSpec spec, int k, PlotSpec.Series s, Color color) {
        double[] x = s.x();
        double[] y = s.y();
        double[] lower = s.lower();
        double[] upper = s.upper();
        for (int i = 0; i < x.length; i++) {
            double lo = spec.logY() && !(lower[i] > 0) ? y[i] * LOG_FLOOR : lower[i];
            XYSeries bar = chart.addSeries("\u200b" + k + "." + i + " " + s.name(), new double[] {x[i], x[i]},
                    new double[] {lo, upper[i]});
            bar.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            bar.setMarker(SeriesMarkers.NONE);
            bar.setLineColor(color);
            bar.setLineStyle(new BasicStroke(1.4f));
            bar.setShowInLegend(false);
        }
    }

    /**
     * {@code font}, or the largest smaller size (in half points, down to {@link #MIN_FONT_SIZE}) at which {@code text}
     * is at most {@code pixels} wide.
     */
    static Font fitted(Font font, String text, int pixels) {
        FontRenderContext context = new FontRenderContext(null, true, true);
        Font f = font;
        while (f.getSize2D() > MIN_FONT_SIZE && f.getStringBounds(text, context).getWidth() > pixels) {
            f = f.deriveFont(Math.max(MIN_FONT_SIZE, f.getSize2D() - 0.5f));
        }
        return f;
    }

    /** {@code log10(max/min)} of the positive values on one axis (x or y) of the series, 0 when fewer than two. */
    static double decades(PlotSpec spec, boolean x) {
        double[] r = range(spec, x);
        return r[0] < r[1] ? Math.log10(r[1] / r[0]) : 0;
    }

    /**
     * The smallest and largest value on one axis: the points and, for y, the intervals' ends; only positive values on
     * a logarithmic axis. {@code {1, 10}} when there is none.
     */
    static double[] range(PlotSpec spec, boolean x) {
        boolean log = x ? spec.logX() : spec.logY();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (PlotSpec.Series s : spec.series()) {
            double[][] sets = x ? new double[][] {s.x()}
                    : s.hasIntervals() ? new double[][] {s.y(), s.lower(), s.upper()} : new double[][] {s.y()};
            for (double[] values : sets) {
                for (double v : values) {
                    if (Double.isFinite(v) && (!log || v > 0)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {1, 10};
    }

    /**
     * The range a logarithmic axis shows for data in {@code [min, max]}, chosen so that it has at least
     * {@link #MIN_LABELS} labelled ticks. Spanning a decade or more, the axis is labelled at powers of ten only and,
     * holding fewer than three of them, widened one power of ten at a time on the side where that adds less.
     * Spanning less, it is labelled at every {@code j·10^k} (j = 1…9; {@link #decadeOnly}) and widened to the
     * neighbouring such values until it holds three.
     */
    static double[] logAxis(double min, double max) {
        if (!(min > 0) || !(max >= min)) {
            throw new IllegalArgumentException("a logarithmic axis needs 0 < min <= max, got " + min + ", " + max);
        }
        if (Math.log10(max / min) >= 1) {
            double lo = min;
            double hi = max;
            while (!decadeOnly(new double[] {lo, hi})) {
                double below = Math.pow(10, Math.ceil(Math.log10(lo) - 1e-9) - 1);
                double above = Math.pow(10, Math.floor(Math.log10(hi) + 1e-9) + 1);
                if (Math.log10(lo / below) <= Math.log10(above / hi)) {
                    lo = below;
                } else {
                    hi = above;
                }
            }
            return new double[] {lo, hi};
        }
        double lo = multipleAtOrBelow(min);
        double hi = multipleAtOrAbove(max);
        while (multiplesIn(lo, hi) < MIN_LABELS) {
            lo = nextMultiple(lo, -1);
            if (multiplesIn(lo, hi) < MIN_LABELS) {
                hi = nextMultiple(hi, 1);
            }
        }
        return new double[] {lo, hi};
    }

    /** Whether the axis range holds {@link #MIN_LABELS} powers of ten, which then are its only labels. */
    static boolean decadeOnly(double[] range) {
        int low = (int) Math.ceil(Math.log10(range[0]) - 1e-9);
        int high = (int) Math.floor(Math.log10(range[1]) + 1e-9);
        return high - low + 1 >= MIN_LABELS;
    }

    /**
     * The decimal pattern of a logarithmic axis's labels: plain numbers with as many decimals as its smallest label
     * needs (e.g. {@code 0.01}, {@code 1,000}); scientific notation only beyond 10⁻⁶…10⁹.
     */
    static String pattern(double[] range) {
        if (range[0] < 1e-6 || range[1] > 1e9) {
            return "0.#E0";
        }
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(range[0]) + 1e-9));
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
    }

    /** The largest {@code j·10^k} (j = 1…9) at or below {@code v > 0}. */
    private static double multipleAtOrBelow(double v) {
        double unit = unit(v);
        return Math.max(1, Math.floor(v / unit + 1e-9)) * unit;
    }

    /** The smallest {@code j·10^k} (j = 1…10) at or above {@code v > 0}. */
    private static double multipleAtOrAbove(double v) {
        double unit = unit(v);
        return Math.ceil(v / unit - 1e-9) * unit;
    }

    /** The {@code j·10^k} next to {@code v = j·10^k} upwards ({@code step} 1) or downwards (-1). */
    private static double nextMultiple(double v, int step) {
        double unit = unit(v);
        long j = Math.round(v / unit) + step;
        return j == 0 ? 0.9 * unit : j * unit;
    }

    /** {@code 10^floor(log10 v)}, robust to rounding just below a power of ten. */
    private static double unit(double v) {
        return Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    }

    /** How many {@code j·10^k} lie in {@code [lo, hi]} (both such values). */
    private static int multiplesIn(double lo, double hi) {
        int count = 0;
        for (double v = lo; v <= hi * (1 + 1e-9); v = nextMultiple(v, 1)) {
            count++;
        }
        return count;
    }
}
