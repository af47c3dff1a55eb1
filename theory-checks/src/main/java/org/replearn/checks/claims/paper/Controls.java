package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The negative controls several claims share (docs/math.md §7): deliberately wrong variants of Algorithm 1, built from
 * the library's public steps. Algorithm 1 never runs them.
 */
final class Controls {
    private Controls() {
    }

    /**
     * The first step without the weight decay {@code λ₁ = 1/η₁}: {@code W¹ = W⁰ − η₁ ∇_W L(θ0)}, the random
     * initialization kept, so the first layer keeps its energy outside {@code span(U)}; biases those of the
     * initialization, output weights still the initialization's.
     */
    static TwoLayerNetwork firstStepWithoutWeightDecay(OneStepConfig config, Problem problem) {
        TwoLayerNetwork stepped = new OneStepLearner(config).firstStep(problem);
        TwoLayerNetwork init = SymmetricInit.initialize(config.network().width(), problem.target().dimension(),
                problem.seeds(), config.network().unitSphere());
        DMatrixRMaj w = init.weights();
        CommonOps_DDRM.addEquals(w, stepped.weights());
        return stepped.withFirstLayer(w, stepped.biases());
    }
}
