package org.replearn.core.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * A fitted function {@code x ↦ f̂(x)}: what the learners of {@code org.replearn.core.training} return and the
 * metrics evaluate. Implementations are immutable and safe to call from several threads at once.
 */
@FunctionalInterface
public interface Predictor {
    /** {@code out[i] = f̂(x_i)} for the rows of {@code x} ({@code out.length >= x.numRows}). */
    void predict(DMatrixRMaj x, double[] out);
}
