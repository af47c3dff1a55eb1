package org.replearn.core.training;

import org.replearn.core.Validate;

/**
 * Configuration of Algorithm 1 ({@link OneStepLearner}, and the pretraining of {@link TransferLearner}).
 *
 * @param network      width, initialization, head and threads
 * @param learningRate first-step learning rate {@code η₁ > 0}, or {@code 0} for the reference code's rule: {@code η₁}
 *                     such that the rows of {@code W¹} have RMS norm 1
 * @param redrawBiases redraw {@code b ~ N(0,1)} after the first step (own seed stream); the reference keeps them
 */
public record OneStepConfig(NetworkConfig network, double learningRate, boolean redrawBiases) {
    /** Validates every field. */
    public OneStepConfig {
        if (network == null) {
            throw new IllegalArgumentException("network is null: pass e.g. NetworkConfig.defaults(m, threads)");
        }
        Validate.nonNegative("learningRate", learningRate, "pass η₁ > 0, or 0 for rows of W¹ with RMS norm 1");
    }

    /** The reference code's choices: automatic {@code η₁}, biases kept, {@link NetworkConfig#defaults}. */
    public static OneStepConfig defaults(int width, int threads) {
        return new OneStepConfig(NetworkConfig.defaults(width, threads), 0.0, false);
    }

    /** The same configuration with the second layer fitted by {@code head} (e.g. Algorithm 1's gradient steps). */
    public OneStepConfig withHead(HeadConfig head) {
        return new OneStepConfig(network.withHead(head), learningRate, redrawBiases);
    }
}
