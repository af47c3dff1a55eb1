package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.Seeds;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * The gradient-descent head of Algorithm 1 step 5 ({@link RidgeHead#gradientDescent(FeatureGram, double, int, double,
 * int)}) against an independent EJML eigendecomposition {@code ΦᵀΦ/n = V Λ Vᵀ}: after {@code T} steps from
 * {@code a = 0} the error to the closed form {@code a(λ) = (G + λI)⁻¹ c} is exactly
 * {@code V diag((1 - 2η(Λ_i + λ))^T) Vᵀ (0 - a(λ))}; the stability limit is {@code 1/(Λ_max + λ)}.
 */
class GradientDescentHeadTest {
    private static final int M = 40;
    private static final double LAMBDA = 0.05;

    private static FeatureGram stats;
    private static DMatrixRMaj vectors;
    private static double[] values;
    private static double[] closed;

    @BeforeAll
    static void setUp() {
        Problem p = Fixtures.problem("single-h2", 6, 3000, 100, 23);
        LinearPart linear = LinearPart.estimate(p.train(), 1);
        // the first halves of a symmetric initialization: a full-rank Gram matrix with a dominant mean direction
        TwoLayerNetwork net = SymmetricInit.initialize(2 * M, 6, new Seeds(9), false);
        DMatrixRMaj w = CommonOps_DDRM.extract(net.weights(), 0, M, 0, 6);
        double[] b = Arrays.copyOf(net.biases(), M);
        stats = FeatureGram.over(p.train(), w, b, linear.residuals(), 2);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(M, true, true);
        assertTrue(eig.decompose(stats.gram().copy()));
        vectors = new DMatrixRMaj(M, M);
        values = new double[M];
        for (int i = 0; i < M; i++) {
            values[i] = eig.getEigenvalue(i).real;
            DMatrixRMaj v = eig.getEigenVector(i);
            for (int r = 0; r < M; r++) {
                vectors.set(r, i, v.get(r));
            }
        }
        closed = RidgeHead.cholesky(stats, LAMBDA);
    }

    /** {@code a(λ) - V diag(q_i^T) Vᵀ a(λ)} with {@code q_i = 1 - 2η(Λ_i + λ)}: the contraction formula. */
    private static double[] predicted(double eta, int steps) {
        double[] z = new double[M];
        for (int i = 0; i < M; i++) {
            for (int r = 0; r < M; r++) {
                z[i] += vectors.get(r, i) * closed[r];
            }
            z[i] *= Math.pow(1 - 2 * eta * (values[i] + LAMBDA), steps);
        }
        double[] out = closed.clone();
        for (int r = 0; r < M; r++) {
            for (int i = 0; i < M; i++) {
                out[r] -= vectors.get(r, i) * z[i];
            }
        }
        return out;
    }

