package org.replearn.core.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.Validate;

/**
 * A rotation-invariant kernel {@code k(x, y) = κ(||x||², ||y||², x·y)}. Batched evaluation computes the inner
 * products by a GEMM ({@code X Yᵀ}, row blocks of {@link RowBlocks#ROWS}) and the squared row norms once, then applies
 * {@link #evaluate} elementwise. Inner products and norms are sequential sums over the coordinates, as in
 * {@link #value}; the Gram diagonal uses the squared norm itself, so {@code gram_ii = value(x_i, x_i)} exactly.
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

    @Override
    public final void gram(DMatrixRMaj x, DMatrixRMaj out, int threads) {
        RowBlocks.checkPoints("x", x, dimension);
        int n = x.numRows;
        out.reshape(n, n, false);
        double[] norms = squaredNorms(x);
        double[] o = out.data;
        RowBlocks.run(n, threads, Workspace::new, (w, r0, r1) -> {
            CommonOps_DDRM.multTransB(RowBlocks.rows(x, r0, r1, w.block), RowBlocks.head(x, r1), w.dots);
            double[] dots = w.dots.data;
            for (int i = r0; i < r1; i++) {
                int row = (i - r0) * r1;
                for (int j = 0; j < i; j++) {
                    o[i * n + j] = evaluate(norms[i], norms[j], dots[row + j]);
                }
                o[i * n + i] = evaluate(norms[i], norms[i], norms[i]);
            }
            RowBlocks.mirror(out, r0, r1);
        });
    }

    @Override
    public final void cross(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj out, int threads) {
        RowBlocks.checkPoints("x", x, dimension);
        RowBlocks.checkPoints("y", y, dimension);
        int n = x.numRows;
        int p = y.numRows;
        out.reshape(n, p, false);
        double[] nx = squaredNorms(x);
        double[] ny = squaredNorms(y);
        double[] o = out.data;
        RowBlocks.run(n, threads, Workspace::new, (w, r0, r1) -> {
            CommonOps_DDRM.multTransB(RowBlocks.rows(x, r0, r1, w.block), y, w.dots);
            double[] dots = w.dots.data;
            for (int i = r0; i < r1; i++) {
                int row = (i - r0) * p;
                for (int j = 0; j < p; j++) {
                    o[i * p + j] = evaluate(nx[i], ny[j], dots[row + j]);
                }
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

    /** Per-thread scratch: a row block of X and its inner products. */
    private static final class Workspace {
        final DMatrixRMaj block = new DMatrixRMaj(1, 1);
        final DMatrixRMaj dots = new DMatrixRMaj(1, 1);
    }
}
