package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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
     * standard deviation / sqrt(n)). The target (d = 6, r = 2) has constant, linear, degree-2, 3 and 4 parts.
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
            for (int i = 0; i < b.rows(); i++) {
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
        for (int e = 0; e < d * d; e++) {
            double mean = sum[e] / n;
            double se = Math.sqrt((sq[e] / n - mean * mean) / n);
            double z = (mean - h.data[e]) / se;
            assertTrue(Math.abs(z) <= 4, "H entry " + e + ": MC " + mean + " vs " + h.data[e] + " (z = " + z + ")");
        }
        double[] c1 = t.linearCoefficient();
        for (int p = 0; p < d; p++) {
            double mean = lin[p] / n;
            double se = Math.sqrt((linSq[p] / n - mean * mean) / n);
            double z = (mean - c1[p]) / se;
            assertTrue(Math.abs(z) <= 4, "C1[" + p + "]: MC " + mean + " vs " + c1[p] + " (z = " + z + ")");
        }
    }

    /**
     * ∇f* and ∇²f* against central differences of f* and ∇f* (δ = 1e-5). With |Ux| <= |x| ≈ 2.1 the bounds of
     * HermitePolynomialTest apply along any unit direction (third directional derivatives of g <= 8 there:
     * truncation <= 1.4e-10, rounding <= 2.2e-10): bound 1e-9.
     */
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
        double worstGradient = 0;
        double worstHessian = 0;
        for (int i = 0; i < d; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += delta;
            m[i] -= delta;
            worstGradient = Math.max(worstGradient, Math.abs((t.value(p) - t.value(m)) / (2 * delta) - grad[i]));
            double[] gp = new double[d];
            double[] gm = new double[d];
            t.gradient(p, gp);
            t.gradient(m, gm);
            for (int j = 0; j < d; j++) {
                worstHessian = Math.max(worstHessian, Math.abs((gp[j] - gm[j]) / (2 * delta) - hess.get(i, j)));
            }
        }
        assertTrue(worstGradient <= 1e-9, "gradient FD error " + worstGradient);
        assertTrue(worstHessian <= 1e-9, "Hessian FD error " + worstHessian);
    }

    /**
     * Batched values (Z = X Uᵀ by GEMM) against pointwise values: the same dot products, possibly summed in another
     * order, then the same g: |difference| <= a few ulps of the largest term of g (<= 10 for |z| <= 5): 1e-13.
     */
    @Test
    void batchedValuesMatchPointwiseValues() {
        int d = 7;
        Target t = mixed(d, 4);
        UniformRandomProvider rng = new Seeds(4).rng(Stream.CHECK);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj x = new DMatrixRMaj(50, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = normal.sample();
        }
        double[] all = new double[50];
        t.values(x, all);
        double[] some = new double[30];
        t.values(x, 30, some);
        double[] row = new double[d];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(x.data, i * d, row, 0, d);
            assertEquals(t.value(row), all[i], 1e-13);
            if (i < 30) {
                assertEquals(all[i], some[i], 0.0, "a prefix of rows gives the same values");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> t.values(x, 51, new double[51]));
        assertThrows(IllegalArgumentException.class, () -> t.values(x, new double[49]));
        assertThrows(IllegalArgumentException.class, () -> t.values(new DMatrixRMaj(3, d + 1), new double[3]));
    }

    /**
     * G₂ of g = a h2(z1) + c h1(z1)h1(z2) + e h2(z2) is [[sqrt(2) a, c], [c, sqrt(2) e]] with eigenvalues
     * m ± sqrt(q² + c²), m = (sqrt(2)a + sqrt(2)e)/2, q = (sqrt(2)a - sqrt(2)e)/2 (closed form; EJML's symmetric
     * QR iteration is backward stable: 1e-14 on O(1) eigenvalues). H = Uᵀ G₂ U has the same non-zero spectrum.
     */
    @Test
    void spectrumKappaAndRank() {
        double a = 0.7;
        double c = -0.4;
        double e = 0.2;
        HermitePolynomial g = TargetSpec.parse(a + "*h2(z1) + " + c + "*h1(z1)*h1(z2) + " + e + "*h2(z2) + h3(z2)");
        Target t = Target.random(g, 9, new Seeds(6).rng(Stream.FRAME));
        double m = Math.sqrt(2) * (a + e) / 2;
        double q = Math.sqrt(2) * (a - e) / 2;
        double root = Math.hypot(q, c);
        double[] ev = t.hessianEigenvalues();
        assertEquals(m - root, ev[0], 1e-14);
        assertEquals(m + root, ev[1], 1e-14);
        assertEquals(Math.max(Math.abs(m - root), m + root) / Math.min(Math.abs(m - root), m + root), t.kappa(), 1e-12);
        assertEquals(Math.sqrt(2) * a, t.g2().get(0, 0), 0.0);
        assertEquals(c, t.g2().get(0, 1), 0.0);
        assertEquals(c, t.g2().get(1, 0), 0.0);
        DMatrixRMaj h = t.expectedHessian();
        assertEquals(ev[0] + ev[1], CommonOps_DDRM.trace(h), 1e-14, "trace H = trace G₂ (U orthonormal)");
        assertEquals(2, t.hessianRank());
        assertTrue(t.nondegenerate());

        Target multi = Target.random(TargetPreset.of("multi-deg4").link(), 10, new Seeds(1).rng(Stream.FRAME));
        double iso = Math.sqrt(2) * Math.sqrt(0.3) / Math.sqrt(2);
        assertArrayEquals(new double[] {iso, iso}, multi.hessianEigenvalues(), 1e-15);
        assertEquals(1.0, multi.kappa(), 1e-14);

        Target cubic = Target.random(TargetPreset.of("single-h3").link(), 10, new Seeds(1).rng(Stream.FRAME));
        assertFalse(cubic.nondegenerate(), "G2 = 0 for h3");
        assertEquals(Double.POSITIVE_INFINITY, cubic.kappa());
        assertEquals(0, cubic.hessianRank());

        Target partial = Target.random(TargetSpec.parse("h2(z1) + h1(z1)*h3(z2)"), 6, new Seeds(2).rng(Stream.FRAME));
        assertEquals(1, partial.hessianRank(), "rank H < r is legal input");
        assertFalse(partial.nondegenerate());
        assertEquals(Double.POSITIVE_INFINITY, partial.kappa());
    }

    /** Exact moments pass through from g; C_1 = Uᵀ(c_{e_i}) checked entrywise by hand (one rounding: 1e-16). */
    @Test
    void momentsAndLinearCoefficient() {
        Target t = mixed(5, 8);
        HermitePolynomial g = t.link();
        assertEquals(g.mean(), t.mean(), 0.0);
        assertEquals(g.secondMoment(), t.secondMoment(), 0.0);
        assertEquals(g.variance(), t.variance(), 0.0);
        assertArrayEquals(g.energyByDegree(), t.energyByDegree(), 0.0);
        DMatrixRMaj u = t.frame();
        double[] c1 = t.linearCoefficient();
        for (int j = 0; j < 5; j++) {
            assertEquals(0.3 * u.get(0, j) - 0.4 * u.get(1, j), c1[j], 1e-16);
        }
        double[] x = {0.1, 0.2, -0.3, 0.4, 0.5};
        double[] z = new double[2];
        t.project(x, z);
        assertEquals(g.value(z), t.value(x), 0.0);
    }

    @Test
    void withLinkKeepsTheFrame() {
        Target source = Target.random(TargetPreset.of("transfer-source").link(), 8, new Seeds(3).rng(Stream.FRAME));
        Target target = source.withLink(TargetPreset.of("transfer-target").link());
        assertArrayEquals(source.frame().data, target.frame().data, 0.0);
        assertEquals(TargetPreset.of("transfer-target").link(), target.link());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> source.withLink(TargetPreset.of("single-h2").link()));
        assertTrue(e.getMessage().contains("r = 1"), e.getMessage());
        DMatrixRMaj copy = source.frame();
        copy.set(0, 0, 42);
        assertEquals(Frames.orthonormalityError(source.frame()), Frames.orthonormalityError(target.frame()), 0.0,
                "frame() returns a copy");
    }

    /**
     * Haar frames: orthonormal to 1e-13 (Householder QR: error a few ε·d) and E U_11² = 1/d, E U_11 U_21 = 0
     * (rows of a Haar frame), each within 4 SE (sample SD over 4000 draws / sqrt(4000)).
     */
    @Test
    void randomFramesAreOrthonormalAndUniform() {
        int d = 8;
        int draws = 4000;
        double s = 0;
        double s2 = 0;
        double c = 0;
        double c2 = 0;
        double worst = 0;
        for (int k = 0; k < draws; k++) {
            DMatrixRMaj u = Frames.randomOrthonormal(2, d, new Seeds(5).rng(Stream.FRAME, k));
            worst = Math.max(worst, Frames.orthonormalityError(u));
            double v = u.get(0, 0) * u.get(0, 0);
            s += v;
            s2 += v * v;
            double w = u.get(0, 0) * u.get(1, 0);
            c += w;
            c2 += w * w;
        }
        assertTrue(worst <= 1e-13, "orthonormality error " + worst);
        double mean = s / draws;
        double se = Math.sqrt((s2 / draws - mean * mean) / draws);
        assertEquals(1.0 / d, mean, 4 * se);
        double cross = c / draws;
        double seCross = Math.sqrt((c2 / draws - cross * cross) / draws);
        assertEquals(0.0, cross, 4 * seCross);
        DMatrixRMaj a = Frames.randomOrthonormal(3, 5, new Seeds(9).rng(Stream.FRAME));
        DMatrixRMaj b = Frames.randomOrthonormal(3, 5, new Seeds(9).rng(Stream.FRAME));
        assertArrayEquals(a.data, b.data, 0.0, "same seed, same frame");
        assertEquals(1.0, Math.abs(Frames.randomOrthonormal(1, 1, new Seeds(9).rng(Stream.FRAME)).get(0, 0)), 0.0);
    }

    @Test
    void badInputIsRejectedWithTheFix() {
        HermitePolynomial g = TargetPreset.of("multi-deg4").link();
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0.001, 1, 0}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Target(g, u));
        assertTrue(e.getMessage().startsWith("u is not orthonormal: ||U Uᵀ - I||_max = 0.001")
                && e.getMessage().contains("> 1.0E-10") && e.getMessage().contains("QR"), e.getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(new double[][] {{Double.NaN, 0, 0}, {0, 1, 0}});
        e = assertThrows(IllegalArgumentException.class, () -> new Target(g, nan));
        assertTrue(e.getMessage().contains("u(0, 0) = NaN"), e.getMessage());
        DMatrixRMaj oneRow = new DMatrixRMaj(new double[][] {{1, 0, 0}});
        e = assertThrows(IllegalArgumentException.class, () -> new Target(g, oneRow));
        assertTrue(e.getMessage().contains("u has 1 rows but g has r = 2"), e.getMessage());
        DMatrixRMaj wide = new DMatrixRMaj(2, 1);
        e = assertThrows(IllegalArgumentException.class, () -> new Target(g, wide));
        assertTrue(e.getMessage().contains("d >= r"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Target.random(g, 1, new Seeds(1).rng(Stream.FRAME)));
        assertTrue(e.getMessage().contains("r <= d"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Target(g.scaled(0), CommonOps_DDRM.identity(2)));
        assertTrue(e.getMessage().contains("degenerate target"), e.getMessage());
        Target t = Target.random(g, 4, new Seeds(1).rng(Stream.FRAME));
        assertThrows(IllegalArgumentException.class, () -> t.value(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> t.hessian(new double[4], new DMatrixRMaj(3, 3)));
    }
    /**
     * The oracle layer W UᵀU is the orthogonal projection of each row on span(U): what it removes is orthogonal to
     * every row of U, and projecting twice changes nothing. Entries are O(1) sums of d products, so each identity holds
     * to a few d·ulp; 1e-12 leaves a margin of 10³ at d = 20.
     */
    @Test
    void projectRowsIsTheOrthogonalProjectionOnTheSpan() {
        int d = 20;
        Target t = mixed(d, 5);
        DMatrixRMaj w = new DMatrixRMaj(7, d);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(
                new Seeds(5).rng(Stream.INIT));
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = normal.sample();
        }
        DMatrixRMaj p = t.projectRows(w);
        DMatrixRMaj removed = w.copy();
        CommonOps_DDRM.subtractEquals(removed, p);
        DMatrixRMaj inner = new DMatrixRMaj(w.numRows, t.rank());
        CommonOps_DDRM.multTransB(removed, t.frame(), inner);
        assertTrue(CommonOps_DDRM.elementMaxAbs(inner) < 1e-12, "residual not orthogonal to U");
        DMatrixRMaj twice = t.projectRows(p);
        CommonOps_DDRM.subtractEquals(twice, p);
        assertTrue(CommonOps_DDRM.elementMaxAbs(twice) < 1e-12, "projection not idempotent");
    }
}
