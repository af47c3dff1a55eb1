package org.replearn.core.training;

import org.replearn.core.Validate;
import org.replearn.core.network.SymmetricInit;

/**
 * The two-layer network and head shared by the learners with a frozen first layer ({@link OneStepLearner},
 * {@link RandomFeaturesLearner}, {@link TransferLearner}): same width, initialization and head give the same budget.
 *
 * @param width      hidden width {@code m}, even (symmetric initialization, docs/math.md §3)
 * @param unitSphere initial rows of {@code W} uniform on the unit sphere instead of {@code N(0, I_d/d)}
 * @param head       how the second layer is fitted: ridge over a λ grid, or {@code T} gradient steps at
 *                   {@code λ₂, η₂} ({@link HeadConfig})
 * @param threads    worker threads (results do not depend on it)
 */
public record NetworkConfig(int width, boolean unitSphere, HeadConfig head, int threads) {
    /** Validates every field. */
    public NetworkConfig {
        SymmetricInit.requireEvenWidth(width);
        if (head == null) {
            throw new IllegalArgumentException("head is null: pass HeadConfig.reference() for the reference ridge head");
        }
        Validate.atLeast("threads", threads, 1, "use at least one thread");
    }

    /** The reference code's choices: Gaussian rows, ridge head over 100 {@code λ} in {@code [1e-10, 1e15]}. */
    public static NetworkConfig defaults(int width, int threads) {
        return new NetworkConfig(width, false, HeadConfig.reference(), threads);
    }

    /** The same network with the second layer fitted by {@code newHead}. */
    public NetworkConfig withHead(HeadConfig newHead) {
        return new NetworkConfig(width, unitSphere, newHead, threads);
    }
}
