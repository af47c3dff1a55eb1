package org.replearn.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;

/**
 * A first layer {@code (W, b)} laid out for the kernels: {@code Wᵀ} packed in column strips of neurons
 * ({@link Tiles#stripOffset(int, int, int)}), so that the inner loops run over neurons with unit stride and each
 * strip is one contiguous block. Read-only, shared by all threads of a pass.
 */
final class Layer {
    final int m;
    final int d;
    /** {@code Wᵀ}: {@code W_jk} at {@code Tiles.stripOffset(j, k, d)}; the last strip's padding is 0. */
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
        this.wt = new double[Tiles.paddedWidth(m) * d];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                wt[Tiles.stripOffset(j, k, d)] = w.data[j * d + k];
            }
        }
        this.b = b.clone();
    }
}
