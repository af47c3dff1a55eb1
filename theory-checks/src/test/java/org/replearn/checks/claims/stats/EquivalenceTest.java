package org.replearn.checks.claims.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The equivalence test of a d-exponent: its interval, its direction with noise, and a missing fit. */
class EquivalenceTest {
    private static final double[][] D = {{16, 32, 64}, {16, 32, 64}, {16, 32, 64}, {16, 32, 64}};

    /** Per-replicate exponents {@code slope ± spread} (alternating), as fitted from exact power laws. */
    private static Exponents.SeedSlope fit(double slope, double spread) {
        double[][] y = new double[D.length][];
        for (int s = 0; s < D.length; s++) {
            double e = slope + (s % 2 == 0 ? spread : -spread);
            y[s] = new double[] {Math.pow(16, e), Math.pow(32, e), Math.pow(64, e)};
        }
        return Exponents.seedSlope(D, y);
    }

    @Test
    void theIntervalIsTheNinetyPercentStudentInterval() {
        Equivalence e = Equivalence.of(fit(0.1, 0.05), Equivalence.D_EXPONENT_MARGIN);
        // t_{0.95, 3} = 2.3534; SE = 0.05·sqrt(4/3)/2
        double se = 0.05 * Math.sqrt(4 / 3.0) / 2;
        assertEquals(2.353363, e.critical(), 1e-5);
        assertEquals(0.1 - 2.353363 * se, e.lower(), 1e-5);
        assertEquals(0.1 + 2.353363 * se, e.upper(), 1e-5);
        assertTrue(e.holds());
    }

    @Test
    void moreNoiseMakesItHarderToPass() {
        assertTrue(Equivalence.of(fit(0.2, 0.1), 0.5).holds());
        assertFalse(Equivalence.of(fit(0.2, 0.3), 0.5).holds(), "same mean, noisier replicates");
        assertFalse(Equivalence.of(fit(0.0, 0.5), 0.5).holds(), "mean 0, but the interval is wider than the margin");
    }

    @Test
    void anExponentOutsideTheMarginFailsOnEitherSide() {
        assertFalse(Equivalence.of(fit(0.6, 0.01), 0.5).holds());
        assertFalse(Equivalence.of(fit(-0.6, 0.01), 0.5).holds());
    }

    @Test
    void aMissingFitFails() {
        Equivalence e = Equivalence.of(Exponents.seedSlopeIfComplete(D, new double[][] {{1, 1, 1}, {1, Double.NaN, 1},
            {1, 1, 1}, {1, 1, 1}}), 0.5);
        assertFalse(e.holds());
        assertTrue(Double.isNaN(e.upper()));
    }
}
