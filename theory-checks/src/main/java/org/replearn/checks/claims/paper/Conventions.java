package org.replearn.checks.claims.paper;

/**
 * The settings several claims share, in one place: change one here and every claim that states it follows.
 */
public final class Conventions {
    /** Validation samples on which the learning claims choose the ridge {@code λ} (and the GD head its step count). */
    public static final long VALIDATION_SAMPLES = 4096;
    /** Label-noise variance {@code σ²} of the claims that learn from noisy labels ({@code gd-head}, {@code width}). */
    public static final double LABEL_NOISE = 1.0;

    private Conventions() {
    }
}