    private static double maxEigenvalue() {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /**
     * Per eigendirection the error after T steps is {@code q_i^T} times the initial one, at the default step
     * (factors in [0, 1)) and at 0.95 of the stability limit (the top directions oscillate: factors near −0.9).
     * Rounding: each step adds about {@code m ε ||a||}, and the iteration does not amplify it.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 60, 400})
    void errorContractsByExactlyTheFactorPerEigendirection(int steps) {
        double lambdaMax = maxEigenvalue();
        double[] etas = {RidgeHead.defaultLearningRate(stats, LAMBDA), 0.95 / (lambdaMax + LAMBDA)};
        for (double eta : etas) {
            double[] gd = RidgeHead.gradientDescent(stats, LAMBDA, steps, eta, 1);
            double[] expected = predicted(eta, steps);
            double[] diff = new double[M];
            for (int i = 0; i < M; i++) {
                diff[i] = gd[i] - expected[i];
            }
            assertTrue(norm(diff) <= 1e-9 * norm(closed), "η = " + eta + ", T = " + steps + ": |a_T - predicted| = "
                    + norm(diff) + " against |a(λ)| = " + norm(closed));
        }
    }

    /** The default step is {@code 1/(2(tr G + λ))}, and 0 in the configuration means it. */
    @Test
    void defaultStepIsHalfTheInverseTracePlusLambda() {
        double trace = CommonOps_DDRM.trace(stats.gram());
        assertEquals(1 / (2 * (trace + LAMBDA)), RidgeHead.defaultLearningRate(stats, LAMBDA), 0.0);
        assertArrayEquals(RidgeHead.gradientDescent(stats, LAMBDA, 5, RidgeHead.defaultLearningRate(stats, LAMBDA),
                1), RidgeHead.gradientDescent(stats, LAMBDA, 5, 0.0, 1), 0.0);
        assertEquals(0.0, new HeadConfig.GradientDescent(LAMBDA, 5).learningRate(), 0.0);
        assertTrue(maxEigenvalue() > 0.3 * trace, "the fixture has a dominant direction: the default is not the limit");
    }

    /** The limit is {@code 1/(Λ_max + λ)} of the independent eigendecomposition, to rounding. */
    @Test
    void stabilityLimitIsTheInverseTopEigenvalue() {
        double expected = 1 / (maxEigenvalue() + LAMBDA);
        double limit = RidgeHead.stabilityLimit(stats, LAMBDA, 2);
        assertEquals(expected, limit, 1e-12 * expected);
        assertTrue(limit <= expected * (1 + 1e-13), "errs small");
    }

    /** Just below the limit the iteration still converges (slowly, oscillating); at and above it it is refused. */
    @Test
    void stepsAtOrAboveTheLimitAreRefusedAndJustBelowConverge() {
        double limit = RidgeHead.stabilityLimit(stats, LAMBDA, 1);
        double[] below = RidgeHead.gradientDescent(stats, LAMBDA, 50, 0.99 * limit, 1);
        double[] diff = new double[M];
        for (int i = 0; i < M; i++) {
            diff[i] = below[i] - closed[i];
        }
        assertTrue(norm(diff) < norm(closed), "0.99 × limit contracts");
        for (double factor : new double[] {1.0, 1.01, 3.0}) {
            NumericalFailure e = assertThrows(NumericalFailure.class,
                    () -> RidgeHead.gradientDescent(stats, LAMBDA, 3, factor * limit * (1 + 1e-12), 1));
            assertTrue(e.getMessage().contains("stability limit"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RidgeHead.gradientDescent(stats, LAMBDA, 3, -1e-3, 1));
        assertThrows(IllegalArgumentException.class,
                () -> RidgeHead.gradientDescent(stats, LAMBDA, 3, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> RidgeHead.gradientDescent(stats, LAMBDA, 3, 0.0, 0));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HeadConfig.GradientDescent(LAMBDA, 3, Double.POSITIVE_INFINITY)).getMessage()
                .contains("learningRate"));
    }

    /** The Sturm bisection finds the top eigenvalue of small tridiagonal matrices with known spectra. */
    @Test
    void largestEigenvalueOfKnownTridiagonals() {
        // the path graph Laplacian-like [2, -1; -1, 2, -1; ...]: eigenvalues 2 - 2cos(kπ/(m+1))
        int m = 30;
        double[] diag = new double[m];
        double[] off = new double[m - 1];
        Arrays.fill(diag, 2);
        Arrays.fill(off, -1);
        assertEquals(2 + 2 * Math.cos(Math.PI / (m + 1)), RidgeHead.largestEigenvalue(diag, off), 1e-14);
        assertEquals(5.0, RidgeHead.largestEigenvalue(new double[] {5}, new double[0]), 1e-15);
        assertEquals(3.0, RidgeHead.largestEigenvalue(new double[] {3, 3}, new double[] {0}), 1e-15);
    }

    /**
     * Bit-identical for every thread count, at a width where the product is split over threads (m >= 256), and
     * equal to the one-thread path.
     */
    @Test
    void bitIdenticalAcrossThreadCounts() {
        int m = 300;
        int n = 400;
        java.util.Random rng = new java.util.Random(3);
        DMatrixRMaj x = new DMatrixRMaj(n, m);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = Math.max(0, rng.nextGaussian() + 0.3);
        }
        DMatrixRMaj g = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(x, x, g);
        CommonOps_DDRM.scale(1.0 / n, g);
        double[] c = new double[m];
        for (int j = 0; j < m; j++) {
            c[j] = rng.nextGaussian();
        }
        FeatureGram big = new FeatureGram(g, c, 1.0, n);
        double[] one = RidgeHead.gradientDescent(big, 0.1, 40, 0.0, 1);
        for (int threads : new int[] {2, 3, 4, 8}) {
            assertArrayEquals(one, RidgeHead.gradientDescent(big, 0.1, 40, 0.0, threads), 0.0, "threads " + threads);
        }
        double limit = RidgeHead.stabilityLimit(big, 0.1, 1);
        assertEquals(limit, RidgeHead.stabilityLimit(big, 0.1, 4), 0.0);
        double[] fast = RidgeHead.gradientDescent(big, 0.1, 40, 0.9 * limit, 1);
        assertArrayEquals(fast, RidgeHead.gradientDescent(big, 0.1, 40, 0.9 * limit, 3), 0.0);
    }

    /**
     * Through the learner: the head's η₂ reaches {@link RidgeHead}, an unstable η₂ fails naming the limit, and the
     * fit is bit-identical for 1 and 2 threads.
     */
    @Test
    void learnerUsesTheConfiguredStepAndRefusesAnUnstableOne() {
        Problem p = Fixtures.problem("single-h2", 5, 1500, 500, 4);
        OneStepConfig base = OneStepConfig.defaults(8, 1);
        FitResult slow = new OneStepLearner(base.withHead(new HeadConfig.GradientDescent(0.05, 30))).fit(p);
        FitResult fast = new OneStepLearner(base.withHead(new HeadConfig.GradientDescent(0.05, 30, 1e-3))).fit(p);
        assertTrue(Fixtures.relativeDifference(weights(slow), weights(fast)) > 1e-6, "the step is used");
        NumericalFailure e = assertThrows(NumericalFailure.class,
                () -> new OneStepLearner(base.withHead(new HeadConfig.GradientDescent(0.05, 30, 1e6))).fit(p));
        assertTrue(e.getMessage().contains("stability limit"), e.getMessage());
        OneStepConfig two = new OneStepConfig(new NetworkConfig(8, false, new HeadConfig.GradientDescent(0.05, 30, 1e-3),
                2), 0.0, false);
        assertArrayEquals(weights(fast), weights(new OneStepLearner(two).fit(p)), 0.0);
        assertEquals(0.05, fast.lambda(), 0.0);
    }

    /** Each column of the path is bit for bit the iterate of a separate run of that many steps. */
    @Test
    void pathColumnsAreTheSeparateRuns() {
        int[] stops = {1, 3, 4, 17, 60};
        for (int threads : new int[] {1, 3}) {
            DMatrixRMaj path = RidgeHead.gradientDescentPath(stats, LAMBDA, stops, 0.0, threads);
            assertEquals(M, path.numRows);
            assertEquals(stops.length, path.numCols);
            for (int k = 0; k < stops.length; k++) {
                assertArrayEquals(RidgeHead.gradientDescent(stats, LAMBDA, stops[k], 0.0, 1),
                        RidgeHead.column(path, k), 0.0, "T = " + stops[k] + ", threads " + threads);
            }
        }
        for (int[] bad : new int[][] {{}, {0, 2}, {3, 3}, {5, 2}}) {
            assertThrows(IllegalArgumentException.class,
                    () -> RidgeHead.gradientDescentPath(stats, LAMBDA, bad, 0.0, 1), Arrays.toString(bad));
        }
    }

    /** The stopping grid: T itself, 1, distinct increasing values, neighbours within a factor 2^{1/4} (rounded). */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 100, 8192, 16384, Integer.MAX_VALUE})
    void stoppingGridSpansOneToTGeometrically(int steps) {
        int[] grid = RidgeHead.stoppingGrid(steps);
        assertEquals(1, grid[0]);
        assertEquals(steps, grid[grid.length - 1]);
        for (int k = 1; k < grid.length; k++) {
            assertTrue(grid[k] > grid[k - 1], Arrays.toString(grid));
            assertTrue(grid[k] <= Math.pow(2, 0.25) * grid[k - 1] + 1, grid[k - 1] + " → " + grid[k]);
        }
        assertTrue(grid.length <= 4 * (32 - Integer.numberOfLeadingZeros(steps)) + 1, "about 4 log2 T values");
    }

    /**
     * Stopping on validation returns the checkpoint whose validation loss, computed independently through the whole
     * network ({@code LossGradient.lossOver}), is smallest; its steps and its loss are reported, and with a single
     * checkpoint it is the fixed-T head.
     */
    @Test
    void stoppingOnValidationPicksTheSmallestIndependentValidationLoss() {
        // m = 64 features on n = 200 samples with noise variance 4 and λ₂ = 1e-6: the converged fit overfits, so the
        // best T is interior
        Problem p = new Problem(Fixtures.target("single-h2", 5, 4), 4.0, 200, 2000, new Seeds(4));
        OneStepConfig base = OneStepConfig.defaults(64, 1);
        int most = 20_000;
        double lambda2 = 1e-6;
        FitResult early = new OneStepLearner(base.withHead(new HeadConfig.GradientDescent(lambda2, most, 0.0, true)))
                .fit(p);
        int[] grid = RidgeHead.stoppingGrid(most);
        double best = Double.POSITIVE_INFINITY;
        int bestSteps = -1;
        for (int steps : grid) {
            FitResult fixed = new OneStepLearner(base.withHead(new HeadConfig.GradientDescent(lambda2, steps))).fit(p);
            assertEquals(steps, fixed.headSteps());
            NetworkPredictor net = (NetworkPredictor) fixed.predictor();
            double loss = LossGradient.lossOver(p.validationSource(), net.network(),
                    LinearPart.estimate(p.train(), 1).residuals(), 1);
            assertEquals(loss, fixed.validationError(), 1e-12 * loss, "T = " + steps);
            if (loss < best) {
                best = loss;
                bestSteps = steps;
            }
        }
        assertEquals(bestSteps, early.headSteps());
        assertEquals(best, early.validationError(), 1e-12 * best);
        assertTrue(bestSteps > 1 && bestSteps < most, "an interior minimum: " + bestSteps + " (the test has teeth)");
    }

    private static double[] weights(FitResult fit) {
        return ((NetworkPredictor) fit.predictor()).network().outputWeights();
    }
}
