package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.PlotSpec;

/**
 * The figures: titles shrink to fit instead of being cut off, the figure grows with its legend, logarithmic axes of
 * every span (a fraction of a decade, one, twenty-five) render to a PNG in bounded time with three plain-number labels
 * at least, intervals are drawn, and an SVG is written beside the PNG.
 */
class PlotRendererTest {
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static double width(Font font, String text) {
        return font.getStringBounds(text, CONTEXT).getWidth();
    }

    /** A short title keeps its font; a long one gets the largest size that fits, and never below the floor. */
    @Test
    void titlesShrinkToFitDownToAFloor() {
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, 14);
        assertEquals(font, PlotRenderer.fitted(font, "short", 600));
        String longTitle = "Exact population error: gradient-descent head vs ridge head (d = 32, n = d², m = 256, 8 reps)";
        Font fitted = PlotRenderer.fitted(font, longTitle, 600);
        assertTrue(fitted.getSize2D() < 14, "shrunk: " + fitted.getSize2D());
        assertTrue(width(fitted, longTitle) <= 600, "fits: " + width(fitted, longTitle));
        Font bigger = fitted.deriveFont(fitted.getSize2D() + 0.5f);
        assertTrue(width(bigger, longTitle) > 600, "the largest size that fits, in half points");
        Font floor = PlotRenderer.fitted(font, longTitle.repeat(10), 600);
        assertEquals(PlotRenderer.MIN_FONT_SIZE, floor.getSize2D(), 0.0);
    }

    /** The span in decades of the positive values on each axis. */
    @Test
    void decadesOfEachAxis() {
        PlotSpec spec = spec(true, new double[] {2, 20, 2000}, new double[] {0.13, 0.4, 0.2});
        assertEquals(3, PlotRenderer.decades(spec, true), 1e-12);
        assertEquals(Math.log10(0.4 / 0.13), PlotRenderer.decades(spec, false), 1e-12);
        assertEquals(0, PlotRenderer.decades(spec(false, new double[] {1}, new double[] {1}), true), 0.0);
    }

    /** Narrow, one-decade and very wide logarithmic spans, and linear axes, all render (no hang in tick placement). */
    @Test
    void everyLogSpanRendersToAPng() {
        double[][] ranges = {{0.13, 0.4}, {1, 10}, {30, 2000}, {1e-10, 1e15}};
        for (double[] r : ranges) {
            for (boolean log : new boolean[] {true, false}) {
                PlotSpec spec = spec(log, new double[] {r[0], Math.sqrt(r[0] * r[1]), r[1]},
                        new double[] {r[1], Math.sqrt(r[0] * r[1]), r[0]});
                byte[] png = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> PlotRenderer.png(spec),
                        "range " + r[0] + "–" + r[1] + (log ? " (log)" : " (linear)"));
                BufferedImage image = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> ImageIO.read(new ByteArrayInputStream(png)));
                assertEquals(800, image.getWidth());
            }
        }
    }

    /**
     * Six legend entries make the figure two entries' height taller than the base 560 pixels; a marker outside the
     * data's x range is left out of the figure and its legend.
     */
    @Test
    void figureGrowsWithItsLegend() throws Exception {
        List<PlotSpec.Series> six = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new PlotSpec.Series("s" + i, new double[] {1, 2}, new double[] {i + 1, i + 2},
                    PlotSpec.Style.LINE_POINTS));
        }
        PlotSpec spec = new PlotSpec("six", "six series", "x", "y", false, false, six,
                List.of(new PlotSpec.Marker("outside", 30)));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PlotRenderer.png(spec)));
        assertEquals(PlotRenderer.HEIGHT + 2 * PlotRenderer.LEGEND_ENTRY_HEIGHT, image.getHeight());
    }

    /**
     * A logarithmic axis always holds at least three labels: powers of ten when it spans a decade or more (widened
     * a power at a time on the nearer side when it holds fewer than three), else the values j·10^k it is widened to.
     */
    @Test
    void logAxesHoldThreeLabelsAtLeast() {
        assertArrayEquals(new double[] {10, 1000}, PlotRenderer.logAxis(16, 256), 1e-9, "m = 16–256");
        assertArrayEquals(new double[] {100, 16000}, PlotRenderer.logAxis(150, 16000), 1e-9, "the nearer side");
        assertArrayEquals(new double[] {0.1, 11}, PlotRenderer.logAxis(0.125, 11), 1e-12);
        assertArrayEquals(new double[] {0.03, 4000}, PlotRenderer.logAxis(0.03, 4000), 1e-12, "holds 0.1…1000");
        assertArrayEquals(new double[] {0.1, 0.4}, PlotRenderer.logAxis(0.13, 0.4), 1e-12);
        assertArrayEquals(new double[] {0.2, 0.4}, PlotRenderer.logAxis(0.31, 0.39), 1e-12, "0.2, 0.3, 0.4");
        assertTrue(PlotRenderer.decadeOnly(PlotRenderer.logAxis(16, 256)));
        assertFalse(PlotRenderer.decadeOnly(PlotRenderer.logAxis(0.13, 0.4)));
        assertFalse(PlotRenderer.decadeOnly(new double[] {0.1, 1}), "two powers only: label 0.1, 0.2, …, 1");
    }

    /** Tick labels are plain numbers with the decimals the smallest label needs; scientific only far out. */
    @Test
    void logTickLabelsArePlainNumbers() {
        java.text.DecimalFormat f = new java.text.DecimalFormat(PlotRenderer.pattern(new double[] {10, 100000}),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals("10,000", f.format(1e4));
        f.applyPattern(PlotRenderer.pattern(new double[] {0.01, 1}));
        assertEquals("0.01", f.format(0.01));
        assertEquals("1", f.format(1));
        assertEquals("0.#E0", PlotRenderer.pattern(new double[] {1e-10, 1e5}));
    }

    /** The SVG is a vector document of the same figure. */
    @Test
    void svgBesidePng() throws Exception {
        String svg = new String(PlotRenderer.svg(spec(true, new double[] {1, 10, 100}, new double[] {1, 2, 3})),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg") && svg.contains("</svg>"), svg.substring(0, Math.min(200, svg.length())));
    }

    /**
     * Intervals are drawn (the image differs from the same points without them) but add no legend entry, also on a
     * logarithmic axis where a lower end is at or below 0.
     */
    @Test
    void intervalsAreDrawnOutsideTheLegend() throws Exception {
        double[] x = {10, 100, 1000};
        double[] y = {0.5, 0.2, 0.05};
        for (boolean log : new boolean[] {false, true}) {
            PlotSpec plain = spec(log, x, y);
            PlotSpec bars = new PlotSpec("t", "title", "x", "y", log, log, List.of(PlotSpec.Series.withErrors(
                    "data (± 2 SE)", x, y, new double[] {0.1, 0.3, 0.01}, PlotSpec.Style.POINTS)), List.of());
            BufferedImage a = ImageIO.read(new ByteArrayInputStream(PlotRenderer.png(plain)));
            BufferedImage b = ImageIO.read(new ByteArrayInputStream(PlotRenderer.png(bars)));
            assertEquals(a.getHeight(), b.getHeight(), "no legend entries for the bars");
            boolean differ = false;
            for (int i = 0; i < a.getWidth() && !differ; i++) {
                for (int j = 0; j < a.getHeight() && !differ; j++) {
                    differ = a.getRGB(i, j) != b.getRGB(i, j);
                }
            }
            assertTrue(differ, "the bars are drawn" + (log ? " (log)" : ""));
        }
    }

    /** An interval must contain its point. */
    @Test
    void anIntervalThatMissesItsPointIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PlotSpec.Series("s", new double[] {1},
                new double[] {1}, new double[] {1.1}, new double[] {2}, PlotSpec.Style.POINTS));
        assertThrows(IllegalArgumentException.class, () -> new PlotSpec.Series("s", new double[] {1},
                new double[] {1}, new double[] {0.5}, null, PlotSpec.Style.POINTS));
    }

    private static PlotSpec spec(boolean log, double[] x, double[] y) {
        return new PlotSpec("t", "title", "x", "y", log, log,
                List.of(new PlotSpec.Series("data", x, y, PlotSpec.Style.LINE_POINTS)), List.of());
    }
}
