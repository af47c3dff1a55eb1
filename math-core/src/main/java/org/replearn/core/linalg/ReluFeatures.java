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
            Tiles.preactivations(x.data, row0, count, layer, true, phi.data, row0 * m, Tiles.stripWidth(), m);
        });
    }

    /** Plain reference: {@code Φ_ij = max(b_j + Σ_k x_ik w_jk, 0)}, the sum in increasing {@code k}, no fma. */
    public static void reference(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj phi) {
        Layer layer = new Layer(w, b);
        check(x, layer);
        int n = x.numRows;
        int m = layer.m;
        int d = layer.d;
        phi.reshape(n, m, false);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = b[j];
                for (int k = 0; k < d; k++) {
                    s += x.data[i * d + k] * w.data[j * d + k];
                }
                phi.data[i * m + j] = s > 0 ? s : 0.0;
            }
        }
    }

    private static void check(DMatrixRMaj x, Layer layer) {
        Validate.dimension("x columns", x.numCols, layer.d, "x must have as many columns as w");
        Validate.finite("x", x);
    }
}
