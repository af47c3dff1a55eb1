package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

class ReluMomentsTest {

    /**
     * Independent check by Gaussian integration by parts: {@code m_k = E ψ^{(k)}(ξ) = E[ψ(ξ) He_k(ξ/s)] / s^k}, whose
     * right side is {@code s^{-k} ∫_{-b}^{∞} He_k(t/s) φ_s(t) dt}, computed by adaptive Gauss–Legendre on
     * {@code [max(-b, -40s), 40s]} (the Gaussian mass outside is below 1e-300). Tolerance {@code 1e-10} relative to
     * the Cauchy–Schwarz bound {@code |m_k| <= sqrt(E ψ²) sqrt(E He_k²) / s^k <= sqrt(k!) / s^k}: |m_k| itself is a
     * poor scale where the lobes of He_k cancel (m_8 = 0 at b = 0). The integrator runs at relative accuracy 1e-13
     * and absolute 1e-15 on integrals of size at most sqrt(k!), so its error is far below the tolerance.
     */
    @Test
    void momentsMatchIntegrationByParts() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15);
        for (double s : new double[] {0.3, 1.0, 2.5}) {
            for (double b : new double[] {-1.7, -0.2, 0.0, 0.4, 2.1}) {
                double[] m = new double[9];
                ReluMoments.moments(8, b, s, m);
                for (int k = 0; k <= 8; k++) {
                    int order = k;
                    double lo = Math.max(-b, -40 * s);
                    double integral = integrator.integrate(1_000_000, t -> he(order, t / s)
                            * Math.exp(-0.5 * t * t / (s * s)) / (s * Math.sqrt(2 * Math.PI)), lo, 40 * s);
                    double expected = integral / Math.pow(s, k);
                    double scale = Math.sqrt(CombinatoricsUtils.factorialDouble(k)) / Math.pow(s, k);
                    assertEquals(expected, m[k], 1e-10 * scale, "k=" + k + " b=" + b + " s=" + s);
                    assertEquals(m[k], ReluMoments.moment(k, b, s), 0.0, "moment(k) is entry k of moments");
                }
            }
        }
    }

    /** {@code He_k(t)} by the probabilists' recurrence (test reference, independent of the class under test). */
    private static double he(int k, double t) {
        double prev = 1;
        if (k == 0) {
            return prev;
        }
        double cur = t;
        for (int j = 1; j < k; j++) {
            double next = t * cur - j * prev;
            prev = cur;
            cur = next;
        }
        return cur;
    }

    /**
     * Far in the tails the density underflows: m_0 is still Φ(b/s) to high relative accuracy, and the higher moments
     * are exactly 0, never NaN, even when b/s itself overflows. Φ(-10) = 7.6198530241605260660e-24 (30-digit value);
     * Commons Math's erfc is a continued fraction for the incomplete gamma function stopped at 1e-15 relative, so
     * 1e-13 relative leaves room for its rounding.
     */
    @Test
    void extremeBiasesGiveFiniteMoments() {
        double[] m = new double[6];
        ReluMoments.moments(5, -10.0, 1.0, m);
        assertEquals(7.619853024160526e-24, m[0], 1e-13 * 7.62e-24);
        ReluMoments.moments(5, 50.0, 1.0, m);
        assertEquals(1.0, m[0], 0.0);
        for (int k = 1; k <= 5; k++) {
            assertEquals(0.0, m[k], 0.0);
        }
        ReluMoments.moments(5, -1e300, 1e-300, m);
        assertEquals(0.0, m[0], 0.0);
        for (int k = 1; k <= 5; k++) {
            assertEquals(0.0, m[k], 0.0);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReluMoments.moment(1, 0.0, 0.0));
        assertTrue(e.getMessage().startsWith("s = 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReluMoments.moment(1, 0.0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> ReluMoments.moment(1, Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ReluMoments.moment(-1, 0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ReluMoments.moments(3, 0.0, 1.0, new double[3]));
        e = assertThrows(IllegalArgumentException.class, () -> ReluMoments.moments(8, 0.0, 1e-60, new double[9]));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
    }
}
