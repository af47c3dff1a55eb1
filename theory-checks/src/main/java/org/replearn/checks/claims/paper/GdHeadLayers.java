package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.Problem;

/**
 * One replicate's first layers: the relative distances to the reference step of the learned layer, of the step
 * without weight decay and of the frozen {@code W⁰}; the rounding bound; their exact best-head errors.
 */
record GdHeadLayers(double distance, double noDecayDistance, double randomDistance, double bound, double bestHead,
        double noDecayBestHead, double randomBestHead) implements java.io.Serializable {
    /** The layers of problem {@code p}: the initialization {@code init}, the learner's step {@code stepped}. */
    static GdHeadLayers of(Problem p, TwoLayerNetwork init, TwoLayerNetwork stepped) {
        Target f = p.target();
        GdHeadFirstLayer reference = GdHeadFirstLayer.of(p.train().materialize(), init);
        DMatrixRMaj noDecay = Controls.withoutWeightDecay(init.weights(), stepped.weights());
        double[] b = stepped.biases();
        return new GdHeadLayers(reference.distance(stepped.weights()), reference.distance(noDecay),
                reference.distance(init.weights()), reference.roundingBound(),
                BestHead.of(stepped.weights(), b, f, true).relative(), BestHead.of(noDecay, b, f, true).relative(),
                BestHead.of(init.weights(), init.biases(), f, true).relative());
    }
}
