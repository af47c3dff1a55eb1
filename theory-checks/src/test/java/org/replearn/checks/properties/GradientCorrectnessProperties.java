package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.GradientCorrectnessClaim;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;

/** Claim group 2: analytic gradients equal central finite differences (docs/math.md §6, "Gradient correctness"). */
class GradientCorrectnessProperties {

    @Provide
    Arbitrary<Problems.TargetCase> targets() {
        return Problems.targets(10, 3, 4);
    }

    /**
     * Claim: ∇f*(x) = Uᵀ∇g(Ux) and ∇²f*(x) = Uᵀ∇²g(Ux)U equal central differences. Prediction: the error of a
     * central difference is (h²/6)·f''' + O(h⁴), so halving h divides it by 4 until rounding dominates.
     * Measured: the error at h = 0.02 and 0.01 and their ratio. Tolerances: the error at h = 0.01 must be below
     * h²·B with B = 10·Σ|c_α|·(p+1)³ (a crude bound on the third derivative of a degree-p Hermite polynomial at
     * |z| <= 3); where the error is well above rounding (> 1e-9), the ratio must be in [3.5, 4.5] (the O(h⁴)
     * term changes it by a relative h²·|f⁽⁵⁾/f'''| < 0.1 here).
     */
    @Property(tries = 60, seed = "201")
    void targetDerivativesConvergeQuadratically(@ForAll("targets") Problems.TargetCase tc) {
        Target t = tc.build();
        int d = tc.d();
        double[] x = new double[d];
        var rng = new Seeds(tc.seed()).rng(Stream.CHECK, 1);
        for (int i = 0; i < d; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        double[] grad = new double[d];
        t.gradient(x, grad);
        DMatrixRMaj hess = new DMatrixRMaj(d, d);
        t.hessian(x, hess);
        double sumAbs = 0;
        for (double c : t.link().terms().values()) {
            sumAbs += Math.abs(c);
        }
        double bound = 10 * sumAbs * Math.pow(tc.p() + 1, 3);
        double[] errCoarse = fdErrors(t, x, grad, hess, 0.02);
        double[] errFine = fdErrors(t, x, grad, hess, 0.01);
        String[] blocks = {"gradient", "hessian"};
        for (int blk = 0; blk < 2; blk++) {
            assertTrue(errFine[blk] <= 1e-4 * bound, tc + " " + blocks[blk] + " block: measured FD error " + errFine[blk]
                    + ", predicted O(h²) <= " + 1e-4 * bound);
            if (errFine[blk] > 1e-9) {
                double ratio = errCoarse[blk] / errFine[blk];
                assertTrue(ratio >= 3.5 && ratio <= 4.5, tc + " " + blocks[blk] + " block: error ratio for h → h/2 is "
                        + ratio + ", predicted 4 ± 0.5");
            }
        }
    }

    private static double[] fdErrors(Target t, double[] x, double[] grad, DMatrixRMaj hess, double h) {
        int d = x.length;
        double eg = 0;
        double eh = 0;
        double[] gp = new double[d];
        double[] gm = new double[d];
        for (int i = 0; i < d; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += h;
            m[i] -= h;
            eg = Math.max(eg, Math.abs((t.value(p) - t.value(m)) / (2 * h) - grad[i]));
            t.gradient(p, gp);
            t.gradient(m, gm);
            for (int j = 0; j < d; j++) {
                eh = Math.max(eh, Math.abs((gp[j] - gm[j]) / (2 * h) - hess.get(i, j)));
            }
        }
        return new double[] {eg, eh};
    }

    /**
     * Claim: the network's analytic gradients (docs/math.md §3) for a, W and b equal central differences of the loss.
     * Samples within 1e-3 of a ReLU kink are removed, and h = 1e-6 keeps every pre-activation on its side, so the
     * loss is quadratic along each coordinate and the central difference is exact up to rounding. Tolerance:
     * rounding of the two losses, 4ε·L/h, plus the ε-level error of the analytic sum, relative to the gradient
     * scale: 1e-7·(1 + max|∇|). The failing block (a, W or b) is named.
     */
    @Property(tries = 40, seed = "202")
    void networkGradientsMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 8) int d,
            @ForAll @IntRange(min = 1, max = 8) int halfWidth, @ForAll @IntRange(min = 5, max = 80) int n,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        int m = 2 * halfWidth;
        Seeds seeds = new Seeds(seed);
        Target t = new Problems.TargetCase(Math.max(d, 2), 2, 3, seed).build();
        TwoLayerNetwork init = SymmetricInit.initialize(m, t.dimension(), seeds, false);
        double[] a = new double[m];
        var rng = seeds.rng(Stream.CHECK, 7);
        for (int j = 0; j < m; j++) {
            a[j] = 2 * rng.nextDouble() - 1; // break the symmetry so every block is non-trivial
        }
        TwoLayerNetwork net = init.withOutputWeights(a);
        Dataset data = new DataSource(t, 0.1, seeds, Stream.TRAIN, n).materialize();
        DMatrixRMaj s = net.preactivations(data.x());
        int dim = t.dimension();
        DMatrixRMaj x = new DMatrixRMaj(n, dim);
        double[] y = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean near = false;
            for (int j = 0; j < m; j++) {
                near |= Math.abs(s.get(i, j)) < 1e-3;
            }
            if (!near) {
                System.arraycopy(data.x().data, i * dim, x.data, kept * dim, dim);
                y[kept++] = data.y()[i];
            }
        }
        if (kept == 0) {
            return;
        }
        x.reshape(kept, dim, true);
        double[] yk = java.util.Arrays.copyOf(y, kept);
        NetworkGradient g = net.gradient(x, yk);
        double h = 1e-6;
        double scale = 1e-7 * (1 + maxAbs(g.a()) + maxAbs(g.w().data) + maxAbs(g.b()));
        for (int j = 0; j < m; j++) {
            double[] ap = net.outputWeights();
            double[] am = net.outputWeights();
            ap[j] += h;
            am[j] -= h;
            check("a", j, -1, (net.withOutputWeights(ap).loss(x, yk) - net.withOutputWeights(am).loss(x, yk)) / (2 * h),
                    g.a()[j], scale);
            double[] bp = net.biases();
            double[] bm = net.biases();
            bp[j] += h;
            bm[j] -= h;
            check("b", j, -1, (net.withFirstLayer(net.weights(), bp).loss(x, yk)
                    - net.withFirstLayer(net.weights(), bm).loss(x, yk)) / (2 * h), g.b()[j], scale);
            for (int k = 0; k < dim; k++) {
                DMatrixRMaj wp = net.weights();
                DMatrixRMaj wm = net.weights();
                wp.add(j, k, h);
                wm.add(j, k, -h);
                check("W", j, k, (net.withFirstLayer(wp, net.biases()).loss(x, yk)
                        - net.withFirstLayer(wm, net.biases()).loss(x, yk)) / (2 * h), g.w().get(j, k), scale);
            }
        }
    }

    private static void check(String block, int j, int k, double fd, double analytic, double tol) {
        assertTrue(Math.abs(fd - analytic) <= tol, "block " + block + " (j=" + j + (k >= 0 ? ", k=" + k : "")
                + "): measured analytic " + analytic + ", predicted (finite difference) " + fd + ", tolerance " + tol);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /** The claim holds (the claim's own check and its negative controls), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void claimHoldsForTheMasterSeeds(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new GradientCorrectnessClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
