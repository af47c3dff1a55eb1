package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

class RidgeHeadTest {
    private static final double EPS = Math.ulp(1.0);
    private static final int M = 24;

    private static Dataset train;
    private static Dataset validation;
    private static double[] t;
    private static double[] tVal;
    private static LinearPart linear;
    private static DMatrixRMaj w;
    private static double[] b;
    private static FeatureGram stats;
    private static RidgeHead head;
    /** Eigenvalues of ΦᵀΦ/n by EJML's symmetric QR algorithm (independent of the head's tridiagonal path). */
    private static double[] eigenvalues;

    @BeforeAll
    static void setUp() {
        Problem p = Fixtures.problem("single-h2", 6, 3000, 1500, 11);
        train = p.train().materialize();
        validation = p.validationSource().materialize();
        linear = LinearPart.estimate(p.train(), 1);
        t = new double[train.size()];
        linear.residual(train.x(), train.y(), train.size(), t);
        tVal = new double[validation.size()];
        linear.residual(validation.x(), validation.y(), validation.size(), tVal);
        // W = rows of a random network with the two mirrored halves broken apart: a full-rank Gram matrix.
        TwoLayerNetwork net = SymmetricInit.initialize(2 * M, 6, new Seeds(5), false);
        w = CommonOps_DDRM.extract(net.weights(), 0, M, 0, 6);
        b = java.util.Arrays.copyOf(net.biases(), M);
        stats = FeatureGram.over(p.train(), w, b, linear.residuals(), 2);
        head = RidgeHead.of(stats, 2);
        eigenvalues = eigenvalues(stats.gram());
    }

