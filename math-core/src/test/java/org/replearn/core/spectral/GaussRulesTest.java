package org.replearn.core.spectral;

import org.replearn.core.hermite.QuadratureRule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Gamma and sphere-angle rules against closed-form moments, and the Gegenbauer polynomials' orthogonality under
 * the angle rule. Tolerances are floating point: a sum of {@code N} positive terms, each with a relative error of a
 * few {@code ε} from its node (absolute error about {@code ε} times the Jacobi matrix's norm) raised to the power
 * {@code k <= 2N − 1}, so about {@code (N + k) · 10 ε}; we allow {@code 1e-12} relative.
 */
class GaussRulesTest {
    private static final int POINTS = 20;
    private static final double RELATIVE = 1e-12;

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(doubles = {0.5, 1.5, 4, 32, 512})
    void gammaRuleIntegratesMomentsUpToDegree2NMinus1(double shape) {
        QuadratureRule rule = GaussRules.gamma(shape, POINTS);
        assertEquals(1, rule.expectation(x -> 1), RELATIVE);
        double moment = 1;
        for (int k = 1; k <= 2 * POINTS - 1; k++) {
            moment *= shape + k - 1; // E X^k = a (a + 1) ⋯ (a + k − 1)
            int power = k;
            double quadrature = rule.expectation(x -> Math.pow(x, power));
            assertEquals(moment, quadrature, RELATIVE * moment, "E X^" + k + ", Gamma(" + shape + ")");
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 4, 8, 64, 1024})
    void sphereAngleRuleIntegratesMomentsUpToDegree2NMinus1(int d) {
        QuadratureRule rule = GaussRules.sphereAngle(d, POINTS);
        double even = 1;
        for (int k = 0; k <= 2 * POINTS - 1; k++) {
            int power = k;
            double quadrature = rule.expectation(t -> Math.pow(t, power));
            if (k % 2 == 1) {
                // odd moments vanish; the terms cancel in pairs, so the error is absolute, relative to E t^{k−1}
                assertEquals(0, quadrature, RELATIVE * even, "E t^" + k + ", d = " + d);
            } else {
                assertEquals(even, quadrature, RELATIVE * even, "E t^" + k + ", d = " + d);
                even *= (k + 1.0) / (d + k); // E t^{2m} = (2m − 1)!! / (d (d + 2) ⋯ (d + 2m − 2))
            }
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 8, 1024})
    void gegenbauerPolynomialsAreOrthogonalUnderTheAngleRule(int d) {
        int maxDegree = POINTS - 1;
        QuadratureRule rule = GaussRules.sphereAngle(d, POINTS);
        double[][] q = new double[POINTS][maxDegree + 1];
        for (int i = 0; i < POINTS; i++) {
            SphericalHarmonics.gegenbauer(d, rule.node(i), maxDegree, q[i]);
        }
        for (int l = 0; l <= maxDegree; l++) {
            for (int m = 0; m <= l; m++) {
                double inner = 0;
                for (int i = 0; i < POINTS; i++) {
                    inner += rule.weight(i) * q[i][l] * q[i][m];
                }
                // E[Q_ℓ Q_m] = δ_ℓm / N(d, ℓ): the products have degree <= 2N − 2, integrated exactly
                double expected = l == m ? 1 / SphericalHarmonics.multiplicity(d, l) : 0;
                double scale = 1 / Math.sqrt(SphericalHarmonics.multiplicity(d, l)
                        * SphericalHarmonics.multiplicity(d, m));
                assertEquals(expected, inner, 1e-12 * scale, "E[Q_" + l + " Q_" + m + "], d = " + d);
            }
        }
    }
}
