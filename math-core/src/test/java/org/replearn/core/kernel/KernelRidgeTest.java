package org.replearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.kernel.KernelRidge.Solver;

/** Kernel ridge regression: solvers against a dense direct solve, λ selection, conditioning and input checks. */
class KernelRidgeTest {
    private static final int D = 5;
    private static final double EPS = Math.ulp(1.0);

    /** Points {@code x ~ N(0, I_5)} and labels {@code y = x_0 x_1 + x_2 / 2 + 0.3 ε}. */
    private record Problem(DMatrixRMaj x, double[] y) {
        static Problem of(int n, long index) {
            ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(41, index);
            DMatrixRMaj x = KernelFixtures.gaussianMatrix(n, D, 1, g);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = x.get(i, 0) * x.get(i, 1) + 0.5 * x.get(i, 2) + 0.3 * g.sample();
            }
            return new Problem(x, y);
        }
    }

    @ParameterizedTest(name = "λ = {0}")
    @ValueSource(doubles = {1e-5, 1e-3, 1e-1})
    void eigenCholeskyAndDenseSolvesAgree(double lambda) {
        Problem train = Problem.of(150, 0);
        Problem val = Problem.of(60, 1);
        Kernel kernel = new ReluNtk(D);
        KernelRidge ridge = KernelRidge.on(kernel, train.x(), 1);
        int n = train.y().length;
        double[] eigen = ridge.select(train.y(), val.x(), val.y(), new double[] {lambda}, Solver.EIGEN)
                .model().alpha();
        double[] chol = ridge.fit(train.y(), lambda).alpha();
        DMatrixRMaj a = new DMatrixRMaj(1, 1);
        kernel.gram(train.x(), a);
        for (int i = 0; i < n; i++) {
            a.add(i, i, n * lambda);
        }
        DMatrixRMaj dense = new DMatrixRMaj(n, 1);
        assertTrue(CommonOps_DDRM.solve(a.copy(), DMatrixRMaj.wrap(n, 1, train.y().clone()), dense));
        // Backward-stable solvers: relative forward error <= c(n) κ ε with κ = cond(K + nλI); c(n) = 4n is a
        // generous constant for LU, Cholesky and symmetric QR.
        double bound = 4 * n * condition(a) * EPS;
        double norm = NormOps_DDRM.normF(dense);
        assertTrue(distance(eigen, dense.data) <= bound * norm, "eigen vs dense at λ = " + lambda);
        assertTrue(distance(chol, dense.data) <= bound * norm, "Cholesky vs dense at λ = " + lambda);
    }

    @Test
    void eigenSelectionPicksTheLambdaWithSmallestValidationError() {
        Problem train = Problem.of(200, 2);
        Problem val = Problem.of(150, 3);
        Kernel kernel = new ReluNtk(D);
        KernelRidge ridge = KernelRidge.on(kernel, train.x(), 1);
        double[] grid = {1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10};
        RidgeSelection eigen = ridge.select(train.y(), val.x(), val.y(), grid, Solver.EIGEN);
        RidgeSelection chol = ridge.select(train.y(), val.x(), val.y(), grid, Solver.CHOLESKY);
        assertEquals(Solver.EIGEN, ridge.select(train.y(), val.x(), val.y(), grid, Solver.AUTO).solver());
        assertArrayEquals(grid, eigen.lambdas(), 0.0);
        assertEquals(0, eigen.rejectedLambdas().length);

        // Independent curve: a Cholesky fit per λ, predictions by KernelRidgeModel.predict.
        int best = 0;
        double[] independent = new double[grid.length];
        double[] predictions = new double[val.y().length];
        for (int l = 0; l < grid.length; l++) {
            ridge.fit(train.y(), grid[l]).predict(val.x(), predictions, 1);
            for (int i = 0; i < predictions.length; i++) {
                double e = predictions[i] - val.y()[i];
                independent[l] += e * e / predictions.length;
            }
            if (independent[l] < independent[best]) {
                best = l;
            }
        }
        assertTrue(best > 0 && best < grid.length - 1, "the optimum should be interior to make the test meaningful");
        assertEquals(grid[best], eigen.lambda(), 0.0);
        assertEquals(grid[best], chol.lambda(), 0.0);
        assertEquals(independent[best], eigen.validationError(), 1e-6 * independent[best]);
        for (int l = 0; l < grid.length; l++) {
            // The curves differ by solver rounding only: relative error <= 4n κ(λ) ε in α (see above), with κ(λ) <=
            // (tr K + nλ)/(nλ) <= 1e7 here, so 1e-6 relative is a safe bound on the mean squared errors.
            assertEquals(independent[l], eigen.validationErrors()[l], 1e-6 * independent[l], "eigen at " + grid[l]);
            assertEquals(independent[l], chol.validationErrors()[l], 1e-6 * independent[l], "Cholesky at " + grid[l]);
        }
    }

    /**
     * The linear kernel x·y/d on n = 60 > d = 5 points has rank 5: K + nλI is singular to machine precision for nλ
     * below about n ε μ_max.
     */
    private static KernelRidge rankFiveRidge() {
        return KernelRidge.on(new PolynomialKernel(D, 1, 0), Problem.of(60, 4).x(), 1);
    }

    @Test
    void illConditionedLambdaIsRefusedByFit() {
        Problem train = Problem.of(60, 4);
        KernelRidge ridge = rankFiveRidge();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ridge.fit(train.y(), 1e-18));
        assertTrue(e.getMessage().startsWith("lambda = 1.0E-18 is at or below the conditioning floor"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Solver.class, names = {"EIGEN", "CHOLESKY"})
    void illConditionedLambdasAreRejectedBySelection(Solver solver) {
        Problem train = Problem.of(60, 4);
        Problem val = Problem.of(20, 5);
        KernelRidge ridge = rankFiveRidge();
        double[] grid = {1e-18, 1e-16, 1e-2};
        RidgeSelection s = ridge.select(train.y(), val.x(), val.y(), grid, solver);
        assertArrayEquals(new double[] {1e-18, 1e-16}, s.rejectedLambdas(), 0.0, solver.name());
        assertArrayEquals(new double[] {1e-2}, s.lambdas(), 0.0, solver.name());
        assertEquals(1e-2, s.lambda(), 0.0);
        for (double alpha : s.model().alpha()) {
            assertTrue(Double.isFinite(alpha));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ridge.select(train.y(), val.x(), val.y(), new double[] {1e-18}, solver));
        assertTrue(e.getMessage().contains("every value was rejected as ill-conditioned"), e.getMessage());
    }

    /** The selection's arrays are copies: changing what an accessor returned changes nothing in the selection. */
    @Test
    void selectionArraysAreCopies() {
        Problem train = Problem.of(60, 4);
        Problem val = Problem.of(20, 5);
        RidgeSelection s = rankFiveRidge().select(train.y(), val.x(), val.y(), new double[] {1e-18, 1e-2, 1},
                Solver.EIGEN);
        s.lambdas()[0] = -1;
        s.validationErrors()[0] = -1;
        s.rejectedLambdas()[0] = -1;
        assertArrayEquals(new double[] {1e-2, 1}, s.lambdas(), 0.0);
        assertTrue(s.validationErrors()[0] > 0);
        assertArrayEquals(new double[] {1e-18}, s.rejectedLambdas(), 0.0);
    }

    @Test
    void badInputsGiveClearMessages() {
        Problem train = Problem.of(20, 6);
        Problem val = Problem.of(10, 7);
        Kernel kernel = new GaussianKernel(D, 1);
        KernelRidge ridge = KernelRidge.on(kernel, train.x(), 1);
        double[] y = train.y();
        expect("lambda = 0.0 must be finite and > 0", () -> ridge.fit(y, 0));
        expect("lambda = -1.0 must be finite and > 0", () -> ridge.fit(y, -1));
        expect("lambda = NaN must be finite and > 0", () -> ridge.fit(y, Double.NaN));
        expect("y has dimension 19 but 20", () -> ridge.fit(new double[19], 1));
        double[] bad = y.clone();
        bad[3] = Double.NaN;
        expect("y[3] = NaN", () -> ridge.fit(bad, 1));
        DMatrixRMaj nanX = train.x().copy();
        nanX.set(2, 1, Double.POSITIVE_INFINITY);
        expect("x(2, 1) = Infinity", () -> KernelRidge.on(kernel, nanX, 1));
        expect("x columns has dimension 5 but 4", () -> KernelRidge.on(new ReluNtk(4), train.x(), 1));
        expect("threads = 0", () -> KernelRidge.on(kernel, train.x(), 0));
        expect("xVal columns has dimension 4",
                () -> ridge.select(y, new DMatrixRMaj(3, 4), new double[3], new double[] {1}, Solver.AUTO));
        expect("yVal has dimension 9 but 10",
                () -> ridge.select(y, val.x(), new double[9], new double[] {1}, Solver.AUTO));
        expect("lambdas[1] = 0.1 is not greater than lambdas[0] = 1.0",
                () -> ridge.select(y, val.x(), val.y(), new double[] {1, 0.1}, Solver.AUTO));
        expect("lambdas[0] = 0.0 must be finite and > 0",
                () -> ridge.select(y, val.x(), val.y(), new double[] {0}, Solver.AUTO));
        expect("lambdas length = 0", () -> ridge.select(y, val.x(), val.y(), new double[0], Solver.AUTO));
    }

    @Test
    void predictionsAgreeWithPointwiseValuesAndThreadCounts() {
        // n = 1024 >= EJML's block threshold, so threads > 1 switches to the multi-threaded block Cholesky.
        Problem train = Problem.of(1024, 8);
        Problem test = Problem.of(100, 9);
        Kernel kernel = new GaussianKernel(D, 1);
        KernelRidgeModel serial = KernelRidge.on(kernel, train.x(), 1).fit(train.y(), 1e-3);
        KernelRidgeModel parallel = KernelRidge.on(kernel, train.x(), 2).fit(train.y(), 1e-3);
        assertArrayEquals(serial.alpha(), parallel.alpha(), 0.0);
        double[] one = new double[test.y().length];
        double[] two = new double[test.y().length];
        serial.predict(test.x(), one, 1);
        parallel.predict(test.x(), two, 2);
        assertArrayEquals(one, two, 0.0);
        double scale = 0;
        for (double a : serial.alpha()) {
            scale += Math.abs(a);
        }
        for (int i = 0; i < one.length; i++) {
            // Same products summed in the same order; a reordered sum would differ by at most n ε Σ|α_i| (|k| <= 1).
            assertEquals(serial.value(KernelFixtures.row(test.x(), i)), one[i], train.y().length * EPS * scale);
        }
    }

    private static void expect(String prefix, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), "expected '" + prefix + "…' but got: " + e.getMessage());
    }

    private static double condition(DMatrixRMaj symmetric) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(symmetric.numRows, false, true);
        assertTrue(eig.decompose(symmetric.copy()));
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < symmetric.numRows; i++) {
            double v = Math.abs(eig.getEigenvalue(i).getReal());
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max / min;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
