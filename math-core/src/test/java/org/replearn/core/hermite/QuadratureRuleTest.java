package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuadratureRuleTest {

    /**
     * E[h_j h_k] = δ_jk for j, k <= 60 with a 61-point rule (exact for degree 121 >= 120). Tolerance: the terms
     * w_i h_j(x_i) h_k(x_i) are bounded by 1 in sum of absolute values (Cauchy–Schwarz with positive weights), so
     * summation error is below 61·ε ≈ 1.4e-14; the rule's own nodes/weights carry ~1e-14 relative error, giving
     * a bound of 1e-12 with margin.
     */
    @Test
    void normalizedHermiteAreOrthonormalUnderTheRule() {
        QuadratureRule rule = QuadratureRule.gaussHermite(61);
        double[][] h = new double[rule.size()][61];
        for (int i = 0; i < rule.size(); i++) {
            Hermite.values(rule.node(i), 60, h[i]);
        }
        double worst = 0;
        for (int j = 0; j <= 60; j++) {
            for (int k = 0; k <= 60; k++) {
                double s = 0;
                for (int i = 0; i < rule.size(); i++) {
                    s += rule.weight(i) * h[i][j] * h[i][k];
                }
                double err = Math.abs(s - (j == k ? 1 : 0));
                worst = Math.max(worst, err);
                assertTrue(err <= 1e-12, "E[h_" + j + " h_" + k + "] error " + err);
            }
        }
        System.out.printf("Quadrature: max |E[h_j h_k] - δ_jk| (j,k<=60, 61 points) = %.3e%n", worst);
    }

    /** An N-point rule integrates h_k exactly (Σ w_i h_k(x_i) = δ_k0) for k <= 2N-1, to 1e-12 (same bound). */
    @Test
    void nPointRuleIsExactUpToDegree2NMinus1() {
        for (int n : new int[] {1, 2, 5, 10, 20, 50, 100, 150, 200}) {
            QuadratureRule rule = QuadratureRule.gaussHermite(n);
            int maxK = 2 * n - 1;
            double[] h = new double[maxK + 1];
            double[] sums = new double[maxK + 1];
            for (int i = 0; i < n; i++) {
                Hermite.values(rule.node(i), maxK, h);
                for (int k = 0; k <= maxK; k++) {
                    sums[k] += rule.weight(i) * h[k];
                }
            }
            double worst = 0;
            for (int k = 0; k <= maxK; k++) {
                worst = Math.max(worst, Math.abs(sums[k] - (k == 0 ? 1 : 0)));
            }
            System.out.printf("Quadrature: N=%d max |Σ w h_k - δ_k0| over k<=%d = %.3e%n", n, maxK, worst);
            assertTrue(worst <= 1e-12, "N=" + n + ": exactness error " + worst);
        }
    }

    /**
     * The physicists'-to-probabilists' rescaling: E z² = 1, E z⁴ = 3, and the 2-point rule has nodes ±1 and
     * weights 1/2 (physicists' nodes ±1/sqrt(2), weights sqrt(π)/2).
     */
    @Test
    void rescalingFromThePhysicistsConvention() {
        QuadratureRule rule = QuadratureRule.gaussHermite(10);
        assertEquals(1.0, rule.expectation(z -> z * z), 1e-14);
        assertEquals(3.0, rule.expectation(z -> z * z * z * z), 1e-13);
        assertEquals(15.0, rule.expectation(z -> Math.pow(z, 6)), 1e-12);
        QuadratureRule two = QuadratureRule.gaussHermite(2);
        assertEquals(-1.0, two.node(0), 1e-15);
        assertEquals(1.0, two.node(1), 1e-15);
        assertEquals(0.5, two.weight(0), 1e-15);
        assertEquals(0.5, two.weight(1), 1e-15);
    }

    @Test
    void sizeOutOfRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> QuadratureRule.gaussHermite(0));
        assertThrows(IllegalArgumentException.class, () -> QuadratureRule.gaussHermite(201));
    }
}
