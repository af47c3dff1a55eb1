package org.replearn.core.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.linalg.ReluFeatures;
import org.replearn.core.network.Activation;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Neural tangent kernel of the finite ReLU network {@code f(x) = Σ_j a_j σ(w_j·x + b_j)} at fixed parameters, divided
 * by the width {@code m}: {@code Θ_m(x, y) = (1/m) Σ_j [σ(s_j)σ(t_j) + a_j² σ'(s_j)σ'(t_j)(x·y + 1)]} with
 * {@code s_j = w_j·x + b_j}, {@code t_j = w_j·y + b_j}, {@code σ'(s) = 1[s > 0]}. At the initialization of docs/math.md §3
 * it tends to {@link ReluNtk} as {@code m → ∞}. Batched: with {@code Φ = σ(X Wᵀ + 1bᵀ)} and
 * {@code M = 1[X Wᵀ + 1bᵀ > 0] diag(a)}, {@code Θ_m = (Φ Φ'ᵀ + (X X'ᵀ + 1) ∘ (M M'ᵀ)) / m} by GEMMs.
 */
public final class EmpiricalNtk implements Kernel {
    private final DMatrixRMaj w;
    private final double[] b;
    private final double[] a;

    /**
     * The kernel of first layer {@code w} (m×d), biases {@code b} and output weights {@code a} (length m); validated
     * and copied as by {@link TwoLayerNetwork}.
     */
    public EmpiricalNtk(DMatrixRMaj w, double[] b, double[] a) {
        this(new TwoLayerNetwork(w, b, a, Activation.RELU));
    }

    private EmpiricalNtk(TwoLayerNetwork net) {
        this.w = net.weights();
        this.b = net.biases();
        this.a = net.outputWeights();
    }

    /** The kernel of a ReLU network at its current parameters. */
    public static EmpiricalNtk of(TwoLayerNetwork net) {
        if (net.activation() != Activation.RELU) {
            throw new IllegalArgumentException("activation = " + net.activation().name()
                    + " is not supported: the empirical NTK is implemented for Activation.RELU");
        }
        return new EmpiricalNtk(net);
    }

    /** The width {@code m}. */
    public int width() {
        return w.numRows;
    }

    @Override
    public int dimension() {
        return w.numCols;
    }

    @Override
    public String name() {
        return "empirical-ntk(m=" + width() + ")";
    }

    /**
     * {@code Θ_m(x, y)}, summed over neurons in increasing {@code j}; {@code s_j = b_j + Σ_k x_k w_jk} accumulated by
     * fused multiply-adds in increasing {@code k}, as in {@link ReluFeatures}.
     */
    @Override
    public double value(double[] x, double[] y) {
        int d = dimension();
        RowBlocks.checkPoint("x", x, d);
        RowBlocks.checkPoint("y", y, d);
        double features = 0;
        double masks = 0;
        for (int j = 0; j < width(); j++) {
            double s = preactivation(j, x);
            double t = preactivation(j, y);
            features += (s > 0 ? s : 0.0) * (t > 0 ? t : 0.0);
            masks += (s > 0 ? a[j] : 0.0) * (t > 0 ? a[j] : 0.0);
        }
        double xy = 0;
        for (int k = 0; k < d; k++) {
            xy += x[k] * y[k];
        }
        return (features + (xy + 1) * masks) / width();
    }

    @Override
    public void gram(DMatrixRMaj x, DMatrixRMaj out, int threads) {
        RowBlocks.checkPoints("x", x, dimension());
        int n = x.numRows;
        out.reshape(n, n, false);
        Features f = features(x, threads);
        RowBlocks.run(n, threads, Workspace::new, (ws, r0, r1) -> {
            ws.products(f, x, r0, r1, f, x, r1);
            ws.combine(out, r0, r1, r1, width());
            RowBlocks.mirror(out, r0, r1);
        });
    }

    @Override
    public void cross(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj out, int threads) {
        RowBlocks.checkPoints("x", x, dimension());
        RowBlocks.checkPoints("y", y, dimension());
        out.reshape(x.numRows, y.numRows, false);
        Features fx = features(x, threads);
        Features fy = features(y, threads);
        RowBlocks.run(x.numRows, threads, Workspace::new, (ws, r0, r1) -> {
            ws.products(fx, x, r0, r1, fy, y, y.numRows);
            ws.combine(out, r0, r1, y.numRows, width());
        });
    }

    private double preactivation(int j, double[] x) {
        int d = x.length;
        double s = b[j];
        for (int k = 0; k < d; k++) {
            s = Math.fma(x[k], w.data[j * d + k], s);
        }
        return s;
    }

    /** {@code Φ} and {@code M} of a batch (n×m each). */
    private Features features(DMatrixRMaj x, int threads) {
        DMatrixRMaj phi = new DMatrixRMaj(x.numRows, width());
        ReluFeatures.compute(x, w, b, phi, threads);
        DMatrixRMaj mask = new DMatrixRMaj(x.numRows, width());
        int m = width();
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < m; j++) {
                mask.data[i * m + j] = phi.data[i * m + j] > 0 ? a[j] : 0.0;
            }
        }
        return new Features(phi, mask);
    }

    private record Features(DMatrixRMaj phi, DMatrixRMaj mask) {
    }

    /** Per-thread scratch: row blocks of {@code Φ, M, X} and their products with the other batch. */
    private static final class Workspace {
        final DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        final DMatrixRMaj mask = new DMatrixRMaj(1, 1);
        final DMatrixRMaj points = new DMatrixRMaj(1, 1);
        final DMatrixRMaj features = new DMatrixRMaj(1, 1);
        final DMatrixRMaj masks = new DMatrixRMaj(1, 1);
        final DMatrixRMaj dots = new DMatrixRMaj(1, 1);

        /** Products of rows {@code [r0, r1)} of the left batch with the first {@code cols} rows of the right one. */
        void products(Features left, DMatrixRMaj x, int r0, int r1, Features right, DMatrixRMaj y, int cols) {
            CommonOps_DDRM.multTransB(RowBlocks.rows(left.phi, r0, r1, phi), RowBlocks.head(right.phi, cols), features);
            CommonOps_DDRM.multTransB(RowBlocks.rows(left.mask, r0, r1, mask), RowBlocks.head(right.mask, cols), masks);
            CommonOps_DDRM.multTransB(RowBlocks.rows(x, r0, r1, points), RowBlocks.head(y, cols), dots);
        }

        /** {@code out_ij = (features + (dots + 1) masks) / m} for rows {@code [r0, r1)}, columns {@code [0, cols)}. */
        void combine(DMatrixRMaj out, int r0, int r1, int cols, int m) {
            int stride = out.numCols;
            for (int i = r0; i < r1; i++) {
                int row = (i - r0) * cols;
                for (int j = 0; j < cols; j++) {
                    out.data[i * stride + j] = (features.data[row + j] + (dots.data[row + j] + 1) * masks.data[row + j]) / m;
                }
            }
        }
    }
}
