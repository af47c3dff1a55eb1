package org.replearn.core.training;

import org.replearn.core.Validate;
import org.replearn.core.network.SymmetricInit;

/**
 * Configuration of {@link GradientDescentLearner}.
 *
 * @param width        hidden width {@code m}, even (symmetric initialization)
 * @param unitSphere   initial rows of {@code W} uniform on the unit sphere instead of {@code N(0, I_d/d)}
 * @param learningRate step size {@code η > 0}, the same for {@code a, W, b}
 * @param steps        number of full-batch steps {@code T >= 1}
 * @param threads      worker threads (results do not depend on it)
 */
public record GradientDescentConfig(int width, boolean unitSphere, double learningRate, int steps, int threads) {
    /** Validates every field. */
    public GradientDescentConfig {
        SymmetricInit.requireEvenWidth(width);
        Validate.positive("learningRate", learningRate, "pass a step size η > 0");
        Validate.atLeast("steps", steps, 1, "take at least one gradient step");
        Validate.atLeast("threads", threads, 1, "use at least one thread");
    }
}
