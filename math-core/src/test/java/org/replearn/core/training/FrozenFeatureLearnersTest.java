package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

/** {@link RandomFeaturesLearner} and {@link TransferLearner}: the frozen-feature learners sharing Algorithm 1's head. */
class FrozenFeatureLearnersTest {
    private static final double[] GRID = {1e-3, 1e-2, 1e-1, 1.0};

    private static NetworkConfig network(int m, int threads) {
        return new NetworkConfig(m, false, new HeadConfig.Ridge(GRID), threads);
    }

    /**
     * Random features keep W, b at the initialization bit for bit, and the head is ridge on those features: the
     * output weights equal an LU solve at the chosen λ up to rounding amplified by κ (as in OneStepLearnerTest).
     */
    @Test
    void randomFeaturesFreezeInitialization() {
        Problem p = Fixtures.problem("single-h2", 6, 2500, 1100, 4);
        FitResult fit = new RandomFeaturesLearner(network(12, 2)).fit(p);
        TwoLayerNetwork init = SymmetricInit.initialize(12, 6, p.seeds(), false);
        assertArrayEquals(init.weights().data, fit.firstLayer().data, 0.0);
        Dataset train = p.train().materialize();
        double[] t = Fixtures.delinearize(train, new double[7]);
        double[] direct = Fixtures.ridge(Fixtures.features(train.x(), init.weights(), init.biases()), t, fit.lambda());
        double[] a = ((NetworkPredictor) fit.predictor()).network().outputWeights();
        assertTrue(Fixtures.relativeDifference(a, direct) < 1e-7);
        FitResult one = new RandomFeaturesLearner(network(12, 1)).fit(p);
        assertArrayEquals(a, ((NetworkPredictor) one.predictor()).network().outputWeights(), 0.0, "1 vs 2 threads");
    }

    /**
     * Transfer: the frozen first layer is Algorithm 1's W¹ on the source samples (RMS-1 rows), the same for every
     * target fit; refitting on a target with the source's own link reproduces a head fit on that layer.
     */
    @Test
    void transferFreezesSourceLayer() {
        Target source = Fixtures.target("multi-deg4", 6, 7);
        Target targetTask = source.withLink(TargetSpec.resolve("h1(z1)*h1(z2)"));
        OneStepConfig os = new OneStepConfig(network(16, 2), 0.0, false);
        TransferLearner learner = TransferLearner.pretrain(new TransferConfig(source, 3000, 0.25, os), new Seeds(7));
        DMatrixRMaj w1 = learner.firstLayer();
        double norm2 = 0;
        for (double v : w1.data) {
            norm2 += v * v;
        }
        assertEquals(1.0, norm2 / 16, 1e-13, "RMS-1 rows");
        Problem small = new Problem(targetTask, 0.25, 1100, 1100, new Seeds(8));
        Problem large = small.withN(2100);
        FitResult a = learner.fit(small);
        FitResult b = learner.fit(large);
        assertArrayEquals(w1.data, a.firstLayer().data, 0.0);
        assertArrayEquals(w1.data, b.firstLayer().data, 0.0);
        assertTrue(a.seconds().containsKey("source-first-step"), "pretraining stages are reported");
        assertTrue(a.validationError() > 0 && b.validationError() > 0);
    }

    @Test
    void transferRejectsMismatchedTargets() {
        Target source = Fixtures.target("multi-deg4", 6, 7);
        OneStepConfig os = new OneStepConfig(network(8, 1), 0.0, false);
        TransferLearner learner = TransferLearner.pretrain(new TransferConfig(source, 1100, 0.25, os), new Seeds(7));
        Problem otherD = new Problem(Fixtures.target("multi-deg4", 7, 7), 0.25, 1100, 1100, new Seeds(7));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> learner.fit(otherD)).getMessage()
                .contains("dimension d = 7"));
        Problem otherR = new Problem(Fixtures.target("single-h2", 6, 7), 0.25, 1100, 1100, new Seeds(7));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> learner.fit(otherR)).getMessage()
                .contains("rank r = 1"));
        Problem otherU = new Problem(Fixtures.target("multi-deg4", 6, 8), 0.25, 1100, 1100, new Seeds(7));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> learner.fit(otherU)).getMessage()
                .contains("frame U differs"));
        assertThrows(IllegalArgumentException.class, () -> new TransferConfig(source, 0, 0.25, os));
    }
}
