package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.stats.Intervals;

/** The level check of {@code degenerate-target}: its statistic, its allowance and its two directions. */
class DegenerateTargetLevelTest {
    private static final int[] DIMS = {16, 32, 64};

    /** {@code a[rep][d] = predicted[rep][d]·ratio[rep][d]}. */
    private static double[][] scaled(double[][] predicted, double[][] ratio) {
        double[][] a = new double[predicted.length][];
        for (int rep = 0; rep < a.length; rep++) {
            a[rep] = new double[predicted[rep].length];
            for (int di = 0; di < a[rep].length; di++) {
                a[rep][di] = predicted[rep][di] * ratio[rep][di];
            }
        }
        return a;
    }

    private static double[][] predictions() {
        double[][] p = new double[4][DIMS.length];
        for (int rep = 0; rep < p.length; rep++) {
            for (int di = 0; di < DIMS.length; di++) {
                p[rep][di] = (6.0 + rep) / DIMS[di];
            }
        }
        return p;
    }

    /** The statistic is the per-replicate mean over d of A/A_pred; the allowance the mean over d of 7d/n. */
    @Test
    void statisticAndAllowanceAreAsDocumented() {
        double[][] ratio = {{1.0, 0.9, 1.1}, {0.8, 1.0, 0.9}, {1.2, 1.0, 1.1}, {1.0, 1.0, 0.7}};
        DegenerateTargetLevel level = DegenerateTargetLevel.of(scaled(predictions(), ratio), predictions(), DIMS, 4);
        double[] perReplicate = {1.0, 0.9, 1.1, 0.9};
        for (int rep = 0; rep < perReplicate.length; rep++) {
            assertEquals(perReplicate[rep], level.perReplicate()[rep], 1e-12);
        }
        double[] ms = Intervals.meanAndStandardError(perReplicate);
        assertEquals(ms[0], level.mean(), 1e-12);
        assertEquals(ms[1], level.standardError(), 1e-12);
        assertEquals(Intervals.studentCritical(3), level.critical(), 0);
        assertEquals((7 / 64.0 + 7 / 128.0 + 7 / 256.0) / 3, level.allowance(), 1e-15);
        assertEquals(level.critical() * ms[1] + level.allowance(), level.tolerance(), 1e-15);
    }

    /** Two-sided: the prediction itself holds; a level 20 % low or high with a small spread fails. */
    @Test
    void holdsAtThePredictionAndFailsBelowAndAbove() {
        double[][] exact = {{1.01, 0.99, 1.0}, {0.99, 1.01, 1.0}, {1.0, 1.0, 1.01}, {1.0, 0.99, 1.0}};
        assertTrue(DegenerateTargetLevel.of(scaled(predictions(), exact), predictions(), DIMS, 4).holds());
        for (double factor : new double[] {0.8, 1.2}) {
            double[][] off = new double[exact.length][];
            for (int rep = 0; rep < off.length; rep++) {
                off[rep] = exact[rep].clone();
                for (int di = 0; di < DIMS.length; di++) {
                    off[rep][di] *= factor;
                }
            }
            assertFalse(DegenerateTargetLevel.of(scaled(predictions(), off), predictions(), DIMS, 4).holds(),
                    "factor " + factor);
        }
    }
}
