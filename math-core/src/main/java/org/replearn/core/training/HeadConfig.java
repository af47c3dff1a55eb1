package org.replearn.core.training;

import org.replearn.core.Validate;

/**
 * How the second layer is fitted on frozen features (Algorithm 1 step 5): closed-form ridge with {@code λ} chosen on
 * the validation set over a grid, or {@code T} gradient steps on the same objective at a fixed {@code λ} with step
 * {@code η} (Algorithm 1's {@code λ₂, T, η₂}), {@code T} fixed or chosen on the validation set.
 */
public sealed interface HeadConfig permits HeadConfig.Ridge, HeadConfig.GradientDescent {

    /** The reference code's head: closed-form ridge, 100 log-spaced {@code λ} in {@code [1e-10, 1e15]}. */
    static Ridge reference() {
        return new Ridge(RidgeHead.logGrid(1e-10, 1e15, 100));
    }

    /**
     * Closed-form ridge over a grid, {@code λ} chosen on validation (one tridiagonalization serves the whole grid).
     *
     * @param lambdaGrid the candidate {@code λ}, strictly increasing, every value finite and {@code > 0}
     */
    record Ridge(double[] lambdaGrid) implements HeadConfig {
        /** Validates and copies the grid ({@link Validate#lambdaGrid}). */
        public Ridge {
            lambdaGrid = Validate.lambdaGrid("lambdaGrid", lambdaGrid);
        }

        @Override
        public double[] lambdaGrid() {
            return lambdaGrid.clone();
        }
    }

    /**
     * Algorithm 1 step 5 as gradient descent (docs/math.md §4): full-batch steps from {@code a = 0} on
     * {@code (1/n)||Φa - ỹ||² + λ||a||²}, {@code a ← a - η·2((ΦᵀΦ/n + λI)a - Φᵀỹ/n)}, at a fixed {@code λ}. After
     * {@code T} steps the distance to the closed form {@code a(λ)} has shrunk by {@code (1 - 2η(Λ_i + λ))^T} in the
     * eigendirection of each eigenvalue {@code Λ_i} of {@code ΦᵀΦ/n}: the iteration converges iff
     * {@code η < 1/λ_max(ΦᵀΦ/n + λI)}, checked on the features when the head is fitted
     * ({@link RidgeHead#gradientDescentPath}). Either exactly {@code steps} steps, or ({@code stopOnValidation}) the
     * iterate with the smallest validation error among {@link RidgeHead#stoppingGrid(int)}{@code (steps)}: {@code T}
     * chosen on the validation set as the ridge head chooses {@code λ}.
     *
     * @param lambda           the ridge (weight decay) {@code λ₂ > 0}
     * @param steps            {@code T >= 1}, or the largest {@code T} considered when stopping on validation
     * @param learningRate     the step {@code η₂ > 0}, or {@code 0} for the safe default
     *                         {@code 1/(2(tr(ΦᵀΦ/n) + λ))} ({@link RidgeHead#defaultLearningRate}): the trace bounds
     *                         the top eigenvalue, so every direction contracts monotonically (factors in
     *                         {@code [0, 1)})
     * @param stopOnValidation choose {@code T <= steps} on the validation set (early stopping)
     */
    record GradientDescent(double lambda, int steps, double learningRate, boolean stopOnValidation)
            implements HeadConfig {
        /** Validates every field. */
        public GradientDescent {
            Validate.positive("lambda", lambda, "ridge λ must be > 0");
            Validate.atLeast("steps", steps, 1, "take at least one gradient step");
            Validate.nonNegative("learningRate", learningRate,
                    "pass η₂ > 0, or 0 for the default 1/(2(tr(ΦᵀΦ/n) + λ))");
        }

        /** Exactly {@code steps} steps of {@code learningRate}. */
        public GradientDescent(double lambda, int steps, double learningRate) {
            this(lambda, steps, learningRate, false);
        }

        /** Exactly {@code steps} steps at the default step {@code 1/(2(tr(ΦᵀΦ/n) + λ))}. */
        public GradientDescent(double lambda, int steps) {
            this(lambda, steps, 0.0, false);
        }
    }
}
