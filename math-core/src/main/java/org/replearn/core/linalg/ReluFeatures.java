package org.replearn.core.linalg;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.data.Parallel;

/** Hidden-layer ReLU features {@code Φ = σ(X Wᵀ + 1 bᵀ)}, {@code Φ_ij = max(w_j·x_i + b_j, 0)}, one sample per row. */
public final class ReluFeatures {
    private ReluFeatures() {
    }

    /**
     * Writes {@code Φ} (n×m, reshaped) for {@code x} (n×d), {@code w} (m×d), {@code b} (m) with the blocked kernel on
     * {@code threads} threads. Rows are independent, so the result is the same for every thread count.
     */
    public static void compute(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj phi, int threads) {
        Layer layer = new Layer(w, b);
        check(x, layer);
        int n = x.numRows;
        int m = layer.m;
        phi.reshape(n, m, false);
        int tiles = (n + Tiles.ROWS - 1) / Tiles.ROWS;
        Parallel.forEach(tiles, threads, () -> null, (unused, k) -> {
            int row0 = k * Tiles.ROWS;
            int count = Math.min(Tiles.ROWS, n - row0);
            Tiles.preactivations(x.data, row0, count, layer, true, phi.data, row0 * m, Lanes.STRIP, m);
        });
    }

    /**
     * Plain reference: {@code Φ_ij = max(b_j + Σ_k x_ik w_jk, 0)}, the sum in increasing {@code k}, no fma. The
     * reference twins of this package's kernels live in {@code Reference}; this public entry remains for tests of
     * other packages that need features computed independently of the blocked kernel.
     */
    public static void reference(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj phi) {
        check(x, new Layer(w, b));
        Reference.reluFeatures(x, w, b, phi);
    }

    private static void check(DMatrixRMaj x, Layer layer) {
        Validate.dimension("x columns", x.numCols, layer.d, "x must have as many columns as w");
        Validate.finite("x", x);
    }
}
