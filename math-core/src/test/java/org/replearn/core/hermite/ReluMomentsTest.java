package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

class ReluMomentsTest {

    /**
     * Independent check by Gaussian integration by parts: m_k = E ψ^{(k)}(ξ) = E[ψ(ξ) He_k(ξ/s)] / s^k, and the
     * right side is the integral of He_k(t/s) φ_s(t) over t > -b, computed by adaptive Gauss–Legendre on
     * [-b, 40s] (the Gaussian tail beyond 40 s is below 1e-300). Tolerance 1e-10 relative to the integral's natural
     * size sqrt(k!)/s^k (cancellation between positive and negative lobes makes |m_k| itself a poor scale, e.g.
     * m_8 = 0 at b = 0); the integrator's relative accuracy is set to 1e-13.
     */
    @Test
    void momentsMatchIntegrationByParts() {
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(32, 1e-13, 1e-15);
        double worst = 0;
        for (double s : new double[] {0.3, 1.0, 2.5}) {
            for (double b : new double[] {-1.7, -0.2, 0.0, 0.4, 2.1}) {
                double[] m = new double[9];
                ReluMoments.moments(8, b, s, m);
                for (int k = 0; k <= 8; k++) {
                    final int kk = k;
                    final double ss = s;
                    double lo = Math.max(-b, -40 * s);
                    double integral = integrator.integrate(1_000_000, t -> he(kk, t / ss)
                            * Math.exp(-0.5 * t * t / (ss * ss)) / (ss * Math.sqrt(2 * Math.PI)), lo, 40 * s);
                    double expected = integral / Math.pow(s, k);
                    // natural size of the integral: ||He_k||_{L2(N(0,1))} / s^k = sqrt(k!) / s^k
                    double scale = Math.sqrt(CombinatoricsUtils.factorialDouble(k)) / Math.pow(s, k);
                    double err = Math.abs(m[k] - expected) / scale;
                    worst = Math.max(worst, err);
                    assertEquals(expected, m[k], 1e-10 * scale, "k=" + k + " b=" + b + " s=" + s);
                    assertEquals(m[k], ReluMoments.moment(k, b, s), 0.0);
                }
            }
        }
        System.out.printf("ReluMoments: max error/scale vs integration by parts = %.3e%n", worst);
    }

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

    @Test
    void nonPositiveScaleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReluMoments.moment(1, 0.0, 0.0));
        assertEquals(true, e.getMessage().startsWith("s = 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReluMoments.moment(1, Double.NaN, 1.0));
    }
}
