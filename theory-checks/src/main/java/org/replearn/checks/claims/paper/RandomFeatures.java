package org.replearn.checks.claims.paper;

import org.replearn.core.data.Seeds;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.Problem;

/**
 * Random features, the baseline of docs/math.md §7: the first layer frozen at its symmetric initialization {@code W⁰}
 * (no step), only the head learned.
 */
final class RandomFeatures {
    private RandomFeatures() {
    }

    /**
     * The exact relative population error of the best head ({@link BestHead}, unlimited samples) on the frozen layer of
     * width m drawn from {@code sd} (Gaussian rows): the floor random features reach.
     */
    static double bestHeadError(Target f, int width, Seeds sd) {
        TwoLayerNetwork frozen = SymmetricInit.initialize(width, f.dimension(), sd, false);
        return BestHead.of(frozen.weights(), frozen.biases(), f, true).relative();
    }

    /** The exact relative population error of random features of width m with the head fitted on {@code problem}. */
    static double fittedError(Problem problem, int width, int threads) {
        return Experiment.run(Experiment.Method.RANDOM_FEATURES, problem,
                new Experiment.Settings(width, TestErrors.MIN_SAMPLES, threads)).populationError();
    }
}
