package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.Tolerance;

/** The forest plot's rows: deviations in units of the tolerance, ± 2 SE, and the region each kind of check accepts. */
class SummaryPlotTest {
    private static ClaimResult claim(String id, Prediction p, Measurement m, Tolerance t, boolean holds) {
        return ClaimResult.builder(id, "s").prediction(p).measured(m).tolerance(t).rationale("r").holds(holds).build();
    }

    @Test
    void equalityIsTwoSidedInUnitsOfTheTolerance() {
        SummaryPlot.Row r = SummaryPlot.row(claim("a", Prediction.equality(1, "1"), Measurement.of(0.9, 0.02, 8, "0.9"),
                Tolerance.of(0.2, "t"), true));
        assertEquals(-0.5, r.z(), 1e-12);
        assertEquals(-0.7, r.lower(), 1e-12);
        assertEquals(-0.3, r.upper(), 1e-12);
        assertEquals(-1, r.acceptLo(), 0);
        assertEquals(1, r.acceptHi(), 0);
        assertEquals("a", r.label());
    }

    @Test
    void boundsAreOneSidedAndWithoutToleranceScaledByTheBound() {
        SummaryPlot.Row upper = SummaryPlot.row(claim("u", Prediction.upperBound(2, "2"),
                Measurement.of(2.2, 0.1, 4, "2.2"), Tolerance.of(0.4, "t"), true));
        assertEquals(0.5, upper.z(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, upper.acceptLo(), 0);
        assertEquals(1, upper.acceptHi(), 0);
        SummaryPlot.Row bare = SummaryPlot.row(claim("k", Prediction.upperBound(0.25, "0.25"),
                Measurement.exact(0.1, "0.1"), Tolerance.none("none"), true));
        assertEquals(-0.6, bare.z(), 1e-12);
        assertEquals(0, bare.acceptHi(), 0);
        assertTrue(Double.isNaN(bare.lower()), "no standard error, no interval");
        assertEquals("k (÷ |bound|)", bare.label());
        SummaryPlot.Row lower = SummaryPlot.row(claim("l", Prediction.lowerBound(1, "1"),
                Measurement.of(0.8, 0.05, 4, "0.8"), Tolerance.of(0.1, "t"), false));
        assertEquals(-2, lower.z(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, lower.acceptHi(), 0);
        assertEquals(-1, lower.acceptLo(), 0);
    }

    @Test
    void aBandIsScaledToMinusOneOne() {
        SummaryPlot.Row r = SummaryPlot.row(claim("b", Prediction.band(-0.5, 0.5, "band"),
                Measurement.of(0.25, 0.05, 8, "0.25"), Tolerance.of(0.5, "t"), true));
        assertEquals(0.5, r.z(), 1e-12);
        assertEquals(0.7, r.upper(), 1e-12);
    }

    @Test
    void anUnmeasuredClaimKeepsItsRowAndTheFigureRenders() throws Exception {
        ClaimResult missing = claim("m", Prediction.equality(1, "1"), Measurement.exact(Double.NaN, "none"),
                Tolerance.of(0.1, "t"), false);
        assertEquals("m (not measured)", SummaryPlot.row(missing).label());
        ClaimResult fine = claim("f", Prediction.equality(1, "1"), Measurement.of(1.05, 0.01, 3, "1.05"),
                Tolerance.of(0.1, "t"), true);
        var image = ImageIO.read(new ByteArrayInputStream(SummaryPlot.png(List.of(missing, fine))));
        assertEquals(PlotRenderer.WIDTH, image.getWidth());
        assertTrue(new String(SummaryPlot.svg(List.of(missing, fine)), java.nio.charset.StandardCharsets.UTF_8)
                .contains("<svg"));
    }
}
