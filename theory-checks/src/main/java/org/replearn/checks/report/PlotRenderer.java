package org.replearn.checks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.replearn.checks.claims.PlotSpec;

/** Renders a {@link PlotSpec} to PNG bytes with XChart (headless AWT). */
public final class PlotRenderer {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;

    private PlotRenderer() {
    }

    /** The figure as PNG bytes. */
    public static byte[] png(PlotSpec spec) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(spec.title()).xAxisTitle(spec.xLabel())
                .yAxisTitle(spec.yLabel()).build();
        chart.getStyler().setXAxisLogarithmic(spec.logX());
        chart.getStyler().setYAxisLogarithmic(spec.logY());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (PlotSpec.Series s : spec.series()) {
            for (double y : s.y()) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
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
            line.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {2f, 3f}, 0f));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
    }
}
