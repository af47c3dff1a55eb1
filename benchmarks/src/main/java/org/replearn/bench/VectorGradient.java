package org.replearn.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.replearn.core.data.Parallel;

/**
 * A measurement, not library code: the fused first-layer gradient of {@code LossGradient.over} rewritten with
 * register-blocked Vector API micro-kernels (as {@link VectorGemm}), to quantify the change recommended for
 * math-core. Same math, same fusion (no {@code n×m} array; per tile of {@link #TILE} rows: {@code S = X_t Wᵀ + b},
 * {@code e = σ(S) a − t}, {@code C = diag(e) 1[S > 0] diag(a)} in place of {@code S}, {@code Gᵀ += X_tᵀ C}), same
 * fixed partitioning over blocks of 1024 rows, so the result does not depend on the thread count.
 *
 * <p>Kernels: {@code S} tile by a {@code 4 × 2L} micro-kernel over {@code k < d} (accumulators in registers, one store
 * per entry instead of one load and store per four FMAs); {@code Gᵀ} by a {@code 4 × 2L} micro-kernel over the
 * tile's rows (one load and store of {@code Gᵀ} per {@link #TILE} rows instead of per four).
 */
final class VectorGradient {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;
    static final int TILE = 32;
    private static final int BLOCK = 1024;

    private VectorGradient() {
    }

    /**
     * {@code (2/n) Σ_i e_i a_j 1[s_ij > 0] x_i} as {@code Gᵀ} (d×m, row-major) for {@code x} (n×d), labels {@code t},
     * first layer {@code wt = Wᵀ} (d×m), biases {@code b}, output weights {@code a}; m a multiple of {@code 2L}, d of
     * 4.
     */
    static double[] gradient(double[] x, double[] t, int n, int d, double[] wt, double[] b, double[] a, int m,
            int threads) {
        if (m % NR != 0 || d % 4 != 0) {
            throw new IllegalArgumentException("m = " + m + " must be a multiple of " + NR + ", d = " + d + " of 4");
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] g = Parallel.reduce(blocks, threads, () -> new double[d * m], () -> new double[TILE * m],
                (acc, s, blk) -> {
                    int end = Math.min(n, (blk + 1) * BLOCK);
                    for (int r0 = blk * BLOCK; r0 < end; r0 += TILE) {
                        int rows = Math.min(TILE, end - r0);
                        preactivations(x, r0, rows, d, wt, b, m, s);
                        residual(s, rows, m, a, t, r0);
                        addOuter(x, r0, rows, d, s, m, acc);
                    }
                }, (into, from) -> {
                    for (int i = 0; i < into.length; i++) {
                        into[i] += from[i];
                    }
                });
        double scale = 2.0 / n;
        for (int i = 0; i < g.length; i++) {
            g[i] *= scale;
        }
        return g;
    }

