package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.QuadratureRule;
import org.replearn.core.network.Activation;
import org.replearn.core.network.LeakyRelu;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

class PopulationErrorTest {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);
    /** Monte Carlo sample size of the z-score tests. */
    private static final int N = 2_000_000;
    /** A target with constant, linear, degree 2, 3 and 4 parts. */
    private static final String MIXED = "0.5 + 0.3*h1(z1) - 0.4*h1(z2) + 0.6*h2(z1) + 0.5*h1(z1)*h1(z2) + 0.3*h3(z2)"
            + " + 0.2*h2(z1)*h2(z2) - 0.25*h4(z1)";

    private static Target target(String specOrPreset, int d, long seed) {
        return Target.random(TargetSpec.resolve(specOrPreset), d, RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
    }

    /** A predictor {@code Σ_j a_j σ(w_j·x + b_j) + α + β·x}. */
    private record Net(DMatrixRMaj w, double[] b, double[] a, double alpha, double[] beta) {
        PopulationError error(Target t) {
            return PopulationError.of(w, b, a, alpha, beta, t);
        }

        int width() {
            return w.numRows;
        }

        Net permuted(int[] order) {
            int d = w.numCols;
            DMatrixRMaj w2 = new DMatrixRMaj(width(), d);
            double[] b2 = new double[width()];
            double[] a2 = new double[width()];
            for (int j = 0; j < width(); j++) {
                System.arraycopy(w.data, order[j] * d, w2.data, j * d, d);
                b2[j] = b[order[j]];
                a2[j] = a[order[j]];
            }
            return new Net(w2, b2, a2, alpha, beta);
        }

        /** This network followed by a copy of each neuron with output weight {@code sign·a_j}. */
        Net withCopies(double sign) {
            int m = width();
            int d = w.numCols;
            DMatrixRMaj w2 = new DMatrixRMaj(2 * m, d);
            System.arraycopy(w.data, 0, w2.data, 0, m * d);
            System.arraycopy(w.data, 0, w2.data, m * d, m * d);
            double[] b2 = Arrays.copyOf(b, 2 * m);
            System.arraycopy(b, 0, b2, m, m);
            double[] a2 = Arrays.copyOf(a, 2 * m);
            for (int j = 0; j < m; j++) {
                a2[m + j] = sign * a[j];
            }
            return new Net(w2, b2, a2, alpha, beta);
        }
    }

    /**
     * A random network: rows {@code N(0, I/d)}, or (with probability {@code aligned}) inside span(Uᵀ) plus a little
     * noise, so that many pairs have {@code |ρ|} near 1; biases {@code N(0, 0.8²)}, output weights
     * {@code N(0, 1/m)·1.5}, {@code α, β} non-zero. Row 0 is duplicated into row 1 with the same output weight
     * (ρ = 1 exactly), row 2 is a mirror of row 3 (ρ = -1), and when {@code m >= 8} row 4 is zero with a positive
     * bias (a constant neuron) and row 5 is saturated ({@code b/||w|| > 40}, a linear neuron).
     */
    private static Net randomNet(int m, Target t, double aligned, long seed) {
        int d = t.dimension();
        int r = t.rank();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj u = t.frame();
        DMatrixRMaj w = new DMatrixRMaj(m, d);
        double[] b = new double[m];
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            if (rng.nextDouble() < aligned) {
                double[] g = new double[r];
                for (int i = 0; i < r; i++) {
                    g[i] = normal.sample();
                }
                for (int p = 0; p < d; p++) {
                    double v = 0.1 * normal.sample() / Math.sqrt(d);
                    for (int i = 0; i < r; i++) {
                        v += u.get(i, p) * g[i];
                    }
                    w.set(j, p, v);
                }
            } else {
                for (int p = 0; p < d; p++) {
                    w.set(j, p, normal.sample() / Math.sqrt(d));
                }
            }
            b[j] = 0.8 * normal.sample();
            a[j] = 1.5 * normal.sample() / Math.sqrt(m);
        }
        if (m >= 4) {
            System.arraycopy(w.data, 0, w.data, d, d);
            b[1] = b[0];
            a[1] = a[0];
            for (int p = 0; p < d; p++) {
                w.set(2, p, -w.get(3, p));
            }
            b[2] = -b[3];
        }
        if (m >= 8) {
            for (int p = 0; p < d; p++) {
                w.set(4, p, 0.0);
            }
            b[4] = 0.6;
            double norm = 0;
            for (int p = 0; p < d; p++) {
                norm += w.get(5, p) * w.get(5, p);
            }
            b[5] = 45 * Math.sqrt(norm);
            a[5] = 0.01;
        }
        double[] beta = new double[d];
        for (int p = 0; p < d; p++) {
            beta[p] = 0.3 * normal.sample() / Math.sqrt(d);
        }
        return new Net(w, b, a, 0.3 * normal.sample(), beta);
    }

    /**
     * {@code {mean, standard error}} of {@code (f̂(x) - f*(x))²} over {@code n} Gaussian inputs (Commons RNG
     * XO_RO_SHI_RO_128_PP with {@code seed}, ziggurat normals), the standard error from the sample standard deviation.
     */
    private static double[] monteCarlo(Net net, Target t, long seed, int n) {
        int d = t.dimension();
        int m = net.width();
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(
                RandomSource.XO_RO_SHI_RO_128_PP.create(seed));
        int block = 8192;
        DMatrixRMaj x = new DMatrixRMaj(block, d);
        double[] fs = new double[block];
        double sum = 0;
        double sq = 0;
        double[] wd = net.w().data;
        for (int done = 0; done < n; done += block) {
            int rows = Math.min(block, n - done);
            for (int i = 0; i < rows * d; i++) {
                x.data[i] = normal.sample();
            }
            t.values(x, rows, fs);
            for (int i = 0; i < rows; i++) {
                int off = i * d;
                double f = net.alpha();
                for (int p = 0; p < d; p++) {
                    f += net.beta()[p] * x.data[off + p];
                }
                for (int j = 0; j < m; j++) {
                    double s = net.b()[j];
                    for (int p = 0; p < d; p++) {
                        s += wd[j * d + p] * x.data[off + p];
                    }
                    if (s > 0) {
                        f += net.a()[j] * s;
                    }
                }
                double e = f - fs[i];
                double e2 = e * e;
                sum += e2;
                sq += e2 * e2;
            }
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt((sq / n - mean * mean) / n)};
    }

    /**
     * The exact error against a {@code 2·10⁶}-sample Monte Carlo mean of {@code (f̂ - f*)²}: a z-score test,
     * {@code |exact - MC| <= 4 SE} with SE the sample standard deviation over {@code sqrt(N)} (a correct formula fails
     * one network in about 16 000), on random networks of width 4 to 32 in dimension 3 to 8 (some with rows
     * aligned with span(Uᵀ), duplicated and mirrored rows, a constant and a saturated neuron), non-zero biases,
     * {@code α} and {@code β}, against the presets single-h2, multi-deg4, single-h4, transfer-target and a target with
     * constant and linear parts; and a network fitted to single-h2 (relative error below 5%, so the exact value is a
     * small difference of O(1) moments). The test has power: for one network, replacing the pair terms
     * {@code E σ_j σ_k} by {@code E σ_j E σ_k} (independent neurons) moves the value by more than 10 SE.
     */
    @Test
    void errorMatchesMonteCarlo() {
        Object[][] cases = {
            {"single-h2", 3, 4, 0.0}, {"multi-deg4", 5, 8, 0.3}, {"single-h4", 4, 16, 0.5},
            {"transfer-target", 8, 32, 0.25}, {"multi-deg4", 6, 12, 0.9}, {MIXED, 7, 24, 0.4},
        };
        long seed = 100;
        for (Object[] c : cases) {
            Target t = target((String) c[0], (Integer) c[1], seed++);
            Net net = randomNet((Integer) c[2], t, (Double) c[3], seed++);
            PopulationError exact = net.error(t);
            double[] mc = monteCarlo(net, t, seed++, N);
            double z = (mc[0] - exact.excess()) / mc[1];
            assertTrue(Math.abs(z) <= 4, c[0] + ": exact " + exact + " vs MC " + mc[0] + " ± " + mc[1]
                    + " (z = " + z + ")");
            assertEquals(exact.excess() / t.secondMoment(), exact.relative(), 1e-15);
            if (c[0].equals("transfer-target")) {
                double independent = exact.excess() - quadratic(net, false) + quadratic(net, true);
                double zWrong = (mc[0] - independent) / mc[1];
                assertTrue(Math.abs(zWrong) > 10, "the Monte Carlo test cannot tell the pair terms apart: z = "
                        + zWrong);
            }
        }
        // a fitted network: small error, the exact value is a difference of nearly equal moments
        Target t = target("single-h2", 6, seed++);
        Net net = fitted(t, 16, seed++);
        PopulationError exact = net.error(t);
        double[] mc = monteCarlo(net, t, seed, N);
        double z = (mc[0] - exact.excess()) / mc[1];
        assertTrue(exact.relative() < 0.05, "the fit failed: " + exact);
        assertTrue(Math.abs(z) <= 4, "fitted: exact " + exact + " vs MC " + mc[0] + " ± " + mc[1] + " (z = " + z + ")");
    }

    /**
     * Neurons {@code σ(±c_j u₁·x + b_j)} with a little noise off span(Uᵀ), output weights and {@code α} fitted by least
     * squares to {@code f*} on {@code 2·10⁴} samples (normal equations, EJML).
     */
    private static Net fitted(Target t, int m, long seed) {
        int d = t.dimension();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] g = new double[t.rank()];
        g[0] = 1;
        double[] u1 = inFrame(t, g);
        DMatrixRMaj w = new DMatrixRMaj(m, d);
        double[] b = new double[m];
        for (int j = 0; j < m; j++) {
            double c = (j % 2 == 0 ? 1 : -1) * (0.5 + rng.nextDouble());
            for (int p = 0; p < d; p++) {
                w.set(j, p, c * u1[p] + 0.02 * normal.sample());
            }
            b[j] = -2.5 + 5 * rng.nextDouble();
        }
        int n = 20_000;
        DMatrixRMaj features = new DMatrixRMaj(n, m + 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        double[] x = new double[d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                x[p] = normal.sample();
            }
            for (int j = 0; j < m; j++) {
                double s = b[j];
                for (int p = 0; p < d; p++) {
                    s += w.get(j, p) * x[p];
                }
                features.set(i, j, Math.max(s, 0));
            }
            features.set(i, m, 1.0);
            y.set(i, 0, t.value(x));
        }
        DMatrixRMaj gram = new DMatrixRMaj(m + 1, m + 1);
        CommonOps_DDRM.multTransA(features, features, gram);
        for (int j = 0; j <= m; j++) {
            gram.add(j, j, 1e-6 * n);
        }
        DMatrixRMaj rhs = new DMatrixRMaj(m + 1, 1);
        CommonOps_DDRM.multTransA(features, y, rhs);
        DMatrixRMaj coef = new DMatrixRMaj(m + 1, 1);
        assertTrue(CommonOps_DDRM.solve(gram, rhs, coef));
        double[] a = Arrays.copyOf(coef.data, m);
        return new Net(w, b, a, coef.get(m, 0), new double[d]);
    }

    /** {@code Σ_{j,k} a_j a_k E σ_j σ_k} from the public pair formula, or with {@code E σ_j E σ_k} off the diagonal. */
    private static double quadratic(Net net, boolean independent) {
        int m = net.width();
        int d = net.w().numCols;
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double sj = norm(net.w(), j);
            for (int k = 0; k < m; k++) {
                double sk = norm(net.w(), k);
                double c = 0;
                for (int p = 0; p < d; p++) {
                    c += net.w().get(j, p) * net.w().get(k, p);
                }
                c = Math.max(-sj * sk, Math.min(sj * sk, c));
                double e = independent && j != k
                        ? ReluGaussian.mean(net.b()[j], sj) * ReluGaussian.mean(net.b()[k], sk)
                        : ReluGaussian.product(net.b()[j], sj, net.b()[k], sk, c);
                sum += net.a()[j] * net.a()[k] * e;
            }
        }
        return sum;
    }

    private static double norm(DMatrixRMaj w, int j) {
        double s = 0;
        for (int p = 0; p < w.numCols; p++) {
            s += w.get(j, p) * w.get(j, p);
        }
        return Math.sqrt(s);
    }

    /**
     * {@link PopulationError#correlation} ({@code E[f* σ(w·x + b)]}) against a {@code 2·10⁶}-sample Monte Carlo mean,
     * z-score within 4, for the mixed target (constant, linear, degrees 2 to 4) and neurons: generic, large norm with
     * negative bias, tiny ({@code ||w|| ≈ 0.06}), orthogonal to span(Uᵀ), inside span(Uᵀ), always on
     * ({@code b/||w|| = 45}); {@code w = 0} gives {@code σ(b) c_0} exactly.
     */
    @Test
    void correlationMatchesMonteCarlo() {
        int d = 5;
        Target t = target(MIXED, d, 7);
        double[][] ws = {{0.3, -0.2, 0.5, 0.1, 0.0}, {1.2, 0.4, -0.7, 0.3, 0.9}, {0.05, 0.02, -0.04, 0.01, 0.03},
            TheoryFixtures.orthogonalToFrame(t, new double[] {0.2, 0.9, -0.4, 0.6, 0.1}), inFrame(t, new double[] {0.7, -0.5}),
            {0.3, 0.1, -0.2, 0.4, 0.2}};
        double[] bs = {0.2, -1.1, 0.01, 0.4, -0.3, 45 * Math.sqrt(0.34)};
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(
                RandomSource.XO_RO_SHI_RO_128_PP.create(8));
        double[] sum = new double[ws.length];
        double[] sq = new double[ws.length];
        int block = 8192;
        DMatrixRMaj x = new DMatrixRMaj(block, d);
        double[] fs = new double[block];
        for (int done = 0; done < N; done += block) {
            int rows = Math.min(block, N - done);
            for (int i = 0; i < rows * d; i++) {
                x.data[i] = normal.sample();
            }
            t.values(x, rows, fs);
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < ws.length; c++) {
                    double s = bs[c];
                    for (int p = 0; p < d; p++) {
                        s += ws[c][p] * x.data[i * d + p];
                    }
                    double v = s > 0 ? fs[i] * s : 0;
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
        }
        for (int c = 0; c < ws.length; c++) {
            double mean = sum[c] / N;
            double se = Math.sqrt((sq[c] / N - mean * mean) / N);
            double exact = PopulationError.correlation(t, ws[c], bs[c]);
            double z = (mean - exact) / se;
            assertTrue(Math.abs(z) <= 4, "case " + c + ": MC " + mean + " ± " + se + " vs exact " + exact);
        }
        assertEquals(0.7 * t.mean(), PopulationError.correlation(t, new double[d], 0.7), 0.0);
        assertEquals(0.0, PopulationError.correlation(t, new double[d], -0.2), 0.0);
        assertEquals(0.0, PopulationError.correlation(t, ws[0], -45 * norm(DMatrixRMaj.wrap(1, d, ws[0]), 0)), 0.0);
    }

    /**
     * {@link PopulationError#correlation} against quadrature in {@code d = 3} ({@code r = 2}, the mixed target):
     * with {@code ŵ = w/s} and an orthonormal basis {@code e₁, e₂} of its complement,
     * {@code E[f* σ(w·x + b)] = ∫ φ(t) (st + b)_+ E_y f*(tŵ + y₁e₁ + y₂e₂) dt}, the inner expectation by the 12×12
     * Gauss–Hermite rule (exact: f* has degree 4), the outer by Commons Math's Gauss–Legendre on pieces from the kink
     * {@code -b/s} (or -40) to 40; agreement to {@code 1e-13 (|b| + s)}, for biases of both signs, a tiny and a large
     * {@code w}, and saturated neurons ({@code |b|/s = 45}).
     */
    @Test
    void correlationMatchesQuadrature() {
        int d = 3;
        Target t = target(MIXED, d, 11);
        double[][] ws = {{0.6, -0.3, 0.2}, {0.6, -0.3, 0.2}, {1.8, 0.9, -1.1}, {0.02, -0.05, 0.03}, {-0.4, 0.7, 0.5},
            {0.3, 0.2, -0.1}, {0.3, 0.2, -0.1}, {0.0, 0.0, 1.0}};
        double[] bs = {0.35, -0.9, 1.4, -0.01, 0.0, 45 * Math.sqrt(0.14), -45 * Math.sqrt(0.14), 2.2};
        QuadratureRule gh = QuadratureRule.gaussHermite(12);
        for (int c = 0; c < ws.length; c++) {
            double[] w = ws[c];
            double b = bs[c];
            double s = Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
            double[] wh = {w[0] / s, w[1] / s, w[2] / s};
            double[][] basis = complement(wh);
            UnivariateFunction f = tt -> {
                double inner = 0;
                double[] x = new double[d];
                for (int i = 0; i < gh.size(); i++) {
                    for (int k = 0; k < gh.size(); k++) {
                        for (int p = 0; p < d; p++) {
                            x[p] = tt * wh[p] + gh.node(i) * basis[0][p] + gh.node(k) * basis[1][p];
                        }
                        inner += gh.weight(i) * gh.weight(k) * t.value(x);
                    }
                }
                return STANDARD.density(tt) * (s * tt + b) * inner;
            };
            double reference = PiecewiseLegendre.integrate(f, Math.max(-b / s, -40), 40, new double[] {},
                    new double[] {});
            double exact = PopulationError.correlation(t, w, b);
            assertEquals(reference, exact, 1e-13 * (Math.abs(b) + s), "case " + c);
        }
    }

    /** Two unit vectors completing {@code v} (unit) to an orthonormal basis of R³ (Gram–Schmidt on e_i). */
    private static double[][] complement(double[] v) {
        double[][] out = new double[2][];
        int found = 0;
        double[][] candidates = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (double[] e : candidates) {
            double[] x = e.clone();
            double[][] against = found == 0 ? new double[][] {v} : new double[][] {v, out[0]};
            for (double[] o : against) {
                double dot = x[0] * o[0] + x[1] * o[1] + x[2] * o[2];
                for (int p = 0; p < 3; p++) {
                    x[p] -= dot * o[p];
                }
            }
            double n = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
            if (n > 0.3) {
                for (int p = 0; p < 3; p++) {
                    x[p] /= n;
                }
                out[found++] = x;
                if (found == 2) {
                    break;
                }
            }
        }
        return out;
    }


    /** {@code Uᵀ g}. */
    private static double[] inFrame(Target t, double[] g) {
        DMatrixRMaj u = t.frame();
        double[] out = new double[t.dimension()];
        for (int i = 0; i < t.rank(); i++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += u.get(i, j) * g[i];
            }
        }
        return out;
    }

    private static DMatrixRMaj rows(double[]... rows) {
        return new DMatrixRMaj(rows);
    }

    /**
     * Predictors that equal the target exactly have error 0 up to rounding ({@code 1e-15}):
     * {@code (σ(cz + b₀) - σ(-cz - b₀))/c - b₀/c = z} for {@code z = u₁·x} against {@code h1(z1)}; the same with a
     * direction {@code v = 0.5u₁ - 0.2u₂} and {@code α} against {@code 0.3 + 0.5h1(z1) - 0.2h1(z2)}; the linear part
     * alone ({@code α = c_0}, {@code β = C_1}); an always-on neuron ({@code b/||w|| = 50}) with {@code α = c_0 - b}.
     */
    @Test
    void exactlyRepresentablePredictorsHaveZeroError() {
        int d = 5;
        Target h1 = target("h1(z1)", d, 3);
        double[] u1 = inFrame(h1, new double[] {1});
        for (double c : new double[] {0.4, 1, 3.5}) {
            for (double b0 : new double[] {-0.8, 0, 0.45}) {
                double[] w1 = u1.clone();
                double[] w2 = u1.clone();
                for (int p = 0; p < d; p++) {
                    w1[p] *= c;
                    w2[p] *= -c;
                }
                PopulationError e = PopulationError.of(rows(w1, w2), new double[] {b0, -b0},
                        new double[] {1 / c, -1 / c}, -b0 / c, new double[d], h1);
                assertEquals(0.0, e.excess(), 1e-15, "c = " + c + ", b0 = " + b0 + ": " + e);
                assertEquals(1.0, e.crossMoment(), 1e-15);
                assertEquals(1.0, e.predictorSecondMoment(), 1e-15);
            }
        }
        Target affine = target("0.3 + 0.5*h1(z1) - 0.2*h1(z2)", d, 4);
        double[] v = inFrame(affine, new double[] {0.5, -0.2});
        double[] minusV = new double[d];
        for (int p = 0; p < d; p++) {
            minusV[p] = -v[p];
        }
        PopulationError e = PopulationError.of(rows(v, minusV), new double[] {0.2, -0.2}, new double[] {1, -1}, 0.1,
                new double[d], affine);
        assertEquals(0.0, e.excess(), 1e-15, e.toString());
        e = PopulationError.of(new DMatrixRMaj(0, d), new double[0], new double[0], affine.mean(),
                affine.linearCoefficient(), affine);
        assertEquals(0.0, e.excess(), 1e-15, e.toString());
        double bias = 50 * Math.sqrt(0.29);
        e = PopulationError.of(rows(v), new double[] {bias}, new double[] {1}, 0.3 - bias, new double[d], affine);
        assertEquals(0.0, e.excess(), 1e-14, e.toString());
    }

    /**
     * Closed forms: a zero network (all {@code a_j = 0}, no neurons, zero rows with {@code b <= 0}) has error
     * {@code E f*²} and relative error 1; zero rows with positive biases form the constant {@code K = Σ a_j b_j},
     * error {@code E f*² - 2K c_0 + K²}; the linear part alone leaves {@code E f*² - c_0² - ||C_1||²}; a single
     * {@code σ(u₁·x)} against {@code h2(z1)} has error {@code E σ(z)² - 2E[h₂(z)σ(z)] + 1 = 3/2 - sqrt(2) φ(0)}.
     */
    @Test
    void closedForms() {
        int d = 4;
        Target t = target(MIXED, d, 5);
        double m2 = t.secondMoment();
        Net net = randomNet(6, t, 0.3, 6);
        PopulationError zero = PopulationError.of(net.w(), net.b(), new double[6], 0, new double[d], t);
        assertEquals(m2, zero.excess(), 0.0);
        assertEquals(1.0, zero.relative(), 0.0);
        assertEquals(0.0, zero.predictorSecondMoment(), 0.0);
        PopulationError empty = PopulationError.of(new DMatrixRMaj(0, d), new double[0], new double[0], 0,
                new double[d], t);
        assertEquals(1.0, empty.relative(), 0.0);
        PopulationError off = PopulationError.of(new DMatrixRMaj(3, d), new double[] {0, -1, -0.1},
                new double[] {1, 2, 3}, 0, new double[d], t);
        assertEquals(1.0, off.relative(), 0.0);
        PopulationError constant = PopulationError.of(new DMatrixRMaj(2, d), new double[] {0.5, 2},
                new double[] {1.2, -0.4}, 0, new double[d], t);
        double k = 1.2 * 0.5 - 0.4 * 2;
        assertEquals(m2 - 2 * k * t.mean() + k * k, constant.excess(), 1e-15);
        double[] c1 = t.linearCoefficient();
        double c1sq = 0;
        for (double c : c1) {
            c1sq += c * c;
        }
        PopulationError linear = PopulationError.of(new DMatrixRMaj(0, d), new double[0], new double[0], t.mean(), c1,
                t);
        assertEquals(m2 - t.mean() * t.mean() - c1sq, linear.excess(), 1e-15);
        Target h2 = target("single-h2", d, 9);
        PopulationError single = PopulationError.of(rows(inFrame(h2, new double[] {1})), new double[] {0},
                new double[] {1}, 0, new double[d], h2);
        assertEquals(1.5 - Math.sqrt(2) * STANDARD.density(0), single.excess(), 1e-15);
        assertEquals(0.5, single.predictorSecondMoment(), 1e-15);
    }

    /**
     * Invariances, to {@code 1e-13} relative: permuting the neurons; appending, for every neuron, a copy with the
     * negated output weight (the symmetric initialization of docs/math.md §3 adds {@code f ≡ 0}) gives the error of the
     * linear part alone; appending a copy with the same output weight equals doubling {@code a}.
     */
    @Test
    void invariantToPermutationAndSymmetricPairs() {
        int d = 6;
        Target t = target("multi-deg4", d, 12);
        Net net = randomNet(16, t, 0.4, 13);
        PopulationError base = net.error(t);
        int[] order = new int[16];
        for (int j = 0; j < 16; j++) {
            order[j] = (7 * j + 3) % 16;
        }
        double tol = 1e-13 * (base.predictorSecondMoment() + t.secondMoment());
        assertEquals(base.excess(), net.permuted(order).error(t).excess(), tol);
        PopulationError symmetric = net.withCopies(-1).error(t);
        PopulationError linearOnly = PopulationError.of(new DMatrixRMaj(0, d), new double[0], new double[0],
                net.alpha(), net.beta(), t);
        assertEquals(linearOnly.excess(), symmetric.excess(), tol);
        // copies with the same output weight, interleaved: the network with a doubled
        double[] doubled = net.a().clone();
        for (int j = 0; j < 16; j++) {
            doubled[j] *= 2;
        }
        PopulationError twice = new Net(net.w(), net.b(), doubled, net.alpha(), net.beta()).error(t);
        int[] interleave = new int[32];
        for (int j = 0; j < 16; j++) {
            interleave[2 * j] = j;
            interleave[2 * j + 1] = 16 + j;
        }
        assertEquals(twice.excess(), net.withCopies(1).permuted(interleave).error(t).excess(),
                1e-13 * (twice.predictorSecondMoment() + t.secondMoment()));
    }

    /** The {@link TwoLayerNetwork} overload equals the matrix form; other activations are refused. */
    @Test
    void networkOverload() {
        int d = 5;
        Target t = target("transfer-target", d, 14);
        Net net = randomNet(10, t, 0.3, 15);
        TwoLayerNetwork network = new TwoLayerNetwork(net.w(), net.b(), net.a(), Activation.RELU);
        assertEquals(net.error(t), PopulationError.of(network, net.alpha(), net.beta(), t));
        Activation leaky = LeakyRelu.INSTANCE;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PopulationError.of(
                new TwoLayerNetwork(net.w(), net.b(), net.a(), leaky), 0, new double[d], t));
        assertTrue(e.getMessage().contains("leaky"), e.getMessage());
    }

    /**
     * The pair loop on several threads has the bits of the serial double loop it replaced: with {@code α = 0},
     * {@code β = 0} the predictor's second moment is exactly {@code Σ_j a_j (a_j E σ_j² + 2 Σ_{k<j} a_k E σ_jσ_k)},
     * recomputed here in that order over the contributing neurons; and every thread count gives the same record, also
     * with {@code α, β ≠ 0}. The network has pairs in every branch of the bivariate normal (random and aligned rows,
     * {@code ρ = ±1}, a constant, a linear, an off neuron and zero output weights).
     */
    @Test
    void pairsOnThreadsHaveTheBitsOfTheSerialSum() {
        Target t = target(MIXED, 6, 19);
        Net net = randomNet(203, t, 0.5, 20);
        double[] a = net.a().clone();
        a[9] = 0;
        a[100] = 0;
        double[] b = net.b().clone();
        b[11] = -50;
        int d = t.dimension();
        double[] zero = new double[d];
        PopulationError serial = PopulationError.of(net.w(), b, a, 0, zero, t, 1);
        assertEquals(serialQuadratic(net.w(), b, a), serial.predictorSecondMoment(), 0.0);
        PopulationError affine = PopulationError.of(net.w(), b, a, net.alpha(), net.beta(), t, 1);
        for (int threads = 2; threads <= 4; threads++) {
            assertEquals(serial, PopulationError.of(net.w(), b, a, 0, zero, t, threads), "threads = " + threads);
            assertEquals(affine, PopulationError.of(net.w(), b, a, net.alpha(), net.beta(), t, threads),
                    "threads = " + threads);
        }
    }

    /** {@code Σ_j a_j σ(w_j·x + b_j)}'s second moment by the serial double loop over the contributing neurons. */
    private static double serialQuadratic(DMatrixRMaj w, double[] b, double[] a) {
        int m = w.numRows;
        int d = w.numCols;
        double[] sq = new double[m];
        double[] s = new double[m];
        for (int j = 0; j < m; j++) {
            sq[j] = fourSumDot(w.data, j * d, j * d, d);
            s[j] = Math.sqrt(sq[j]);
        }
        ReluGaussian.Units units = new ReluGaussian.Units(b.clone(), s);
        double quadratic = 0;
        for (int j = 0; j < m; j++) {
            if (a[j] == 0 || units.kind[j] == ReluGaussian.OFF) {
                continue;
            }
            double off = 0;
            for (int k = 0; k < j; k++) {
                if (a[k] != 0 && units.kind[k] != ReluGaussian.OFF) {
                    double c = fourSumDot(w.data, j * d, k * d, d);
                    off += a[k] * units.product(j, k, c, Math.sqrt(sq[j] * sq[k]));
                }
            }
            quadratic += a[j] * (a[j] * units.second(j) + 2 * off);
        }
        return quadratic;
    }

    /** {@code x_j·x_k} with the four partial sums of the production code's dot product. */
    private static double fourSumDot(double[] x, int jo, int ko, int n) {
        double[] p = new double[4];
        int i = 0;
        for (; i + 3 < n; i += 4) {
            for (int l = 0; l < 4; l++) {
                p[l] += x[jo + i + l] * x[ko + i + l];
            }
        }
        for (; i < n; i++) {
            p[0] += x[jo + i] * x[ko + i];
        }
        return (p[0] + p[1]) + (p[2] + p[3]);
    }

    /**
     * Hang guard, not a benchmark: {@code m = 1024}, {@code d = 128}, for random rows ({@code |ρ|} small: mostly the
     * 6-point rule) and rows aligned with span(Uᵀ) ({@code |ρ|} near 1: the 20-point rule and the near-degenerate
     * branch), each within 20 s (it takes well under a second).
     */
    @Test
    void largeNetworkIsFast() {
        int d = 128;
        Target t = target("multi-deg4", d, 16);
        Net random = randomNet(1024, t, 0.0, 17);
        Net aligned = randomNet(1024, t, 1.0, 18);
        for (Net net : new Net[] {random, aligned, random, aligned}) {
            PopulationError e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> net.error(t));
            assertTrue(Double.isFinite(e.excess()) && e.excess() >= 0, e.toString());
        }
    }

    @Test
    void badArgumentsAreRejected() {
        int d = 3;
        Target t = target("single-h2", d, 1);
        DMatrixRMaj w = new DMatrixRMaj(2, d);
        double[] two = {0.1, 0.2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(new DMatrixRMaj(2, 4), two, two, 0, new double[d], t));
        assertTrue(e.getMessage().contains("w columns has dimension 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(w, new double[3], two, 0, new double[d], t));
        assertTrue(e.getMessage().contains("b has dimension 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(w, two, new double[1], 0, new double[d], t));
        assertTrue(e.getMessage().contains("a has dimension 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(w, two, two, 0, new double[2], t));
        assertTrue(e.getMessage().contains("beta has dimension 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(w, two, new double[] {1, Double.NaN}, 0, new double[d], t));
        assertTrue(e.getMessage().contains("a[1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(w, two, two, Double.POSITIVE_INFINITY, new double[d], t));
        assertTrue(e.getMessage().contains("alpha = Infinity"), e.getMessage());
        DMatrixRMaj bad = new DMatrixRMaj(2, d);
        bad.set(1, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(bad, two, two, 0, new double[d], t));
        assertTrue(e.getMessage().contains("w(1, 2) = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.of(w, two, two, 0, new double[d], null));
        assertTrue(e.getMessage().contains("target is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PopulationError.correlation(t, new double[2], 0));
        assertTrue(e.getMessage().contains("w has dimension 2"), e.getMessage());
    }
}
