package org.replearn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

/**
 * Issue 29 (8): the test error's standard error summed fourth powers of the errors, which overflowed from about
 * {@code 1e77} times a unit target (NaN) and underflowed below {@code 1e-77}. The sums are now kept in units of a
 * power of two near {@code sqrt(E f*²)}: for a target scaled by {@code 2^k} every relative number is the unit
 * target's to the last bit, and the excess loss is exactly {@code 4^k} times.
 */
class TestErrorsScaleTest {
    private static final HermitePolynomial G = TargetSpec.resolve("multi-deg4");

    private static TestErrors evaluate(int k) {
        Target target = Target.random(G.scalb(k), 6, new Seeds(3).rng(Stream.FRAME));
        DataSource test = new DataSource(target, 0, new Seeds(3), Stream.TEST, 12_000);
        // a predictor off by a fraction of f*: f̂ = 0.7·f*, plus its own sample-to-sample wobble
        Predictor p = (x, out) -> {
            double[] f = new double[x.numRows];
            target.values(x, x.numRows, f);
            for (int i = 0; i < x.numRows; i++) {
                out[i] = f[i] * (0.7 + 0.2 * Math.signum(x.get(i, 0)));
            }
        };
        return TestErrors.evaluate(p, test, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {-490, -300, -1, 1, 300, 490})
    void aPowerOfTwoTargetGivesTheSameRelativeErrorsToTheBit(int k) {
        TestErrors unit = evaluate(0);
        TestErrors scaled = evaluate(k);
        assertEquals(unit.relativeError(), scaled.relativeError(), 0.0);
        assertEquals(unit.relativeErrorStandardError(), scaled.relativeErrorStandardError(), 0.0);
        assertEquals(Math.scalb(unit.excessLoss(), 2 * k), scaled.excessLoss(), 0.0);
    }
}
