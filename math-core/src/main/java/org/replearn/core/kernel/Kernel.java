package org.replearn.core.kernel;

import org.ejml.data.DMatrixRMaj;

/**
 * A positive semi-definite kernel {@code k(x, y)} on {@code R^d}, evaluated pointwise or in batches (one sample per
 * row). Batched results are bit-identical for every {@code threads >= 1}.
 */
public interface Kernel {
    /** The input dimension {@code d}. */
    int dimension();

    /** Short name for reports, e.g. {@code relu-ntk}. */
    String name();

    /** {@code k(x, y)} for two points of length {@code d}. */
    double value(double[] x, double[] y);

    /** The Gram matrix {@code out_ij = k(x_i, x_j)} (n×n, reshaped, exactly symmetric) of {@code x} (n×d). */
    void gram(DMatrixRMaj x, DMatrixRMaj out, int threads);

    /** The cross matrix {@code out_ij = k(x_i, y_j)} (n×n', reshaped) of {@code x} (n×d) and {@code y} (n'×d). */
    void cross(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj out, int threads);

    /** {@link #gram(DMatrixRMaj, DMatrixRMaj, int)} on the caller's thread. */
    default void gram(DMatrixRMaj x, DMatrixRMaj out) {
        gram(x, out, 1);
    }

    /** {@link #cross(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, int)} on the caller's thread. */
    default void cross(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj out) {
        cross(x, y, out, 1);
    }
}
