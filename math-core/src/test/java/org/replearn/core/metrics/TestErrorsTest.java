package org.replearn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.target.Target;
import org.replearn.core.target.TargetSpec;

class TestErrorsTest {
    private static final Target TARGET = Target.random(TargetSpec.resolve("multi-deg4"), 5,
            new Seeds(1).rng(Stream.FRAME));
    private static final DataSource TEST = new DataSource(TARGET, 0.5, new Seeds(1), Stream.TEST, 12_000);

    /**
     * The zero predictor has relative error mean(f*²)/E f*² and excess loss mean(y²) - σ², computed here directly
     * from the materialized samples (summation orders differ: relative n·ε ≈ 3e-12).
     */
    @Test
    void zeroPredictorMatchesDirectMeans() {
        Dataset data = TEST.materialize();
        double f2 = 0;
        double y2 = 0;
        for (int i = 0; i < data.size(); i++) {
            f2 += data.fStar()[i] * data.fStar()[i];
            y2 += data.y()[i] * data.y()[i];
        }
        TestErrors e = TestErrors.evaluate((x, out) -> java.util.Arrays.fill(out, 0, x.numRows, 0.0), TEST, 2);
        assertEquals(f2 / data.size() / TARGET.secondMoment(), e.relativeError(), 1e-11);
        assertEquals(y2 / data.size() - 0.5, e.excessLoss(), 1e-11);
        assertEquals(12_000, e.samples());
    }

    /** The exact target has relative error 0 and excess loss mean(ε²) - σ², within 5 SE (sd(ε²) = σ²√2) of 0. */
    @Test
    void exactTargetHasZeroRelativeError() {
        TestErrors e = TestErrors.evaluate(TARGET::values, TEST, 1);
        assertEquals(0.0, e.relativeError(), 0.0);
        assertEquals(0.0, e.excessLoss(), 5 * 0.5 * Math.sqrt(2.0 / 12_000));
        TestErrors two = TestErrors.evaluate(TARGET::values, TEST, 2);
        assertEquals(e.excessLoss(), two.excessLoss(), 0.0, "1 vs 2 threads");
    }

    @Test
    void rejectsSmallTestSetsAndDivergedPredictors() {
        DataSource small = TEST.withSize(9_999);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestErrors.evaluate(TARGET::values, small, 1))
                .getMessage().contains("10000"));
        assertThrows(IllegalStateException.class,
                () -> TestErrors.evaluate((x, out) -> java.util.Arrays.fill(out, Double.NaN), TEST, 1));
    }
}
