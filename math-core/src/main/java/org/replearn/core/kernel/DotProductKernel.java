package org.replearn.core.kernel;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.linalg.InnerProducts;
import org.replearn.core.linalg.VectorGuard;

/**
 * A rotation-invariant kernel {@code k(x, y) = κ(||x||², ||y||², x·y)}. Batched evaluation computes the squared row
 * norms once and the inner products by row blocks of {@link RowBlocks#ROWS} ({@link InnerProducts}, vectorized; a
 * Gram matrix's strictly lower triangle only, mirrored), then applies {@link #evaluate} to each row
 * ({@link #evaluateRow}, vectorized by the ReLU kernels). Inner products and norms are sequential sums over the
 * coordinates, as in {@link #value}; the Gram diagonal uses the squared norm itself, so every entry is
 * {@code value(x_i, y_j)} exactly.
 */
public abstract class DotProductKernel implements Kernel {
    /** The input dimension {@code d}. */
    protected final int dimension;

    /** A kernel on {@code R^d}. */
    protected DotProductKernel(int dimension) {
        this.dimension = Validate.atLeast("dimension", dimension, 1, "kernels act on R^d with d >= 1");
    }

    /** {@code κ(xx, yy, xy)} for squared norms {@code xx = ||x||²}, {@code yy = ||y||²} and {@code xy = x·y}. */
    public abstract double evaluate(double xx, double yy, double xy);

    @Override
    public final int dimension() {
        return dimension;
    }

    @Override
    public final double value(double[] x, double[] y) {
        RowBlocks.checkPoint("x", x, dimension);
        RowBlocks.checkPoint("y", y, dimension);
        return evaluate(dot(x, x), dot(y, y), dot(x, y));
    }

    /**
     * {@code out[o + j] = evaluate(xx, yy[j], out[o + j])} for {@code j < count}: one row of a batched matrix, whose
     * entries hold the inner products on entry. A kernel may override it with a vectorized twin that gives the same
     * bits ({@link ReluNtk}, {@link ReluNngp}).
     */
    void evaluateRow(double xx, double[] yy, double[] out, int o, int count) {
        for (int j = 0; j < count; j++) {
            out[o + j] = evaluate(xx, yy[j], out[o + j]);
        }
    }

    @Override
    public final void gram(DMatrixRMaj x, DMatrixRMaj out, int threads) {
        RowBlocks.checkPoints("x", x, dimension);
        VectorGuard.configuration();
        int n = x.numRows;
        out.reshape(n, n, false);
        double[] norms = squaredNorms(x);
        double[] packed = InnerProducts.pack(x.data, n, dimension);
        double[] o = out.data;
        RowBlocks.run(n, threads, () -> null, (unused, r0, r1) -> {
            InnerProducts.rows(x.data, x.data, packed, n, dimension, r0, r1, true, o, r0 * n);
            for (int i = r0; i < r1; i++) {
                evaluateRow(norms[i], norms, o, i * n, i);
                o[i * n + i] = evaluate(norms[i], norms[i], norms[i]);
            }
            RowBlocks.mirror(out, r0, r1);
        });
    }

    @Override
    public final void cross(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj out, int threads) {
        RowBlocks.checkPoints("x", x, dimension);
        RowBlocks.checkPoints("y", y, dimension);
        VectorGuard.configuration();
        int n = x.numRows;
        int p = y.numRows;
        out.reshape(n, p, false);
        double[] nx = squaredNorms(x);
        double[] ny = squaredNorms(y);
        double[] packed = InnerProducts.pack(y.data, p, dimension);
        double[] o = out.data;
        RowBlocks.run(n, threads, () -> null, (unused, r0, r1) -> {
            InnerProducts.rows(x.data, y.data, packed, p, dimension, r0, r1, false, o, r0 * p);
            for (int i = r0; i < r1; i++) {
                evaluateRow(nx[i], ny, o, i * p, p);
            }
        });
    }

    /** {@code Σ_k x_k y_k}, summed in increasing {@code k} (the order of EJML's {@code multTransB}). */
    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    private static double[] squaredNorms(DMatrixRMaj x) {
        int d = x.numCols;
        double[] norms = new double[x.numRows];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (int k = i * d; k < (i + 1) * d; k++) {
                s += x.data[k] * x.data[k];
            }
            norms[i] = s;
        }
        return norms;
    }
}
