package org.replearn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

class TestErrorsTest {
    private static final Target TARGET = Target.random(TargetSpec.resolve("multi-deg4"), 5,
            new Seeds(1).rng(Stream.FRAME));
    private static final DataSource TEST = new DataSource(TARGET, 0.5, new Seeds(1), Stream.TEST, 12_000);

    /**
     * The zero predictor has relative error mean(f*²)/E f*² and excess loss mean(f*²), computed here directly from
     * the materialized samples (summation orders differ: relative n·ε ≈ 3e-12).
     */
    @Test
    void zeroPredictorMatchesDirectMeans() {
        Dataset data = TEST.materialize();
        double f2 = 0;
        for (int i = 0; i < data.size(); i++) {
            f2 += data.fStar()[i] * data.fStar()[i];
        }
        TestErrors e = TestErrors.evaluate((x, out) -> java.util.Arrays.fill(out, 0, x.numRows, 0.0), TEST, 2);
        assertEquals(f2 / data.size() / TARGET.secondMoment(), e.relativeError(), 1e-11);
        assertEquals(f2 / data.size(), e.excessLoss(), 1e-11 * f2 / data.size());
        assertEquals(12_000, e.samples());
    }

    /**
     * The excess loss estimates E(f̂ - y)² - σ² = E(f̂ - f*)² without the noise: it is the same for σ² = 0.5 and
     * σ² = 1e6 (the noise never changes x), never negative, and equal to relative error × E f*² (at σ² = 1e6,
     * mean(f̂ - y)² - σ² has a standard error of σ²·sqrt(2/n) ≈ 1.3e4 and went negative).
     */
    @Test
    void excessLossIgnoresTheLabelNoise() {
        DataSource loud = new DataSource(TARGET, 1e6, new Seeds(1), Stream.TEST, 12_000);
        Predictor half = (x, out) -> {
            TARGET.values(x, out);
            for (int i = 0; i < x.numRows; i++) {
                out[i] *= 0.5;
            }
        };
        TestErrors quiet = TestErrors.evaluate(half, TEST, 1);
        TestErrors noisy = TestErrors.evaluate(half, loud, 1);
        assertEquals(quiet.excessLoss(), noisy.excessLoss(), 0.0);
        assertTrue(noisy.excessLoss() > 0);
        assertEquals(noisy.relativeError() * TARGET.secondMoment(), noisy.excessLoss(), 1e-15 * noisy.excessLoss());
    }

    /** The exact target has relative error 0 and excess loss 0, exactly. */
    @Test
    void exactTargetHasZeroRelativeError() {
        TestErrors e = TestErrors.evaluate(TARGET::values, TEST, 1);
        assertEquals(0.0, e.relativeError(), 0.0);
        assertEquals(0.0, e.excessLoss(), 0.0);
        TestErrors two = TestErrors.evaluate(TARGET::values, TEST, 2);
        assertEquals(e.excessLoss(), two.excessLoss(), 0.0, "1 vs 2 threads");
    }

    @Test
    void rejectsSmallTestSetsAndDivergedPredictors() {
        DataSource small = TEST.withSize(9_999);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TestErrors.evaluate(TARGET::values, small, 1))
                .getMessage().contains("10000"));
        assertThrows(org.replearn.core.NumericalFailure.class,
                () -> TestErrors.evaluate((x, out) -> java.util.Arrays.fill(out, Double.NaN), TEST, 1));
    }

    /**
     * The control-variate estimator on {@code single-h4} ({@code f* = (h₂ + h₄)/sqrt 2}), control {@code c} = its degree-4
     * part: (i) for the predictor {@code f* − c} every term {@code (f̂ − f*)² − c²} is 0, so the estimate is exactly
     * {@code E c² / E f*² = 1/2} with standard error 0; (ii) for the zero predictor both estimators are unbiased for
     * the same error, so they agree within 4 combined standard errors, and the control variate's standard error is
     * smaller (the heavy {@code c²} tail, {@code E h₄⁴ = 639}, is gone).
     */
    @Test
    void controlVariateIsExactOnTheUnreachablePartAndReducesTheStandardError() {
        Target h4 = Target.random(TargetSpec.resolve("single-h4"), 6, new Seeds(2).rng(Stream.FRAME));
        Target c = h4.withLink(h4.link().withoutDegreesBelow(3));
        DataSource test = new DataSource(h4, 0.0, new Seeds(2), Stream.TEST, 200_000);
        TestErrors exact = TestErrors.evaluate((x, out) -> {
            double[] f = new double[x.numRows];
            double[] part = new double[x.numRows];
            h4.values(x, f);
            c.values(x, part);
            for (int i = 0; i < x.numRows; i++) {
                out[i] = f[i] - part[i];
            }
        }, test, c, 2);
        assertEquals(0.5, exact.relativeError(), 1e-15);
        assertEquals(0.0, exact.relativeErrorStandardError(), 1e-15);
        Predictor zero = (x, out) -> java.util.Arrays.fill(out, 0, x.numRows, 0.0);
        TestErrors plain = TestErrors.evaluate(zero, test, 2);
        TestErrors controlled = TestErrors.evaluate(zero, test, c, 2);
        double combined = Math.hypot(plain.relativeErrorStandardError(), controlled.relativeErrorStandardError());
        assertEquals(plain.relativeError(), controlled.relativeError(), 4 * combined);
        assertEquals(1.0, controlled.relativeError(), 4 * controlled.relativeErrorStandardError());
        assertTrue(controlled.relativeErrorStandardError() < plain.relativeErrorStandardError(),
                controlled.relativeErrorStandardError() + " >= " + plain.relativeErrorStandardError());
        assertThrows(IllegalArgumentException.class, () -> TestErrors.evaluate(zero, test,
                Target.random(TargetSpec.resolve("single-h4"), 5, new Seeds(2).rng(Stream.FRAME)), 1));
    }
}
