package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.MultiIndex;

/**
 * {@code Q_k(v) = Σ_{|α|=k} c_α v^α / sqrt(α!)} and {@code ∇Q_k} at high degree (the review note "a factorial overflows
 * past some degree and no test goes there", see math-core/MUTATION.md). {@code α!} leaves the double range at
 * {@code α_i = 171} ({@code MultiIndex.factorial()} then returns {@code +Infinity}, as documented), but
 * {@code 1/sqrt(α!)} stays a normal double up to {@code α! ≈ 1e616} (degree about 300), and so do {@code Q_k} and
 * {@code ∇Q_k} at moderate {@code |v|}. Targets accept degrees up to {@code Hermite.MAX_DEGREE = 4096}.
 *
 * <p>Reference: {@code v^α / sqrt(α!)} in 60-digit decimals. Tolerance {@code 1e-12} relative: the code multiplies
 * {@code |α| + 2} rounded factors ({@code <= 210ε ≈ 5e-14} here).
 */
class HermitePolynomialHighDegreeTest {
    private static final MathContext MC = new MathContext(60);

    /** {@code v^α / sqrt(α!)}, exactly enough. */
    private static double monomial(int[] alpha, double[] v) {
        BigDecimal num = BigDecimal.ONE;
        BigDecimal factorial = BigDecimal.ONE;
        for (int i = 0; i < alpha.length; i++) {
            num = num.multiply(new BigDecimal(v[i]).pow(alpha[i], MC), MC);
            for (int j = 2; j <= alpha[i]; j++) {
                factorial = factorial.multiply(BigDecimal.valueOf(j), MC);
            }
        }
        return num.divide(factorial.sqrt(MC), MC).doubleValue();
    }

    private static void assertQ(int[] alpha, double c, double[] v) {
        HermitePolynomial g = HermitePolynomial.builder(alpha.length).add(MultiIndex.of(alpha), c).build();
        int k = MultiIndex.of(alpha).degree();
        double expected = c * monomial(alpha, v);
        assertEquals(expected, g.q(k, v), 1e-12 * Math.abs(expected), "Q_" + k + " of " + g);
        double[] grad = new double[alpha.length];
        g.gradQ(k, v, grad);
        for (int i = 0; i < alpha.length; i++) {
            // ∂/∂v_i v^α = α_i v^α / v_i
            double partial = alpha[i] * expected / v[i];
            assertEquals(partial, grad[i], 1e-12 * Math.abs(partial), "∂_" + (i + 1) + " Q_" + k + " of " + g);
        }
    }

    /** Up to degree 170 per variable, where {@code α!} is a finite double. */
    @Test
    void qAndItsGradientUpToDegree170() {
        assertQ(new int[] {25}, 0.8, new double[] {1.3});
        assertQ(new int[] {170}, -1.5, new double[] {1.25});
        assertQ(new int[] {90, 80}, 2.0, new double[] {1.1, -0.9});
    }

    /**
     * Above: {@code h_171}, {@code h_200}, and {@code h_100(z1) h_100(z2)} ({@code α! = (100!)² ≈ 8.7e315}, each
     * exponent below 171). Regression (found by this test, fixed in 90e3c5d): {@code q} and {@code gradQ} returned 0,
     * multiplying by {@code 1/sqrt(α!) = 1/sqrt(+Infinity) = 0}, e.g. for {@code Q_171(1.25) ≈ 1.1e-138}.
     */
    @Test
    void qAndItsGradientAboveDegree170() {
        assertQ(new int[] {171}, 1.0, new double[] {1.25});
        assertQ(new int[] {200}, 0.5, new double[] {1.5});
        assertQ(new int[] {100, 100}, 1.0, new double[] {1.2, 0.8});
    }
}
