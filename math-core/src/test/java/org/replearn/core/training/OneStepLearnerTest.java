package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

class OneStepLearnerTest {
    private static final double[] GRID = {1e-3, 1e-2, 1e-1, 1.0};

    private static OneStepConfig config(int m, int threads) {
        return new OneStepConfig(new NetworkConfig(m, false, new HeadConfig.Ridge(GRID), threads), 0.0, false);
    }

    private static double[] outputWeights(FitResult fit) {
        return ((NetworkPredictor) fit.predictor()).network().outputWeights();
    }

    /**
     * Algorithm 1 written out on materialized matrices: α, β by sequential sums, the gradient by
     * {@link TwoLayerNetwork#gradient} (plain EJML GEMM), {@code η₁ = sqrt(m)/||G||_F}, features by the reference
     * kernel, ridge for every λ by an LU solve, validation argmin. The streamed learner sums in other orders (fma,
     * fixed partitions), so results agree to rounding: relative {@code n·ε ≈ 5e-13} on the gradient and Gram,
     * amplified by the ridge condition number (≤ 1e4 on this grid) → 1e-7 is a safe bound.
     */
    @Test
    void equalsDirectImplementation() {
        int m = 16;
        Problem p = Fixtures.problem("multi-deg4", 6, 2500, 1200, 21);
        FitResult fit = new OneStepLearner(config(m, 2)).fit(p);

        Dataset train = p.train().materialize();
        Dataset val = p.validationSource().materialize();
        double[] alphaBeta = new double[7];
        double[] t = Fixtures.delinearize(train, alphaBeta);
        TwoLayerNetwork init = SymmetricInit.initialize(m, 6, p.seeds(), false);
        DMatrixRMaj g = init.gradient(train.x(), t).w();
        DMatrixRMaj w1 = g.copy();
        CommonOps_DDRM.scale(-Math.sqrt(m) / NormOps_DDRM.normF(g), w1);
        assertTrue(Fixtures.relativeDifference(fit.firstLayer().data, w1.data) < 1e-10, "W¹");

        DMatrixRMaj phi = Fixtures.features(train.x(), w1, init.biases());
        DMatrixRMaj phiVal = Fixtures.features(val.x(), w1, init.biases());
        double[] tVal = new double[val.size()];
        for (int i = 0; i < val.size(); i++) {
            double s = alphaBeta[0];
            for (int k = 0; k < 6; k++) {
                s += alphaBeta[k + 1] * val.x().get(i, k);
            }
            tVal[i] = val.y()[i] - s;
        }
        int best = 0;
        double[][] a = new double[GRID.length][];
        double[] err = new double[GRID.length];
        for (int l = 0; l < GRID.length; l++) {
            a[l] = Fixtures.ridge(phi, t, GRID[l]);
            err[l] = Fixtures.meanSquaredError(phiVal, a[l], tVal);
            if (err[l] < err[best]) {
                best = l;
            }
        }
        assertEquals(GRID[best], fit.lambda(), 0.0, "chosen λ");
        assertEquals(err[best], fit.validationError(), 1e-9 * err[best], "validation error");
        assertTrue(Fixtures.relativeDifference(outputWeights(fit), a[best]) < 1e-7, "a");

        double[] predicted = new double[val.size()];
        fit.predictor().predict(val.x(), predicted);
        double[] direct = new double[val.size()];
        TwoLayerNetwork trained = new TwoLayerNetwork(w1, init.biases(), a[best], init.activation());
        trained.forward(val.x(), direct);
        for (int i = 0; i < val.size(); i++) {
            direct[i] += val.y()[i] - tVal[i];
        }
        assertTrue(Fixtures.relativeDifference(predicted, direct) < 1e-7, "predictions f_θ + α + β·x");
    }

    /** With automatic η₁, {@code ||W¹||_F² / m = 1} up to rounding of the norm and the scaling (a few ε). */
    @Test
    void autoLearningRateGivesUnitRmsRows() {
        FitResult fit = new OneStepLearner(config(32, 1)).fit(Fixtures.problem("single-h2", 8, 3000, 1100, 2));
        double norm = NormOps_DDRM.normF(fit.firstLayer());
        assertEquals(1.0, norm * norm / 32, 1e-13);
    }

