package org.replearn.checks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.replearn.checks.claims.api.PlotSpec;

/**
 * Renders a {@link PlotSpec} to PNG bytes with XChart (headless AWT). Titles too long for the figure are set in a
 * smaller font rather than cut off, the figure grows with its legend, and a logarithmic axis spanning less than
 * {@link #DECADES_FOR_DECADE_TICKS} decade is labelled at 1–9 times each power of ten (XChart labels only the powers
 * of ten by default, so a narrow range would show one label or none; over wider ranges the 1–9 labels collide).
 * Intervals ({@link PlotSpec.Series#lower()}, {@link PlotSpec.Series#upper()}) are vertical bars in their series' colour.
 * (XChart 3.8's tick-label formatting functions are not usable on logarithmic axes: its tick calculator then ignores
 * the logarithm and does not finish.)
 */
public final class PlotRenderer {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;
    /** Extra height per legend entry beyond the fourth. */
    private static final int LEGEND_ENTRY_HEIGHT = 18;
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
    /** A logarithmic axis spanning fewer decades than this gets labels at 1–9 × 10^k. */
    static final double DECADES_FOR_DECADE_TICKS = 1;

    private PlotRenderer() {
    }

    /** The figure as PNG bytes. */
    public static byte[] png(PlotSpec spec) throws IOException {
        int entries = spec.series().size() + spec.markers().size();
        int height = HEIGHT + LEGEND_ENTRY_HEIGHT * Math.max(0, entries - 4);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(spec.title()).xAxisTitle(spec.xLabel())
                .yAxisTitle(spec.yLabel()).build();
        XYStyler styler = chart.getStyler();
        styler.setChartTitleFont(fitted(styler.getChartTitleFont(), spec.title(), WIDTH - TITLE_MARGIN));
        Font axisTitle = styler.getAxisTitleFont();
        styler.setAxisTitleFont(fitted(fitted(axisTitle, spec.xLabel(), WIDTH - TITLE_MARGIN), spec.yLabel(),
                height - Y_TITLE_RESERVE - LEGEND_ENTRY_HEIGHT * entries));
        styler.setXAxisLogarithmic(spec.logX());
        styler.setYAxisLogarithmic(spec.logY());
        styler.setXAxisLogarithmicDecadeOnly(!spec.logX() || decades(spec, true) >= DECADES_FOR_DECADE_TICKS);
        styler.setYAxisLogarithmicDecadeOnly(!spec.logY() || decades(spec, false) >= DECADES_FOR_DECADE_TICKS);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setAntiAlias(true);
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        Color[] palette = styler.getSeriesColors();
        for (int k = 0; k < spec.series().size(); k++) {
            PlotSpec.Series s = spec.series().get(k);
            for (double y : s.y()) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
            Color color = palette[k % palette.length];
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
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
                    series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {6f, 4f}, 0f));
                }
                default -> throw new IllegalStateException("unhandled style " + s.style());
            }
        }
        for (PlotSpec.Marker m : spec.markers()) {
            XYSeries line = chart.addSeries(m.label(), new double[] {m.x(), m.x()}, new double[] {yMin, yMax});
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
            line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
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
            bar.setLineStyle(new BasicStroke(1.2f));
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
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (PlotSpec.Series s : spec.series()) {
            for (double v : x ? s.x() : s.y()) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && min < max ? Math.log10(max / min) : 0;
    }
}
