package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.checks.claims.stats.UpperExponent;

/** The one-sided exponent bound and the alignment level of the sample-complexity claims. */
class SampleComplexityChecksTest {
    /** Four replicates with exponents 1.9, 2.0, 2.1, 2.2: mean 2.05, SE 0.0645, t₃ = 3.18. */
    private static Exponents.SeedSlope fit(double shift) {
        double[] slopes = {1.9 + shift, 2.0 + shift, 2.1 + shift, 2.2 + shift};
        double[] ms = Intervals.meanAndStandardError(slopes);
        return new Exponents.SeedSlope(ms[0], ms[1], Intervals.studentCritical(3), slopes);
    }

    /**
     * One-sided: any exponent below the bound holds, however far; above it, only within {@code t·SE + δ}; no fit fails.
     */
    @Test
    void anUpperExponentRejectsOnlyAboveTheBound() {
        assertTrue(UpperExponent.holds(fit(0), 2, 0));
        assertTrue(UpperExponent.holds(fit(-1.5), 2, 0));
        double halfWidth = fit(0).halfWidth();
        assertTrue(UpperExponent.holds(fit(halfWidth - 0.05 - 1e-9), 2, 0));
        assertFalse(UpperExponent.holds(fit(halfWidth - 0.05 + 1e-9), 2, 0));
        assertTrue(UpperExponent.holds(fit(halfWidth - 0.05 + 0.1), 2, 0.1 + 1e-9));
        assertFalse(UpperExponent.holds(null, 2, 0));
        assertEquals(halfWidth + 0.3, UpperExponent.tolerance(fit(0), 4, 0.3, "log-factor").value(), 1e-15);
        assertTrue(Double.isNaN(UpperExponent.tolerance(null, 4, 0.3, "log-factor").value()));
    }

    /**
     * A learner whose noise energy 1 − A is the predicted one passes the level; one whose 1 − A is 1.5 times the
     * predicted (a step needing 1.5 times the samples) fails; so does one better than predicted only pass.
     */
    @Test
    void theAlignmentLevelFailsALearnerLeavingMoreNoise() {
        double[] predicted = {0.5, 0.6, 0.7, 0.5, 0.6, 0.7};
        double[] jitter = {0.02, -0.02, 0.01, -0.01, 0.015, -0.015};
        assertTrue(level(predicted, jitter, 1).holds());
        assertTrue(level(predicted, jitter, 0.7).holds());
        AlignmentLevel worse = level(predicted, jitter, 1.5);
        assertFalse(worse.holds());
        assertEquals(Math.log(1.5), worse.mean(), 0.01);
    }

    /**
     * Cells that share their randomness form one unit: its q is their mean, and the standard error and t's degrees of
     * freedom count units, not cells (here two units of three: q means 0.01 and −0.01, SE 0.01, t_{0.975,1}).
     */
    @Test
    void theAlignmentLevelCountsUnitsOfCellsThatShareTheirRandomness() {
        double[] predicted = {0.5, 0.6, 0.7, 0.5, 0.6, 0.7};
        double[] jitter = {0.02, 0.0, 0.01, -0.01, -0.02, 0.0};
        AlignmentLevel perCell = level(predicted, jitter, 1, 1);
        AlignmentLevel perUnit = level(predicted, jitter, 1, 3);
        assertEquals(6, perCell.units());
        assertEquals(2, perUnit.units());
        double[] unitMeans = {(Math.log(1.02) + Math.log(1.01)) / 3, (Math.log(0.99) + Math.log(0.98)) / 3};
        assertEquals((unitMeans[0] + unitMeans[1]) / 2, perUnit.mean(), 1e-15);
        assertEquals(Math.abs(unitMeans[0] - unitMeans[1]) / 2, perUnit.se(), 1e-15);
        assertEquals(12.7062, perUnit.critical(), 1e-4);
        assertEquals(perCell.mean(), perUnit.mean(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> level(predicted, jitter, 1, 4));
    }

    /** Cells whose point 1 has {@code 1 − A = factor·(1 − A_pred)·(1 + jitter)}, one unit per cell. */
    private static AlignmentLevel level(double[] predicted, double[] jitter, double factor) {
        return level(predicted, jitter, factor, 1);
    }

    /** As {@link #level(double[], double[], double)}, each run of {@code cellsPerUnit} cells one unit. */
    private static AlignmentLevel level(double[] predicted, double[] jitter, double factor, int cellsPerUnit) {
        List<List<SizePoint>> curves = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int c = 0; c < predicted.length; c++) {
            double a = 1 - factor * (1 - predicted[c]) * (1 + jitter[c]);
            curves.add(List.of(new SizePoint(10, 0.5, 0.1), new SizePoint(20, 0.2, a)));
            keys.add("c" + c);
        }
        return AlignmentLevel.of("t", keys, curves, predicted, 1, cellsPerUnit);
    }
}
