package org.replearn.checks.claims.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The series of replicate means: the mean, ± 2 standard errors of the mean, and a legend entry that says so. */
class PlotSpecTest {
    @Test
    void replicateMeansCarryTwoStandardErrors() {
        PlotSpec.Series s = PlotSpec.Series.replicateMeans("curve", new double[] {1, 2},
                new double[][] {{1, 10}, {3, 10}}, PlotSpec.Style.LINE_POINTS);
        assertEquals("curve (mean ± 2 SE, 2 replicates)", s.name());
        assertArrayEquals(new double[] {2, 10}, s.y(), 1e-12);
        assertArrayEquals(new double[] {0, 10}, s.lower(), 1e-12, "SE of {1, 3} is 1");
        assertArrayEquals(new double[] {4, 10}, s.upper(), 1e-12);
        PlotSpec.Series one = PlotSpec.Series.replicateMeans("curve", new double[] {1}, new double[][] {{5}},
                PlotSpec.Style.POINTS);
        assertFalse(one.hasIntervals(), "one replicate has no standard error");
        assertEquals("curve (1 replicate)", one.name());
    }

    @Test
    void geometricMeansCarryTwoStandardErrorsOfTheLog() {
        PlotSpec.Series s = PlotSpec.Series.geometricMeans("n*", new double[] {8}, new double[][] {{1}, {100}},
                PlotSpec.Style.LINE_POINTS);
        assertEquals("n* (geometric mean, ± 2 SE of log, 2 replicates)", s.name());
        assertEquals(10, s.y()[0], 1e-9);
        assertEquals(10 / 100.0, s.lower()[0], 1e-9, "SE of the mean of log 1, log 100 is log 10");
        assertEquals(10 * 100.0, s.upper()[0], 1e-9);
    }
}
