package org.replearn.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.replearn.core.Validate;
import org.replearn.core.data.Parallel;

/**
 * Blocked Cholesky factorization {@code A + sI = UᵀU} ({@code U} upper triangular) and solves with it, for the large
 * symmetric positive definite systems of kernel ridge regression. Right-looking, as LAPACK's {@code dpotrf} with
 * {@code uplo = 'U'}: per block row of {@link #BLOCK} rows, the diagonal block by EJML's
 * {@link CholeskyDecompositionInner_DDRM}, the rest of the block row by substitution {@code U₁₂ = U₁₁⁻ᵀ A₁₂}
 * (vectorized along the row), and the trailing update {@code A₂₂ −= U₁₂ᵀ U₁₂}, which carries {@code n³/3} of the
 * {@code n³/3 + O(n²·BLOCK)} flops, by the register-blocked Gram kernel of {@link Tiles} on all threads. EJML's own
 * blocked Cholesky runs at about 3.5 GFLOP/s on this project's machine, this one near the DGEMM peak.
 *
 * <p>Bit-identical for every thread count: threads split the columns of the block row and the row blocks of the
 * trailing update, and every entry's operations and their order are fixed.
 */
public final class Cholesky {
    /** Rows per block row (a multiple of the kernels' column strips, at most the Gram kernel's chunk). */
    static final int BLOCK = 128;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int COLUMN_CHUNK = 256;

    private final int n;
    private final int stride;
    /** Row-major {@code stride × stride}; the upper triangle of the leading {@code n × n} block is {@code U}. */
    private final double[] u;

    private Cholesky(int n, int stride, double[] u) {
        this.n = n;
        this.stride = stride;
        this.u = u;
    }

    /**
     * Factors {@code a + shift·I} (only the upper triangle of {@code a} is read) on {@code threads} threads, or
     * returns null if it is not numerically positive definite (a pivot {@code <= 0} or not finite).
     */
    public static Cholesky factor(DMatrixRMaj a, double shift, int threads) {
        Validate.dimension("a columns", a.numCols, a.numRows, "pass a square matrix");
        Validate.finite("shift", shift);
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        int n = a.numRows;
        // Padded to whole strips; the padding is the identity, so the factor of diag(A + sI, I) is diag(U, I).
        int np = Tiles.paddedWidth(n);
        double[] u = new double[np * np];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.data, i * n + i, u, i * np + i, n - i);
            u[i * np + i] += shift;
        }
        for (int i = n; i < np; i++) {
            u[i * np + i] = 1.0;
        }
        double[] pos = new double[Tiles.GRAM_ROWS * np];
        double[] neg = new double[Tiles.GRAM_ROWS * np];
        DMatrixRMaj block = new DMatrixRMaj(BLOCK, BLOCK);
        CholeskyDecompositionInner_DDRM inner = new CholeskyDecompositionInner_DDRM(false);
        for (int k0 = 0; k0 < np; k0 += BLOCK) {
            int nb = Math.min(BLOCK, np - k0);
            if (!factorDiagonalBlock(u, np, k0, nb, block, inner)) {
                return null;
            }
            int c0 = k0 + nb;
            int width = np - c0;
            if (width == 0) {
                break;
            }
            int k = k0;
            Parallel.forEach((width + COLUMN_CHUNK - 1) / COLUMN_CHUNK, threads, () -> null, (unused, chunk) -> {
                int from = c0 + chunk * COLUMN_CHUNK;
                solveBlockRow(u, np, k, nb, from, Math.min(np, from + COLUMN_CHUNK));
            });
            Tiles.packRows(u, k0 * np + c0, np, nb, width, 1.0, pos);
            Tiles.packRows(u, k0 * np + c0, np, nb, width, -1.0, neg);
            Parallel.forEach(Tiles.gramBlocks(width), threads, () -> null,
                    (unused, blk) -> Tiles.addGramUpper(neg, pos, nb, u, c0 * np + c0, np, width, blk));
        }
        return new Cholesky(n, np, u);
    }

    /** Replaces the diagonal block at {@code (k0, k0)} by its upper Cholesky factor; false if it is not SPD. */
    private static boolean factorDiagonalBlock(double[] u, int np, int k0, int nb, DMatrixRMaj block,
            CholeskyDecompositionInner_DDRM inner) {
        block.reshape(nb, nb);
        for (int i = 0; i < nb; i++) {
            for (int j = i; j < nb; j++) {
                double v = u[(k0 + i) * np + k0 + j];
                block.data[i * nb + j] = v;
                block.data[j * nb + i] = v;
            }
        }
        if (!inner.decompose(block)) {
            return false;
        }
        DMatrixRMaj t = inner.getT(null);
        for (int i = 0; i < nb; i++) {
            double pivot = t.data[i * nb + i];
            if (!(pivot > 0) || !Double.isFinite(pivot)) {
                return false;
            }
            System.arraycopy(t.data, i * nb + i, u, (k0 + i) * np + k0 + i, nb - i);
        }
        return true;
    }

    /**
     * Columns {@code from .. to} of block row {@code k0 .. k0+nb}: row {@code i} becomes
     * {@code (a_i − Σ_{k<i} U_ki u_k) / U_ii}, the sum in increasing {@code k} (forward substitution with
     * {@code U₁₁ᵀ}, lane-wise along the row).
     */
    private static void solveBlockRow(double[] u, int np, int k0, int nb, int from, int to) {
        int vEnd = from + S.loopBound(to - from);
        for (int i = 0; i < nb; i++) {
            int ri = (k0 + i) * np;
            for (int k = 0; k < i; k++) {
                int rk = (k0 + k) * np;
                double f = -u[rk + k0 + i];
                DoubleVector fv = DoubleVector.broadcast(S, f);
                int c = from;
                for (; c < vEnd; c += S.length()) {
                    fv.fma(DoubleVector.fromArray(S, u, rk + c), DoubleVector.fromArray(S, u, ri + c))
                            .intoArray(u, ri + c);
                }
                for (; c < to; c++) {
                    u[ri + c] = Math.fma(f, u[rk + c], u[ri + c]);
                }
            }
            double pivot = u[ri + k0 + i];
            int c = from;
            for (; c < vEnd; c += S.length()) {
                DoubleVector.fromArray(S, u, ri + c).div(pivot).intoArray(u, ri + c);
            }
            for (; c < to; c++) {
                u[ri + c] /= pivot;
            }
        }
    }

    /** Order of the factored matrix. */
    public int size() {
        return n;
    }

    /** The factor {@code U}: n×n, upper triangular (zeros below the diagonal). */
    public DMatrixRMaj upper() {
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(u, i * stride + i, t.data, i * n + i, n - i);
        }
        return t;
    }

    /** {@code x = (A + sI)⁻¹ y} by forward substitution with {@code Uᵀ} and back substitution with {@code U}. */
    public double[] solve(double[] y) {
        Validate.dimension("y length", y.length, n, "one right-hand side entry per row of the factored matrix");
        double[] x = y.clone();
        for (int i = 0; i < n; i++) {
            int ri = i * stride;
            double xi = x[i] / u[ri + i];
            x[i] = xi;
            for (int j = i + 1; j < n; j++) {
                x[j] = Math.fma(-u[ri + j], xi, x[j]);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            int ri = i * stride;
            double s = x[i];
            for (int j = i + 1; j < n; j++) {
                s = Math.fma(-u[ri + j], x[j], s);
            }
            x[i] = s / u[ri + i];
        }
        return x;
    }
}
