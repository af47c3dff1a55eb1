package org.replearn.checks.claims.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.PlotSpec;

/** The exponent figure: per-replicate points, geometric means, the fitted and the predicted power. */
class ExponentPlotTest {
    /**
     * Two replicates on exact laws {@code n* = c_s d²} with {@code c = 1, 4}: the geometric mean is {@code 2d²}, the
     * fit through it is {@code 2d²} again, and the predicted {@code d²} starts at the first geometric mean.
     */
    @Test
    void seriesOfAnExactQuadraticLaw() {
        int[] d = {8, 16, 32};
        double[][] nStar = new double[2][3];
        for (int i = 0; i < 3; i++) {
            nStar[0][i] = (double) d[i] * d[i];
            nStar[1][i] = 4.0 * d[i] * d[i];
        }
        double[][] x = {{8, 16, 32}, {8, 16, 32}};
        PlotSpec plot = ExponentPlot.of("p", "title", "d", d, nStar, Exponents.seedSlope(x, nStar), 2, "d");
        assertEquals(4, plot.series().size());
        assertArrayEquals(new double[] {8, 8, 16, 16, 32, 32}, plot.series().get(0).x(), 0);
        assertArrayEquals(new double[] {64, 256, 256, 1024, 1024, 4096}, plot.series().get(0).y(), 0);
        double[] twice = {128, 512, 2048};
        assertArrayEquals(twice, plot.series().get(1).y(), 1e-9);
        assertArrayEquals(twice, plot.series().get(2).y(), 1e-9);
        assertArrayEquals(twice, plot.series().get(3).y(), 1e-9);
        assertArrayEquals(new double[] {32, 128, 512}, plot.series().get(1).lower(), 1e-9,
                "exp(mean log ± 2 SE): the SE of the mean of log d², log 4d² is ln 2, so 2d²·e^(∓2 ln 2)");
        assertArrayEquals(new double[] {512, 2048, 8192}, plot.series().get(1).upper(), 1e-9);
        assertEquals("fit d^γ, γ = 2 (95 % t-interval over 2 replicates)", plot.series().get(2).name(),
                "an exact law has no half-width to show");
    }

    /** γ with its half-width: two significant digits of the half-width, the exponent to the same decimal. */
    @Test
    void exponentRoundedToItsUncertainty() {
        assertEquals("1.93 ± 0.11", ExponentPlot.rounded(1.9328724, 0.1134));
        assertEquals("0.903 ± 0.048", ExponentPlot.rounded(0.90347, 0.0476));
        assertEquals("12.0 ± 3.2", ExponentPlot.rounded(12.04, 3.21));
    }
}
