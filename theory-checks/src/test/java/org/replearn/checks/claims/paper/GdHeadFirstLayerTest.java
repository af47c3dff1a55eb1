package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/** {@code gd-head}'s reference first layer: the learner's step within the rounding bound, broken steps far outside. */
class GdHeadFirstLayerTest {
    /**
     * On a target with a constant and a linear part and label noise (so that step 2 matters), the learner's
     * {@code W¹} is within the bound; the same layer with {@code W⁰/2} kept, or computed on labels that were not
     * de-linearized, is not.
     */
    @Test
    void theLearnersStepIsTheReferenceAndBrokenStepsAreNot() {
        int d = 6;
        int m = 16;
        Seeds seeds = new Seeds(5);
        Target f = Target.random(TargetSpec.resolve("0.5 + 0.7*h1(z1) + h2(z1)"), d, seeds.rng(Stream.FRAME));
        Problem p = new Problem(f, 0.5, 1500, 16, seeds);
        OneStepConfig config = OneStepConfig.defaults(m, 1);
        TwoLayerNetwork init = SymmetricInit.initialize(m, d, seeds, config.network().unitSphere());
        GdHeadFirstLayer reference = GdHeadFirstLayer.of(p.train().materialize(), init);
        DMatrixRMaj w1 = new OneStepLearner(config).firstStep(p).weights();
        double distance = reference.distance(w1);
        assertTrue(distance <= reference.roundingBound(), distance + " > " + reference.roundingBound());
        assertTrue(reference.roundingBound() < 1e-6, "bound " + reference.roundingBound());

        DMatrixRMaj halfKept = init.weights().copy();
        CommonOps_DDRM.scale(0.5, halfKept);
        CommonOps_DDRM.addEquals(halfKept, w1);
        assertTrue(reference.distance(halfKept) > 0.1, "W⁰/2 kept: " + reference.distance(halfKept));

        DMatrixRMaj raw = init.gradient(p.train().materialize().x(), p.train().materialize().y()).w();
        CommonOps_DDRM.scale(-Math.sqrt(m) / org.ejml.dense.row.NormOps_DDRM.normF(raw), raw);
        assertTrue(reference.distance(raw) > 0.1, "no de-linearization: " + reference.distance(raw));
    }
}
