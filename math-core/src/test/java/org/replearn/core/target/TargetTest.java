package org.replearn.core.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;

class TargetTest {
    static Target mixed(int d, long seed) {
        return Target.random(TargetSpec.parse(HermitePolynomialTest.MIXED), d, new Seeds(seed).rng(Stream.FRAME));
    }

    /**
     * The expected Hessian from the formula H = Uᵀ G₂ U against the Monte Carlo estimator mean(y (x xᵀ − I)) over
     * 10⁶ samples, and C_1 against mean(y x): every entry within 4 standard errors (SE from the per-entry sample
     * standard deviation / sqrt(n)).
     */
    @Test
    void expectedHessianAndLinearPartMatchMonteCarlo() {
        int d = 6;
        Target t = mixed(d, 11);
        DataSource src = new DataSource(t, 0.0, new Seeds(11), Stream.CHECK, 1_000_000);
        double[] sum = new double[d * d];
        double[] sq = new double[d * d];
        double[] lin = new double[d];
        double[] linSq = new double[d];
        DataSource.Block b = src.newBlock();
        for (int k = 0; k < src.blockCount(); k++) {
            src.read(k, b);
            for (int i = 0; i < b.rows; i++) {
                double y = b.y[i];
                int off = i * d;
                for (int p = 0; p < d; p++) {
                    double xp = b.x.data[off + p];
                    lin[p] += y * xp;
                    linSq[p] += y * y * xp * xp;
                    for (int q = 0; q < d; q++) {
                        double v = y * (xp * b.x.data[off + q] - (p == q ? 1 : 0));
                        sum[p * d + q] += v;
                        sq[p * d + q] += v * v;
                    }
                }
            }
        }
        double n = src.size();
        DMatrixRMaj h = t.expectedHessian();
        double worstZ = 0;
        for (int e = 0; e < d * d; e++) {
            double mean = sum[e] / n;
            double se = Math.sqrt((sq[e] / n - mean * mean) / n);
            double z = (mean - h.data[e]) / se;
            worstZ = Math.max(worstZ, Math.abs(z));
            assertTrue(Math.abs(z) <= 4, "H entry " + e + ": MC " + mean + " vs " + h.data[e] + " (z = " + z + ")");
        }
        double[] c1 = t.linearCoefficient();
        for (int p = 0; p < d; p++) {
            double mean = lin[p] / n;
            double se = Math.sqrt((linSq[p] / n - mean * mean) / n);
            double z = (mean - c1[p]) / se;
            worstZ = Math.max(worstZ, Math.abs(z));
            assertTrue(Math.abs(z) <= 4, "C1[" + p + "]: MC " + mean + " vs " + c1[p] + " (z = " + z + ")");
        }
        System.out.printf("Target: expected Hessian and C1 vs 1e6-sample Monte Carlo: max |z| = %.2f%n", worstZ);
    }

    /** ∇f* and ∇²f* against central differences of f* (δ = 1e-5; bound as in HermitePolynomialTest). */
    @Test
    void gradientAndHessianMatchCentralDifferences() {
        int d = 5;
        Target t = mixed(d, 3);
        double[] x = {0.4, -0.8, 1.1, 0.2, -1.5};
        double delta = 1e-5;
        double[] grad = new double[d];
        t.gradient(x, grad);
        DMatrixRMaj hess = new DMatrixRMaj(d, d);
        t.hessian(x, hess);
        for (int i = 0; i < d; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += delta;
            m[i] -= delta;
            assertEquals((t.value(p) - t.value(m)) / (2 * delta), grad[i], 1e-6);
            double[] gp = new double[d];
            double[] gm = new double[d];
            t.gradient(p, gp);
            t.gradient(m, gm);
            for (int j = 0; j < d; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * delta), hess.get(i, j), 1e-6);
            }
        }
        double[] batch = new double[1];
        t.values(new DMatrixRMaj(1, d, true, x), batch);
        assertEquals(t.value(x), batch[0], 1e-15);
    }

    @Test
    void spectrumKappaAndRank() {
        Target t = Target.random(TargetSpec.preset("multi-deg4"), 10, new Seeds(1).rng(Stream.FRAME));
        double[] ev = t.hessianEigenvalues();
        double c = Math.sqrt(2) * Math.sqrt(0.3) / Math.sqrt(2);
        assertEquals(c, ev[0], 1e-14);
        assertEquals(c, ev[1], 1e-14);
        assertEquals(1.0, t.kappa(), 1e-12);
        assertTrue(t.nondegenerate());
        Target cubic = Target.random(TargetSpec.preset("single-h3"), 10, new Seeds(1).rng(Stream.FRAME));
        assertFalse(cubic.nondegenerate(), "G2 = 0 for h3");
        assertEquals(Double.POSITIVE_INFINITY, cubic.kappa());
        assertEquals(0, cubic.hessianRank());
    }

    /** Haar frames: orthonormal to 1e-13 and E U_11² = 1/d (within 4 SE over 4000 draws). */
    @Test
    void randomFramesAreOrthonormalAndUniform() {
        int d = 8;
        int draws = 4000;
        double s = 0;
        double s2 = 0;
        for (int k = 0; k < draws; k++) {
            DMatrixRMaj u = Frames.randomOrthonormal(2, d, new Seeds(5).rng(Stream.FRAME, k));
            assertTrue(Frames.orthonormalityError(u) <= 1e-13);
            double v = u.get(0, 0) * u.get(0, 0);
            s += v;
            s2 += v * v;
        }
        double mean = s / draws;
        double se = Math.sqrt((s2 / draws - mean * mean) / draws);
        assertEquals(1.0 / d, mean, 4 * se);
    }

    @Test
    void badFramesAreRejectedWithTheFix() {
        HermitePolynomial g = TargetSpec.preset("multi-deg4");
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0.001, 1, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Target(g, u));
        assertTrue(e.getMessage().contains("not orthonormal") && e.getMessage().contains("QR"), e.getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{Double.NaN, 0, 0}, {0, 1, 0}});
        e = assertThrows(IllegalArgumentException.class, () -> new Target(g, nan));
        assertTrue(e.getMessage().contains("u(0, 0) = NaN"), e.getMessage());
        DMatrixRMaj oneRow = new DMatrixRMaj(new double[][] {{1, 0, 0}});
        e = assertThrows(IllegalArgumentException.class, () -> new Target(g, oneRow));
        assertTrue(e.getMessage().contains("r×d"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Frames.randomOrthonormal(3, 2, new Seeds(1).rng(Stream.FRAME)));
    }
}
