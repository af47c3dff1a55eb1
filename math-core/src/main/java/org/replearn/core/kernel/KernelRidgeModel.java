package org.replearn.core.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.Validate;

/**
 * A fitted kernel ridge predictor {@code f̂(x) = Σ_i α_i k(x, x_i) = k(x, X) α}. Immutable.
 */
public final class KernelRidgeModel {
    /** Rows of new points per cross-kernel block in {@link #predict} (bounds memory to this many rows × n). */
    private static final int PREDICT_ROWS = 1024;

    private final Kernel kernel;
    private final DMatrixRMaj x;
    private final double[] alpha;
    private final double lambda;

    /** Package-private: built by {@link KernelRidge}, which owns (and never mutates) {@code x} and {@code alpha}. */
    KernelRidgeModel(Kernel kernel, DMatrixRMaj x, double[] alpha, double lambda) {
        this.kernel = kernel;
        this.x = x;
        this.alpha = alpha;
        this.lambda = lambda;
    }

    /** The kernel. */
    public Kernel kernel() {
        return kernel;
    }

    /** The ridge parameter {@code λ} the model was fitted with. */
    public double lambda() {
        return lambda;
    }

    /** The number of training points {@code n}. */
    public int size() {
        return alpha.length;
    }

    /** A copy of the dual coefficients {@code α = (K + nλI)⁻¹ y}. */
    public double[] alpha() {
        return alpha.clone();
    }

    /** {@code f̂(point)}. */
    public double value(double[] point) {
        double[] row = new double[x.numCols];
        double s = 0;
        for (int i = 0; i < alpha.length; i++) {
            System.arraycopy(x.data, i * x.numCols, row, 0, row.length);
            s += kernel.value(point, row) * alpha[i];
        }
        return s;
    }

    /** {@code out[i] = f̂(points_i)} for the rows of {@code points}; bit-identical for every {@code threads}. */
    public void predict(DMatrixRMaj points, double[] out, int threads) {
        Validate.dimension("out", out.length, points.numRows, "allocate one entry per row of points");
        DMatrixRMaj block = new DMatrixRMaj(1, 1);
        DMatrixRMaj cross = new DMatrixRMaj(1, 1);
        DMatrixRMaj coefficients = DMatrixRMaj.wrap(alpha.length, 1, alpha);
        DMatrixRMaj values = new DMatrixRMaj(1, 1);
        for (int r0 = 0; r0 < points.numRows; r0 += PREDICT_ROWS) {
            int r1 = Math.min(points.numRows, r0 + PREDICT_ROWS);
            kernel.cross(RowBlocks.rows(points, r0, r1, block), x, cross, threads);
            CommonOps_DDRM.mult(cross, coefficients, values);
            System.arraycopy(values.data, 0, out, r0, r1 - r0);
        }
    }
}