    /** {@code s[r·m + j] = b_j + Σ_k x[(r0+r)·d + k] wt[k·m + j]}; rows beyond a multiple of 4 one at a time. */
    private static void preactivations(double[] x, int r0, int rows, int d, double[] wt, double[] b, int m,
            double[] s) {
        int r = 0;
        for (; r + 3 < rows; r += 4) {
            int x0 = (r0 + r) * d;
            for (int j = 0; j < m; j += NR) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, j);
                DoubleVector b1 = DoubleVector.fromArray(S, b, j + L);
                DoubleVector c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
                for (int k = 0; k < d; k++) {
                    DoubleVector w0 = DoubleVector.fromArray(S, wt, k * m + j);
                    DoubleVector w1 = DoubleVector.fromArray(S, wt, k * m + j + L);
                    DoubleVector v = DoubleVector.broadcast(S, x[x0 + k]);
                    c00 = v.fma(w0, c00);
                    c01 = v.fma(w1, c01);
                    v = DoubleVector.broadcast(S, x[x0 + d + k]);
                    c10 = v.fma(w0, c10);
                    c11 = v.fma(w1, c11);
                    v = DoubleVector.broadcast(S, x[x0 + 2 * d + k]);
                    c20 = v.fma(w0, c20);
                    c21 = v.fma(w1, c21);
                    v = DoubleVector.broadcast(S, x[x0 + 3 * d + k]);
                    c30 = v.fma(w0, c30);
                    c31 = v.fma(w1, c31);
                }
                int o = r * m + j;
                c00.intoArray(s, o);
                c01.intoArray(s, o + L);
                c10.intoArray(s, o + m);
                c11.intoArray(s, o + m + L);
                c20.intoArray(s, o + 2 * m);
                c21.intoArray(s, o + 2 * m + L);
                c30.intoArray(s, o + 3 * m);
                c31.intoArray(s, o + 3 * m + L);
            }
        }
        for (; r < rows; r++) {
            int x0 = (r0 + r) * d;
            for (int j = 0; j < m; j += L) {
                DoubleVector c = DoubleVector.fromArray(S, b, j);
                for (int k = 0; k < d; k++) {
                    c = DoubleVector.broadcast(S, x[x0 + k]).fma(DoubleVector.fromArray(S, wt, k * m + j), c);
                }
                c.intoArray(s, r * m + j);
            }
        }
    }

    /** Row by row: {@code e = Σ_j a_j max(s_j, 0) − t}, then {@code s_j := e a_j 1[s_j > 0]}. */
    private static void residual(double[] s, int rows, int m, double[] a, double[] t, int r0) {
        DoubleVector zero = DoubleVector.zero(S);
        for (int r = 0; r < rows; r++) {
            int o = r * m;
            DoubleVector f = zero;
            for (int j = 0; j < m; j += L) {
                f = DoubleVector.fromArray(S, s, o + j).max(zero).fma(DoubleVector.fromArray(S, a, j), f);
            }
            double e = f.reduceLanes(VectorOperators.ADD) - t[r0 + r];
            for (int j = 0; j < m; j += L) {
                DoubleVector v = DoubleVector.fromArray(S, s, o + j);
                VectorMask<Double> on = v.compare(VectorOperators.GT, 0.0);
                zero.blend(DoubleVector.fromArray(S, a, j).mul(e), on).intoArray(s, o + j);
            }
        }
    }

    /** {@code g[k·m + j] += Σ_r x[(r0+r)·d + k] c[r·m + j]}: 4 coordinates × 2L neurons in registers over the rows. */
    private static void addOuter(double[] x, int r0, int rows, int d, double[] c, int m, double[] g) {
        for (int k = 0; k < d; k += 4) {
            for (int j = 0; j < m; j += NR) {
                int g0 = k * m + j;
                DoubleVector c00 = DoubleVector.fromArray(S, g, g0);
                DoubleVector c01 = DoubleVector.fromArray(S, g, g0 + L);
                DoubleVector c10 = DoubleVector.fromArray(S, g, g0 + m);
                DoubleVector c11 = DoubleVector.fromArray(S, g, g0 + m + L);
                DoubleVector c20 = DoubleVector.fromArray(S, g, g0 + 2 * m);
                DoubleVector c21 = DoubleVector.fromArray(S, g, g0 + 2 * m + L);
                DoubleVector c30 = DoubleVector.fromArray(S, g, g0 + 3 * m);
                DoubleVector c31 = DoubleVector.fromArray(S, g, g0 + 3 * m + L);
                for (int r = 0; r < rows; r++) {
                    int ci = r * m + j;
                    DoubleVector p0 = DoubleVector.fromArray(S, c, ci);
                    DoubleVector p1 = DoubleVector.fromArray(S, c, ci + L);
                    int xi = (r0 + r) * d + k;
                    DoubleVector v = DoubleVector.broadcast(S, x[xi]);
                    c00 = v.fma(p0, c00);
                    c01 = v.fma(p1, c01);
                    v = DoubleVector.broadcast(S, x[xi + 1]);
                    c10 = v.fma(p0, c10);
                    c11 = v.fma(p1, c11);
                    v = DoubleVector.broadcast(S, x[xi + 2]);
                    c20 = v.fma(p0, c20);
                    c21 = v.fma(p1, c21);
                    v = DoubleVector.broadcast(S, x[xi + 3]);
                    c30 = v.fma(p0, c30);
                    c31 = v.fma(p1, c31);
                }
                c00.intoArray(g, g0);
                c01.intoArray(g, g0 + L);
                c10.intoArray(g, g0 + m);
                c11.intoArray(g, g0 + m + L);
                c20.intoArray(g, g0 + 2 * m);
                c21.intoArray(g, g0 + 2 * m + L);
                c30.intoArray(g, g0 + 3 * m);
                c31.intoArray(g, g0 + 3 * m + L);
            }
        }
    }
}
