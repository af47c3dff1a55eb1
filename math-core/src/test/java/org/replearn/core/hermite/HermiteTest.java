package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class HermiteTest {
    private static final MathContext MC = new MathContext(60);

    /** Exact {@code h_k(z)} for k = 0..K: the integer-coefficient He_k recurrence in 60-digit decimals, / sqrt(k!). */
    private static BigDecimal[] exact(double z, int maxK) {
        BigDecimal x = new BigDecimal(z);
        BigDecimal[] he = new BigDecimal[maxK + 1];
        he[0] = BigDecimal.ONE;
        he[1] = x;
        for (int k = 1; k < maxK; k++) {
            he[k + 1] = x.multiply(he[k], MC).subtract(BigDecimal.valueOf(k).multiply(he[k - 1], MC), MC);
        }
        BigDecimal fact = BigDecimal.ONE;
        BigDecimal[] h = new BigDecimal[maxK + 1];
        for (int k = 0; k <= maxK; k++) {
            if (k > 0) {
                fact = fact.multiply(BigDecimal.valueOf(k));
            }
            h[k] = he[k].divide(fact.sqrt(MC), MC);
        }
        return h;
    }

    /**
     * Claim: h_k(z) is within 1e-12 relative of the exact value for k <= 60, |z| <= 10. Near a root of h_k no
     * finite-precision evaluation has small relative error (the condition number |z h_k'/h_k| is unbounded), so
     * the bound is 1e-12·|exact| or, where larger, the forward-recurrence error bound 4·k·ε·A with A =
     * sqrt(h_k² + h_{k-1}²) the amplitude the recurrence carries (each of the k steps adds at most ~2ε·A).
     */
    @Test
    void valuesMatchExactArithmeticToOnePartIn1e12() {
        double worstRelative = 0;
        double worstAmplitude = 0;
        int nearRoot = 0;
        double[] h = new double[61];
        for (int i = 0; i <= 400; i++) {
            double z = -10 + i * 0.05 + 1e-3; // avoid the exact symmetric roots at z = 0
            Hermite.values(z, 60, h);
            BigDecimal[] ex = exact(z, 60);
            for (int k = 0; k <= 60; k++) {
                double e = ex[k].doubleValue();
                double amplitude = k == 0 ? Math.abs(e) : Math.hypot(e, ex[k - 1].doubleValue());
                double err = Math.abs(h[k] - e);
                double tol = Math.max(1e-12 * Math.abs(e), 4 * k * Math.ulp(1.0) * amplitude);
                assertTrue(err <= tol, "k=" + k + ", z=" + z + ": |error| " + err + " > " + tol);
                if (err <= 1e-12 * Math.abs(e)) {
                    worstRelative = Math.max(worstRelative, err / Math.abs(e));
                } else {
                    nearRoot++;
                }
                worstAmplitude = Math.max(worstAmplitude, err / amplitude);
                assertEquals(h[k], Hermite.value(k, z), 0.0, "single-degree evaluation uses the same recurrence");
            }
        }
        System.out.printf("Hermite: max relative error vs 60-digit reference (k<=60, |z|<=10) = %.3e;"
                + " %d of %d points near a root met the amplitude bound instead (max error/amplitude %.3e)%n",
                worstRelative, nearRoot, 401 * 61, worstAmplitude);
    }

    @Test
    void finiteForDegreesUpTo1000AndLargeArguments() {
        double[] h = new double[1001];
        for (double z = -30; z <= 30; z += 0.25) {
            Hermite.values(z, 1000, h);
            for (int k = 0; k <= 1000; k++) {
                assertTrue(Double.isFinite(h[k]), "h_" + k + "(" + z + ") = " + h[k]);
            }
        }
    }

    /** h_k'(z) = sqrt(k) h_{k-1}(z) agrees with a central difference; error O(δ²|h'''|) + rounding ε|h|/δ. */
    @Test
    void derivativeIdentityMatchesFiniteDifferences() {
        double[] v = new double[21];
        double[] dv = new double[21];
        double[] hp = new double[21];
        double[] hm = new double[21];
        double delta = 1e-5;
        for (double z = -4; z <= 4; z += 0.37) {
            Hermite.valuesAndDerivatives(z, 20, v, dv);
            Hermite.values(z + delta, 20, hp);
            Hermite.values(z - delta, 20, hm);
            for (int k = 0; k <= 20; k++) {
                double fd = (hp[k] - hm[k]) / (2 * delta);
                double scale = 1 + Math.abs(v[k]) + Math.abs(dv[k]);
                // third derivative bounded by k^{3/2} times the local scale; rounding 1e-16·scale/δ.
                double tol = delta * delta * Math.pow(k + 1, 1.5) * scale * 10 + 1e-16 * scale / delta * 10;
                assertEquals(dv[k], fd, tol, "k=" + k + ", z=" + z);
            }
        }
    }

    @Test
    void badDegreesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, -1, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> Hermite.values(0.0, 5, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Hermite.value(-2, 0.0));
    }
}
