package org.replearn.core.data;

/**
 * The purposes random numbers are drawn for; each has its own independent stream derived from the master seed
 * (see {@link Seeds}). The ordinal enters the seed: append new streams at the end, never reorder.
 */
public enum Stream {
    /** The target's frame {@code U}. */
    FRAME,
    /** First-layer weights and output signs at initialization. */
    INIT,
    /** Biases at initialization. */
    BIAS,
    /** Biases redrawn after the first step (optional in Algorithm 1). */
    BIAS_REDRAW,
    /** Training samples. */
    TRAIN,
    /** Validation samples (ridge λ selection). */
    VALIDATION,
    /** Test samples. */
    TEST,
    /** Source-task training samples (transfer learning). */
    SOURCE_TRAIN,
    /** Source-task validation samples (transfer learning). */
    SOURCE_VALIDATION,
    /** Auxiliary draws of the checks (Monte Carlo estimates, generated problems). */
    CHECK
}
