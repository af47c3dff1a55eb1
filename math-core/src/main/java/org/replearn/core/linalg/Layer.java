package org.replearn.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;

/**
 * A first layer {@code (W, b)} laid out for the kernels: {@code Wᵀ} row-major ({@code d} rows of length {@code m},
 * {@link Tiles#tileStride} apart), so that the inner loops run over neurons with unit stride. Read-only, shared by all
 * threads of a pass.
 */
final class Layer {
    final int m;
    final int d;
    /** Row stride of {@link #wt}. */
    final int stride;
    /** {@code Wᵀ}: {@code W_jk} at {@code k·stride + j}. */
    final double[] wt;
    final double[] b;

    Layer(DMatrixRMaj w, double[] b) {
        Validate.atLeast("w rows (width m)", w.numRows, 1, "pass at least one neuron");
        Validate.atLeast("w columns (dimension d)", w.numCols, 1, "pass inputs of dimension >= 1");
        Validate.dimension("b", b.length, w.numRows, "one bias per row of w");
        Validate.finite("w", w);
        Validate.finite("b", b);
        this.m = w.numRows;
        this.d = w.numCols;
        this.stride = Tiles.tileStride(m);
        this.wt = new double[d * stride];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                wt[k * stride + j] = w.data[j * d + k];
            }
        }
        this.b = b.clone();
    }
}
