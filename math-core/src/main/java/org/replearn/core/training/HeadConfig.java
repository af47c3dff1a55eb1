package org.replearn.core.training;

import org.replearn.core.Validate;

/**
 * How the second layer is fitted on frozen features (Algorithm 1 step 5): closed-form ridge with {@code λ} chosen on
 * the validation set over a grid, or {@code T} gradient steps on the same objective at a fixed {@code λ}.
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
     * {@code steps} gradient steps from {@code a = 0} on {@code (1/n)||Φa - ỹ||² + λ||a||²}.
     *
     * @param lambda the ridge {@code λ > 0}
     * @param steps  {@code T >= 1}
     */
    record GradientDescent(double lambda, int steps) implements HeadConfig {
        /** Validates both fields. */
        public GradientDescent {
            Validate.positive("lambda", lambda, "ridge λ must be > 0");
            Validate.atLeast("steps", steps, 1, "take at least one gradient step");
        }
    }
}
