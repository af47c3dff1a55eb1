package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

class GradientDescentLearnerTest {

    /**
     * T full-batch steps equal the same loop on materialized data with {@link TwoLayerNetwork#gradient}; the two
     * differ only by summation order (relative n·ε ≈ 1e-13 per step, a few steps, well-conditioned dynamics at this
     * small η), so 1e-9 relative is a safe bound.
     */
    @Test
    void equalsDirectLoop() {
        Problem p = Fixtures.problem("single-h2", 5, 2000, 1100, 13);
        GradientDescentConfig config = new GradientDescentConfig(8, false, 0.05, 5, 2);
        FitResult fit = new GradientDescentLearner(config).fit(p);
        Dataset train = p.train().materialize();
        double[] t = Fixtures.delinearize(train, new double[6]);
        TwoLayerNetwork net = SymmetricInit.initialize(8, 5, p.seeds(), false);
        for (int s = 0; s < 5; s++) {
            NetworkGradient g = net.gradient(train.x(), t);
            DMatrixRMaj w = net.weights();
            CommonOps_DDRM.addEquals(w, -0.05, g.w());
            double[] b = net.biases();
            double[] a = net.outputWeights();
            for (int j = 0; j < 8; j++) {
                b[j] -= 0.05 * g.b()[j];
                a[j] -= 0.05 * g.a()[j];
            }
            net = new TwoLayerNetwork(w, b, a, net.activation());
        }
        assertTrue(Fixtures.relativeDifference(fit.firstLayer().data, net.weights().data) < 1e-9, "W after T steps");
        double[] out = ((NetworkPredictor) fit.predictor()).network().outputWeights();
        assertTrue(Fixtures.relativeDifference(out, net.outputWeights()) < 1e-9, "a after T steps");
        assertEquals(0.0, fit.lambda(), 0.0);
        double lossBefore = SymmetricInit.initialize(8, 5, p.seeds(), false).loss(train.x(), t);
        assertTrue(net.loss(train.x(), t) < lossBefore, "small steps decrease the training loss");
    }

    @Test
    void divergenceAndBadConfigurationsFailFast() {
        Problem p = Fixtures.problem("single-h2", 5, 1100, 1100, 13);
        GradientDescentLearner huge = new GradientDescentLearner(new GradientDescentConfig(8, false, 1e200, 3, 1));
        assertTrue(assertThrows(org.replearn.core.NumericalFailure.class, () -> huge.fit(p)).getMessage()
                .contains("step size is too large"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescentConfig(9, false, 0.1, 3, 1))
                .getMessage().contains("width m = 9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescentConfig(8, false, 0, 3, 1))
                .getMessage().contains("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GradientDescentConfig(8, false, 0.1, 0, 1))
                .getMessage().contains("steps"));
    }
}
