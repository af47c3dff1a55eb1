package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.Seeds;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;
import org.replearn.core.training.TransferLearner;

/**
 * The negative controls several claims share (docs/math.md §7): deliberately wrong variants of Algorithm 1, built from
 * the library's public steps. Algorithm 1 never runs them.
 *
 * <p>"Without weight decay" is one rule here: the first step {@code W¹ = W⁰ − η₁ ∇_W L(θ0)} with the random
 * initialization kept, i.e. the stepped layer plus the initialization {@code W⁰} its weight decay {@code λ₁ = 1/η₁}
 * erases, so the first layer keeps its energy outside {@code span(U)}.
 */
final class Controls {
    private Controls() {
    }

    /** {@code W⁰ + W¹}: the stepped first layer {@code stepped} with the initialization {@code init} added back. */
    static DMatrixRMaj withoutWeightDecay(DMatrixRMaj init, DMatrixRMaj stepped) {
        DMatrixRMaj w = init.copy();
        CommonOps_DDRM.addEquals(w, stepped);
        return w;
    }

    /**
     * The first step of Algorithm 1 on {@code problem} without weight decay; biases those of the initialization,
     * output weights still the initialization's.
     */
    static TwoLayerNetwork firstStepWithoutWeightDecay(OneStepConfig config, Problem problem) {
        TwoLayerNetwork stepped = new OneStepLearner(config).firstStep(problem);
        return stepped.withFirstLayer(withoutWeightDecay(initialization(config, problem.target().dimension(),
                problem.seeds()).weights(), stepped.weights()), stepped.biases());
    }

    /** The transfer learner {@code learned} (pretrained with {@code config}, {@code seeds}) without weight decay. */
    static TransferLearner withoutWeightDecay(TransferLearner learned, OneStepConfig config, int d, Seeds seeds) {
        return learned.withFirstLayer(withoutWeightDecay(initialization(config, d, seeds).weights(),
                learned.firstLayer()));
    }

    /** The symmetric initialization {@code W⁰} the learner draws from {@code seeds}. */
    private static TwoLayerNetwork initialization(OneStepConfig config, int d, Seeds seeds) {
        return SymmetricInit.initialize(config.network().width(), d, seeds, config.network().unitSphere());
    }
}
