package org.replearn.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.replearn.core.Validate;
import org.replearn.core.data.Parallel;

/**
 * Blocked Cholesky factorization {@code A + sI = UᵀU} ({@code U} upper triangular) and solves with it, for the large
 * symmetric positive definite systems of kernel ridge regression. Right-looking, as LAPACK's {@code dpotrf} with
 * {@code uplo = 'U'}: per block row of {@link #BLOCK} rows, the diagonal block by EJML's unblocked Cholesky
 * ({@link #diagonalBlockDecomposition}), the rest of the block row by substitution {@code U₁₂ = U₁₁⁻ᵀ A₁₂}
 * (register-blocked, four rows at a time), and the trailing update {@code A₂₂ −= U₁₂ᵀ U₁₂}, which carries
 * {@code n³/3} of the {@code n³/3 + O(n²·BLOCK)} flops, by the register-blocked Gram kernel of {@link Tiles} on all
 * threads, for two block rows at a time (so the trailing matrix is streamed through memory {@code n/(2·BLOCK)}
 * times). EJML's own blocked Cholesky is several times slower than this blocked, vectorized one, which runs close
 * to the machine's DGEMM rate (figures in benchmarks/README.md, "Choice of kernels").
 *
 * <p>Bit-identical for every thread count: threads split the columns of the block row and the row blocks of the
 * trailing update, and every entry's operations and their order are fixed.
 */