    private static double[] eigenvalues(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        assertTrue(eig.decompose(a.copy()));
        double[] v = new double[a.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0.0, eig.getEigenvalue(i).real);
        }
        return v;
    }

    /** Condition number of {@code ΦᵀΦ/n + λI} (eigenvalues clamped at 0: negative ones are rounding). */
    private static double condition(double lambda) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : eigenvalues) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return (max + lambda) / (min + lambda);
    }

    /**
     * Tridiagonal and Cholesky paths against an LU solve of the materialized system. A backward-stable solve has relative
     * error <= c·κ·ε with c a small multiple of m; the systems also differ by the rounding of the streamed Gram
     * (fma, other summation order: relative n·ε at most per entry), which propagates with the same κ. So
     * 10·m·κ·ε bounds both.
     */
    @ParameterizedTest(name = "λ = {0}")
    @ValueSource(doubles = {1e-4, 1e-2, 1.0})
    void closedFormMatchesDirectSolve(double lambda) {
        DMatrixRMaj phi = Fixtures.features(train.x(), w, b);
        double[] direct = Fixtures.ridge(phi, t, lambda);
        double bound = 10 * M * condition(lambda) * EPS + 10 * train.size() * EPS * condition(lambda);
        assertTrue(Fixtures.relativeDifference(head.weights(lambda), direct) < bound, "tridiagonal path, λ = " + lambda);
        assertTrue(Fixtures.relativeDifference(RidgeHead.cholesky(stats, lambda), direct) < bound,
                "Cholesky path, λ = " + lambda);
    }

    /** Ten log-spaced λ in [1e-6, 1e3]. */
    static DoubleStream pathGrid() {
        return DoubleStream.of(RidgeHead.logGrid(1e-6, 1e3, 10));
    }

    /** Tridiagonal vs Cholesky path on the same Gram matrix: both backward stable, so within 10·m·κ·ε of each other. */
    @ParameterizedTest(name = "λ = {0}")
    @MethodSource("pathGrid")
    void tridiagonalPathMatchesCholeskyPath(double lambda) {
        double bound = 10 * M * condition(lambda) * EPS;
        assertTrue(Fixtures.relativeDifference(head.weights(lambda), RidgeHead.cholesky(stats, lambda)) < bound,
                "λ = " + lambda);
    }

    /**
     * Validation errors over the grid equal {@code mean(Φ_val a(λ) - ỹ_val)²} computed from materialized features
     * (relative rounding of a few ε per term, amplified by κ through a(λ)), and the chosen λ is their argmin.
     */
    @Test
    void selectionMinimizesValidationError() {
        double[] grid = RidgeHead.logGrid(1e-5, 1e2, 8);
        RidgeHead.Selection s = head.select(validation.blocks(), linear.residuals(), w, b, grid, 2);
        DMatrixRMaj phiVal = Fixtures.features(validation.x(), w, b);
        int best = 0;
        double[] direct = new double[grid.length];
        for (int l = 0; l < grid.length; l++) {
            direct[l] = Fixtures.meanSquaredError(phiVal, head.weights(grid[l]), tVal);
            assertEquals(direct[l], s.validationErrors()[l], 1e3 * M * condition(grid[l]) * EPS * direct[l],
                    "λ = " + grid[l]);
            if (direct[l] < direct[best]) {
                best = l;
            }
        }
        assertEquals(grid[best], s.lambda(), 0.0);
        assertArrayEquals(head.weights(grid[best]), s.a(), 1e-12 * Math.sqrt(M));
        assertEquals(direct[best], s.validationError(), 1e-9 * direct[best]);
        RidgeHead.Selection one = head.select(validation.blocks(), linear.residuals(), w, b, grid, 1);
        assertArrayEquals(s.validationErrors(), one.validationErrors(), 0.0, "1 vs 2 threads, bit-identical");
    }

    /** The selection's arrays are copies: changing what an accessor returned changes nothing in the selection. */
    @Test
    void selectionArraysAreCopies() {
        double[] grid = {1e-3, 1e-1};
        RidgeHead.Selection s = head.select(validation.blocks(), linear.residuals(), w, b, grid, 1);
        double[] a = s.a().clone();
        double[] errors = s.validationErrors().clone();
        s.a()[0] += 1;
        s.lambdas()[0] = -1;
        s.validationErrors()[0] = -1;
        grid[0] = -1;
        assertArrayEquals(a, s.a(), 0.0);
        assertArrayEquals(new double[] {1e-3, 1e-1}, s.lambdas(), 0.0);
        assertArrayEquals(errors, s.validationErrors(), 0.0);
    }

    /**
     * Where {@code ΦᵀΦ/n + λI} is not positive definite there is no ridge solution. Shifting the Gram matrix by
     * {@code -(μ_min + 1/2) I} moves every eigenvalue by the shift, so the smallest becomes {@code -1/2}: at
     * {@code λ = 1/4} the system has a negative eigenvalue (Sylvester: some {@code LDLᵀ} pivot of {@code T + λI} is
     * negative), both paths refuse it, and selection scores it {@code +∞} and picks {@code λ = 1}, where the smallest
     * eigenvalue is {@code +1/2} and the two paths agree within {@code 10·m·κ·ε} as on any positive definite system.
     */
    @Test
    void lambdaBelowANegativeEigenvalueHasNoSolution() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : eigenvalues) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double shift = min + 0.5;
        DMatrixRMaj g = stats.gram().copy();
        for (int i = 0; i < M; i++) {
            g.add(i, i, -shift);
        }
        FeatureGram indefinite = new FeatureGram(g, stats.correlation(), stats.labelMoment(), stats.size());
        RidgeHead shifted = RidgeHead.of(indefinite, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> shifted.weights(0.25)).getMessage()
                .contains("not numerically positive definite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RidgeHead.cholesky(indefinite, 0.25))
                .getMessage().contains("not numerically positive definite"));
        RidgeHead.Selection s = shifted.select(validation.blocks(), linear.residuals(), w, b,
                new double[] {0.25, 1.0}, 1);
        assertEquals(Double.POSITIVE_INFINITY, s.validationErrors()[0], "λ = 1/4 is scored +∞");
        assertTrue(Double.isFinite(s.validationErrors()[1]), "λ = 1 is scored");
        assertEquals(1.0, s.lambda(), 0.0);
        double kappa = (max - shift + 1.0) / 0.5;
        assertTrue(Fixtures.relativeDifference(shifted.weights(1.0), RidgeHead.cholesky(indefinite, 1.0))
                < 10 * M * kappa * EPS, "λ = 1, κ = " + kappa);
    }

    /**
     * Gradient descent contracts the error to a(λ) by at most {@code q = 1 - λ/(tr + λ)} per step in every eigen
     * direction; after {@code T = log(1e-10)/log q} steps the relative error is <= 1e-10 (plus rounding).
     */
    @Test
    void gradientDescentConvergesToClosedForm() {
        double lambda = 0.5;
        double trace = CommonOps_DDRM.trace(stats.gram());
        int steps = (int) Math.ceil(Math.log(1e-10) / Math.log(1 - lambda / (trace + lambda)));
        double[] gd = RidgeHead.gradientDescent(stats, lambda, steps);
        assertTrue(Fixtures.relativeDifference(gd, head.weights(lambda)) < 2e-10, "after " + steps + " steps");
        double[] early = RidgeHead.gradientDescent(stats, lambda, 1);
        assertTrue(Fixtures.relativeDifference(early, head.weights(lambda)) > 1e-3, "one step is not converged");
    }

    /** The grid's end points are exact and consecutive ratios equal (hi/lo)^(1/(count-1)). */
    @Test
    void logGridIsGeometric() {
        double[] g = RidgeHead.logGrid(1e-10, 1e15, 100);
        assertEquals(100, g.length);
        assertEquals(1e-10, g[0], 0.0);
        assertEquals(1e15, g[99], 1e15 * 4 * EPS);
        double ratio = Math.pow(1e25, 1.0 / 99);
        for (int i = 1; i < g.length; i++) {
            assertEquals(ratio, g[i] / g[i - 1], ratio * 1e-12, "ratio " + i);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> head.weights(0.0)).getMessage()
                .contains("lambda"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RidgeHead.cholesky(stats, -1))
                .getMessage().contains("lambda"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RidgeHead.gradientDescent(stats, 1, 0))
                .getMessage().contains("steps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> head.select(validation.blocks(), linear.residuals(), w, b, new double[] {1, -1}, 1))
                .getMessage().contains("lambdas[1]"));
        assertThrows(IllegalArgumentException.class, () -> RidgeHead.logGrid(1, 0.1, 5));
        assertThrows(IllegalArgumentException.class, () -> new HeadConfig.Ridge(new double[0]));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeadConfig.Ridge(new double[] {0}))
                .getMessage().contains("lambdaGrid[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new HeadConfig.Ridge(new double[] {1, 0.5}))
                .getMessage().contains("strictly increasing"), "the head's grid follows the same rule as KRR's");
    }
}