    /** A given η₁ is used as is: W¹ scales linearly with it. */
    @Test
    void givenLearningRateScalesFirstLayer() {
        Problem p = Fixtures.problem("single-h2", 5, 2100, 1100, 8);
        NetworkConfig net = new NetworkConfig(8, false, new HeadConfig.Ridge(GRID), 1);
        DMatrixRMaj w1 = new OneStepLearner(new OneStepConfig(net, 1.0, false)).fit(p).firstLayer();
        DMatrixRMaj w3 = new OneStepLearner(new OneStepConfig(net, 3.0, false)).fit(p).firstLayer();
        CommonOps_DDRM.scale(3.0, w1);
        assertArrayEquals(w1.data, w3.data, 1e-15 * NormOps_DDRM.normF(w3));
    }

    /** Every pass reduces fixed partitions in a fixed order: 1 and 2 threads give identical bits. */
    @Test
    void threadCountInvariant() {
        Problem p = Fixtures.problem("multi-deg4", 6, 5000, 2100, 9);
        FitResult one = new OneStepLearner(config(24, 1)).fit(p);
        FitResult two = new OneStepLearner(config(24, 2)).fit(p);
        assertArrayEquals(one.firstLayer().data, two.firstLayer().data, 0.0);
        assertArrayEquals(outputWeights(one), outputWeights(two), 0.0);
        assertEquals(one.lambda(), two.lambda(), 0.0);
        assertEquals(one.validationError(), two.validationError(), 0.0);
    }

    /** Redrawn biases come from their own stream: W¹ is unchanged, b differs from the initialization's. */
    @Test
    void redrawnBiasesKeepFirstLayer() {
        Problem p = Fixtures.problem("single-h2", 5, 2100, 1100, 6);
        NetworkConfig net = new NetworkConfig(8, false, new HeadConfig.Ridge(GRID), 1);
        FitResult kept = new OneStepLearner(new OneStepConfig(net, 0.0, false)).fit(p);
        FitResult redrawn = new OneStepLearner(new OneStepConfig(net, 0.0, true)).fit(p);
        assertArrayEquals(kept.firstLayer().data, redrawn.firstLayer().data, 0.0);
        double[] b0 = ((NetworkPredictor) kept.predictor()).network().biases();
        double[] b1 = ((NetworkPredictor) redrawn.predictor()).network().biases();
        assertArrayEquals(SymmetricInit.initialize(8, 5, new Seeds(6), false).biases(), b0, 0.0);
        assertTrue(b0[0] != b1[0] && b0[4] != b1[4], "redrawn, not mirrored copies of the old ones");
    }

    @Test
    void rejectsBadConfigurations() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkConfig.defaults(7, 1)).getMessage()
                .contains("width m = 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NetworkConfig.defaults(8, 0)).getMessage()
                .contains("threads"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new OneStepConfig(NetworkConfig.defaults(8, 1), -1, false)).getMessage()
                .contains("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new HeadConfig.GradientDescent(0.0, 10)).getMessage().contains("lambda"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fixtures.problem("single-h2", 4, 0, 10, 1)).getMessage().contains("n = 0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Fixtures.problem("single-h2", 4, 10, 0, 1)).getMessage().contains("validation"));
        assertThrows(IllegalArgumentException.class, () -> new OneStepLearner(null));
    }

    /** The gradient-descent head runs through the same path; with many steps it reaches the closed form's error. */
    @Test
    void gradientDescentHeadMatchesClosedFormAtSameLambda() {
        Problem p = Fixtures.problem("single-h2", 5, 2100, 1100, 12);
        NetworkConfig closed = new NetworkConfig(8, false, new HeadConfig.Ridge(new double[] {0.5}), 1);
        NetworkConfig gd = new NetworkConfig(8, false, new HeadConfig.GradientDescent(0.5, 20_000), 1);
        FitResult a = new OneStepLearner(new OneStepConfig(closed, 0.0, false)).fit(p);
        FitResult b = new OneStepLearner(new OneStepConfig(gd, 0.0, false)).fit(p);
        assertTrue(Fixtures.relativeDifference(outputWeights(b), outputWeights(a)) < 1e-8);
        assertEquals(a.validationError(), b.validationError(), 1e-8 * a.validationError());
    }
}
