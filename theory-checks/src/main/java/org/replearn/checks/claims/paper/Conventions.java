package org.replearn.checks.claims.paper;

/**
 * The settings several claims share, in one place: change one here and every claim that states it follows.
 */
public final class Conventions {
    /** Validation samples on which the learning claims choose the ridge {@code λ} (and the GD head its step count). */
    public static final long VALIDATION_SAMPLES = 4096;
    /** Label-noise variance {@code σ²} of the claims that learn from noisy labels ({@code gd-head}, {@code width}). */
    public static final double LABEL_NOISE = 1.0;

    /**
     * The target link of the claims about the first-step correlation and the expected Hessian
     * ({@code population-gradient}, {@code expected-hessian}), in {@code TargetSpec} syntax: constant, linear, degree 2
     * and degree 3 parts on two directions, so that removing the constant and linear parts (de-linearization) matters.
     */
    public static final String MIXED_TARGET =
            "0.3 + 0.4*h1(z1) + 0.5*h2(z1) + 0.2*h1(z1)*h1(z2) + 0.4*h1(z1)*h2(z2) + 0.3*h3(z2)";

    private Conventions() {
    }
}