public final class Cholesky {
    /** Rows per block row (a multiple of the kernels' column strips, at most the Gram kernel's chunk). */
    static final int BLOCK = 128;
    private static final VectorSpecies<Double> S = Lanes.SPECIES;
    private static final int L = Lanes.LENGTH;
    /** Columns per strip of the block-row solve: the kernels' strip width (two vectors; the padded order's unit). */
    private static final int STRIP = Lanes.STRIP;
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
        // Rows ld apart (Tiles.tileStride) so that a block's rows do not share L1 sets when n is a power of two.
        int np = Tiles.paddedWidth(n);
        int ld = Tiles.tileStride(n);
        double[] u = new double[np * ld];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a.data, i * n + i, u, i * ld + i, n - i);
            u[i * ld + i] += shift;
        }
        for (int i = n; i < np; i++) {
            u[i * ld + i] = 1.0;
        }
        double[] pos = new double[Tiles.GRAM_ROWS * np];
        double[] neg = new double[Tiles.GRAM_ROWS * np];
        DMatrixRMaj block = new DMatrixRMaj(BLOCK, BLOCK);
        double[] negDiagonal = new double[Tiles.GRAM_ROWS * BLOCK];
        CholeskyDecomposition_F64<DMatrixRMaj> inner = diagonalBlockDecomposition();
        // Block rows in pairs: the second gets the first's terms alone, then the rest of the matrix gets the terms of
        // both in one pass (each trailing entry is read and written once per 2·BLOCK rows instead of per BLOCK).
        for (int k0 = 0; k0 < np; k0 += 2 * BLOCK) {
            int k1 = Math.min(np, k0 + BLOCK);
            int k2 = Math.min(np, k1 + BLOCK);
            if (!factorBlockRow(u, ld, np, k0, k1, block, inner, negDiagonal, threads)) {
                return null;
            }
            if (k1 == np) {
                break;
            }
            update(u, ld, np, k0, k1, k1, 1, pos, neg, threads);
            if (!factorBlockRow(u, ld, np, k1, k2, block, inner, negDiagonal, threads)) {
                return null;
            }
            if (k2 < np) {
                update(u, ld, np, k0, k2, k2, Tiles.gramBlocks(np - k2), pos, neg, threads);
            }
        }
        return new Cholesky(n, ld, u);
    }

    /**
     * The upper Cholesky decomposition of the diagonal blocks (order at most {@link #BLOCK}), through EJML's factory.
     * Below {@code EjmlParameters.SWITCH_BLOCK64_CHOLESKY} (1000 in EJML 0.44) the factory returns the unblocked
     * {@code CholeskyDecompositionInner_DDRM}, the algorithm (and therefore the bits) this factorization is pinned
     * to; {@code CholeskyTest} checks that it still does.
     */
    static CholeskyDecomposition_F64<DMatrixRMaj> diagonalBlockDecomposition() {
        return DecompositionFactory_DDRM.chol(BLOCK, false);
    }

    /**
     * Factors block row {@code k0 .. k1} (its terms from the rows above already subtracted): the diagonal block, then
     * {@code −U₁₁} packed for the kernels, then the rest of the row by {@link #solveBlockRow} on column chunks spread
     * over the threads; false if not SPD.
     */
    private static boolean factorBlockRow(double[] u, int ld, int np, int k0, int k1, DMatrixRMaj block,
            CholeskyDecomposition_F64<DMatrixRMaj> inner, double[] negDiagonal, int threads) {
        if (!factorDiagonalBlock(u, ld, k0, k1 - k0, block, inner)) {
            return false;
        }
        Tiles.packRows(u, k0 * ld + k0, ld, k1 - k0, k1 - k0, -1.0, negDiagonal);
        Parallel.forEach((np - k1 + COLUMN_CHUNK - 1) / COLUMN_CHUNK, threads, () -> null, (unused, chunk) -> {
            int from = k1 + chunk * COLUMN_CHUNK;
            solveBlockRow(u, ld, k0, k1 - k0, negDiagonal, from, Math.min(np, from + COLUMN_CHUNK));
        });
        return true;
    }

    /**
     * {@code A₂₂ −= U₁₂ᵀ U₁₂} on the first {@code blocks} row blocks ({@link Tiles#addGramUpper}) of the upper triangle
     * from {@code (c, c)}, where {@code U₁₂} is rows {@code r0 .. r1} (at most {@link Tiles#GRAM_ROWS}), columns
     * {@code c ..} of the factor; row blocks spread over the threads.
     */
    private static void update(double[] u, int ld, int np, int r0, int r1, int c, int blocks, double[] pos,
            double[] neg, int threads) {
        int width = np - c;
        Tiles.packRows(u, r0 * ld + c, ld, r1 - r0, width, 1.0, pos);
        Tiles.packRows(u, r0 * ld + c, ld, r1 - r0, width, -1.0, neg);
        Parallel.forEach(blocks, threads, () -> null,
                (unused, blk) -> Tiles.addGramUpper(neg, pos, r1 - r0, u, c * ld + c, ld, width, blk));
    }

    /** Replaces the diagonal block at {@code (k0, k0)} by its upper Cholesky factor; false if it is not SPD. */
    private static boolean factorDiagonalBlock(double[] u, int ld, int k0, int nb, DMatrixRMaj block,
            CholeskyDecomposition_F64<DMatrixRMaj> inner) {
        block.reshape(nb, nb);
        for (int i = 0; i < nb; i++) {
            for (int j = i; j < nb; j++) {
                double v = u[(k0 + i) * ld + k0 + j];
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
            System.arraycopy(t.data, i * nb + i, u, (k0 + i) * ld + k0 + i, nb - i);
        }
        return true;
    }

    /**
     * Columns {@code from .. to} (whole strips of {@link #STRIP} columns) of block row {@code k0 .. k0+nb}: row
     * {@code i} becomes {@code (a_i − Σ_{k<i} U_ki u_k) / U_ii}, the sum in increasing {@code k} (forward substitution
     * with {@code U₁₁ᵀ}, lane-wise along the row). Per strip and quad of rows, the terms of the rows above the quad
     * by the register-blocked kernel of {@link Tiles} (with {@code −U₁₁} packed in {@code negDiagonal}), then those
     * inside the quad and the division.
     */
    private static void solveBlockRow(double[] u, int ld, int k0, int nb, double[] negDiagonal, int from, int to) {
        for (int c = from; c < to; c += STRIP) {
            for (int i0 = 0; i0 < nb; i0 += 4) {
                int o = (k0 + i0) * ld + c;
                Tiles.addProducts4(negDiagonal, Tiles.stripOffset(i0), u, k0 * ld + c, ld, i0, u, o, ld);
                for (int i = i0; i < i0 + 4; i++) {
                    int ri = (k0 + i) * ld + c;
                    DoubleVector r0 = DoubleVector.fromArray(S, u, ri);
                    DoubleVector r1 = DoubleVector.fromArray(S, u, ri + L);
                    for (int k = i0; k < i; k++) {
                        int rk = (k0 + k) * ld;
                        DoubleVector f = DoubleVector.broadcast(S, -u[rk + k0 + i]);
                        r0 = f.fma(DoubleVector.fromArray(S, u, rk + c), r0);
                        r1 = f.fma(DoubleVector.fromArray(S, u, rk + c + L), r1);
                    }
                    double pivot = u[(k0 + i) * ld + k0 + i];
                    r0.div(pivot).intoArray(u, ri);
                    r1.div(pivot).intoArray(u, ri + L);
                }
            }
        }
    }

    /** Order of the factored matrix. */
    int size() {
        return n;
    }

    /** The factor {@code U}: n×n, upper triangular (zeros below the diagonal); for the tests. */
    DMatrixRMaj upper() {
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
