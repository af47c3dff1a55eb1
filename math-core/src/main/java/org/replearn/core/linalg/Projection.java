package org.replearn.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.Validate;

/**
 * Products {@code Y = X B} with one fixed right factor {@code B} (k×c), on the register-blocked kernel of
 * {@link Tiles} (as a layer with weights {@code Bᵀ} and zero biases): each {@code Y_ij} is one chain of
 * {@link Math#fma} over {@code k} in increasing order, so the result depends on neither the blocking nor the vector
 * length. Immutable; one instance serves any number of threads.
 */
public final class Projection {
    private final Layer layer;

    /** Prepares products with {@code b} (k×c, copied). */
    public Projection(DMatrixRMaj b) {
        this.layer = new Layer(CommonOps_DDRM.transpose(b, null), new double[b.numCols]);
    }

    /** {@code y = x B}: {@code x} is rows×k, {@code y} is reshaped to rows×c. */
    public void apply(DMatrixRMaj x, DMatrixRMaj y) {
        Validate.dimension("x columns", x.numCols, layer.d, "x must have one column per row of B");
        int rows = x.numRows;
        int c = layer.m;
        y.reshape(rows, c, false);
        for (int row0 = 0; row0 < rows; row0 += Tiles.ROWS) {
            int count = Math.min(Tiles.ROWS, rows - row0);
            Tiles.preactivations(x.data, row0, count, layer, false, y.data, row0 * c, Lanes.STRIP, c);
        }
    }
}
