package org.replearn.core.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.data.Parallel;

/**
 * Householder reduction of a symmetric matrix to tridiagonal form, {@code A = Q T Qᵀ}, with
 * {@code Q = H₀ H₁ ⋯ H_{n−2}}, {@code H_j = I − τ_j u_j u_jᵀ}, {@code u_j} zero up to index {@code j} and
 * {@code (u_j)_{j+1} = 1}. Blocked as LAPACK's {@code dsytrd}: per panel of {@link #PANEL} rows, each reflector
 * is built from its row brought up to date ({@code dlatrd}), with {@code w = τ(A₂₂u − V Wᵀu − W Vᵀu)} from the
 * not yet updated trailing matrix (a matrix-vector product, vectorized along the rows), and the trailing matrix then
 * takes the rank-{@code 2·PANEL} update {@code A₂₂ −= V Wᵀ + W Vᵀ} on the register-blocked Gram kernel of
 * {@link Tiles}, on all threads. EJML's unblocked tridiagonalization (and the eigenvectors of its symmetric
 * eigendecomposition, which the ridge path does not need) is several times slower at the sizes of the ridge head,
 * where it would be the slowest step of the one-step pipeline (figures in benchmarks/README.md, "Choice of kernels").
 *
 * <p>Bit-identical for every thread count and vector length: threads split columns, vectors run over entries, and
 * the dot products have four fixed partial sums.
 */
public final class Tridiagonal {
    /** Reflectors per panel (a multiple of the kernels' column strips for vectors of up to 1024 bits). */
    static final int PANEL = 32;
    private static final VectorSpecies<Double> S = Lanes.SPECIES;
    private static final VectorSpecies<Double> S4 = Lanes.FOUR;
    private static final int COLUMN_CHUNK = 256;
    /** Columns per thread below which the matrix-vector product of a reflector runs on one thread. */
    private static final int MIN_SHARE = 192;

    private final int n;
    private final int stride;
    private final double[] diagonal;
    private final double[] offDiagonal;
    private final double[] tau;
    /** Row {@code j} holds {@code u_j} at columns {@code j+1 … n−1} (row-major, row stride {@link #stride}). */
    private final double[] reflectors;

    private Tridiagonal(int n, int stride, double[] diagonal, double[] offDiagonal, double[] tau,
            double[] reflectors) {
        this.n = n;
        this.stride = stride;
        this.diagonal = diagonal;
        this.offDiagonal = offDiagonal;
        this.tau = tau;
        this.reflectors = reflectors;
    }

    /** Reduces the symmetric {@code a} (only its upper triangle is read) on {@code threads} threads. */
    public static Tridiagonal reduce(DMatrixRMaj a, int threads) {
        Validate.dimension("a columns", a.numCols, a.numRows, "pass a square symmetric matrix");
        Validate.atLeast("a rows", a.numRows, 1, "pass a non-empty matrix");
        Validate.finite("a", a);
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        if (PANEL % Lanes.STRIP != 0) {
            throw new IllegalStateException("this machine's vectors are wider than 1024 bits: the panels of "
                    + PANEL + " rows no longer align with the kernels' column strips of " + Lanes.STRIP);
        }
        int n = a.numRows;
        int np = Tiles.paddedWidth(n);
        double[] s = new double[np * np];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double v = a.data[i * n + k];
                s[i * np + k] = v;
                s[k * np + i] = v;
            }
        }
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[] tau = new double[n];
        // Rows 0..PANEL-1: the panel's reflectors V; rows PANEL..2·PANEL-1: its W (each of length np).
        double[] vw = new double[2 * PANEL * np];
        double[] wv = new double[2 * PANEL * np];
        double[] packA = new double[Tiles.GRAM_ROWS * np];
        double[] packB = new double[Tiles.GRAM_ROWS * np];
        for (int p = 0; p < n; p += PANEL) {
            int pe = Math.min(n, p + PANEL);
            Arrays.fill(vw, 0.0);
            for (int j = p; j < pe; j++) {
                int jj = j - p;
                updateRow(s, np, j, n, vw, jj);
                d[j] = s[j * np + j];
                if (j < n - 1) {
                    e[j] = reflect(s, np, j, n, vw, jj, tau, threads);
                }
            }
            if (pe < n) {
                int width = np - pe;
                System.arraycopy(vw, PANEL * np, wv, 0, PANEL * np);
                System.arraycopy(vw, 0, wv, PANEL * np, PANEL * np);
                Tiles.packRows(vw, pe, np, 2 * PANEL, width, -1.0, packA);
                Tiles.packRows(wv, pe, np, 2 * PANEL, width, 1.0, packB);
                Parallel.forEach(Tiles.gramBlocks(width), threads, () -> null,
                        (unused, k) -> Tiles.addGramUpper(packA, packB, 2 * PANEL, s, pe * np + pe, np, width, k));
                mirror(s, np, pe, n);
            }
        }
        return new Tridiagonal(n, np, d, e, tau, s);
    }

    /**
     * Brings row {@code j} (columns {@code j … n−1}) up to date with the panel's first {@code jj} reflectors:
     * {@code a_ji −= Σ_l V_jl W_il + W_jl V_il}, lane-wise along the row, in increasing {@code l}.
     */
    private static void updateRow(double[] s, int np, int j, int n, double[] vw, int jj) {
        int r = j * np;
        int vEnd = j + S.loopBound(n - j);
        for (int l = 0; l < jj; l++) {
            int vo = l * np;
            int wo = (PANEL + l) * np;
            double fv = -vw[vo + j];
            double fw = -vw[wo + j];
            DoubleVector bv = DoubleVector.broadcast(S, fv);
            DoubleVector bw = DoubleVector.broadcast(S, fw);
            int i = j;
            for (; i < vEnd; i += S.length()) {
                DoubleVector acc = DoubleVector.fromArray(S, s, r + i);
                acc = bv.fma(DoubleVector.fromArray(S, vw, wo + i), acc);
                acc = bw.fma(DoubleVector.fromArray(S, vw, vo + i), acc);
                acc.intoArray(s, r + i);
            }
            for (; i < n; i++) {
                s[r + i] = Math.fma(fw, vw[vo + i], Math.fma(fv, vw[wo + i], s[r + i]));
            }
        }
    }

    /**
     * The reflector {@code H_j} that maps row {@code j}'s part {@code x = a_{j, j+1…}} to {@code β e₁} (LAPACK's
     * {@code dlarfg}: {@code β = −sign(x₁)‖x‖}, {@code τ = (β − x₁)/β}, {@code u = (1, x₂…/(x₁ − β))}), stored in
     * the panel and in row {@code j}, and its {@code w} (LAPACK's {@code dlatrd}). Returns {@code β}.
     */
    private static double reflect(double[] s, int np, int j, int n, double[] vw, int jj, double[] tau,
            int threads) {
        int r = j * np;
        int vo = jj * np;
        int wo = (PANEL + jj) * np;
        double alpha = s[r + j + 1];
        double sigma = dot(s, r + j + 2, s, r + j + 2, n - j - 2);
        if (!Double.isFinite(sigma)) {
            throw new IllegalArgumentException("a: its entries are too large to square (about 1e150 or more);"
                    + " scale the matrix down before reducing it");
        }
        vw[vo + j + 1] = 1.0;
        s[r + j + 1] = 1.0;
        if (sigma == 0.0) {
            tau[j] = 0.0;
            return alpha;
        }
        double beta = -Math.copySign(Math.sqrt(alpha * alpha + sigma), alpha);
        double t = (beta - alpha) / beta;
        double scale = 1.0 / (alpha - beta);
        for (int i = j + 2; i < n; i++) {
            double u = s[r + i] * scale;
            s[r + i] = u;
            vw[vo + i] = u;
        }
        tau[j] = t;
        // w = A₂₂ u over rows and columns j+1 … n-1 of the not yet updated matrix; threads split the columns
        // evenly once a share is worth a hand-off (each entry's sum is the same however they are split).
        int from = j + 1;
        int len = n - from;
        int parts = Math.min(threads, 1 + len / MIN_SHARE);
        Parallel.forEach(parts, threads, () -> null, (unused, c) -> matrixVector(s, np, vw, vo, from, n, vw, wo,
                from + (int) ((long) c * len / parts), from + (int) ((long) (c + 1) * len / parts)));
        for (int l = 0; l < jj; l++) {
            int lv = l * np;
            int lw = (PANEL + l) * np;
            double wu = dot(vw, lw + from, vw, vo + from, len);
            double vu = dot(vw, lv + from, vw, vo + from, len);
            axpy(-wu, vw, lv, vw, wo, from, n);
            axpy(-vu, vw, lw, vw, wo, from, n);
        }
        scale(t, vw, wo, from, n);
        double half = -0.5 * t * dot(vw, wo + from, vw, vo + from, len);
        axpy(half, vw, vo, vw, wo, from, n);
        return beta;
    }

    /**
     * {@code y[yo + i] = Σ_{k = k0}^{k1 − 1} u[uo + k] s[k·np + i]} for {@code from <= i < to} (by symmetry of
     * {@code s}, entries of {@code S u}), each a chain of {@link Math#fma} in increasing {@code k}, four rows at a
     * time.
     */
    private static void matrixVector(double[] s, int np, double[] u, int uo, int k0, int k1, double[] y, int yo,
            int from, int to) {
        Arrays.fill(y, yo + from, yo + to, 0.0);
        int vEnd = from + S.loopBound(to - from);
        int k = k0;
        for (; k + 3 < k1; k += 4) {
            double u0 = u[uo + k];
            double u1 = u[uo + k + 1];
            double u2 = u[uo + k + 2];
            double u3 = u[uo + k + 3];
            DoubleVector b0 = DoubleVector.broadcast(S, u0);
            DoubleVector b1 = DoubleVector.broadcast(S, u1);
            DoubleVector b2 = DoubleVector.broadcast(S, u2);
            DoubleVector b3 = DoubleVector.broadcast(S, u3);
            int r0 = k * np;
            int i = from;
            for (; i < vEnd; i += S.length()) {
                DoubleVector acc = DoubleVector.fromArray(S, y, yo + i);
                acc = b0.fma(DoubleVector.fromArray(S, s, r0 + i), acc);
                acc = b1.fma(DoubleVector.fromArray(S, s, r0 + np + i), acc);
                acc = b2.fma(DoubleVector.fromArray(S, s, r0 + 2 * np + i), acc);
                acc = b3.fma(DoubleVector.fromArray(S, s, r0 + 3 * np + i), acc);
                acc.intoArray(y, yo + i);
            }
            for (; i < to; i++) {
                double acc = Math.fma(u0, s[r0 + i], y[yo + i]);
                acc = Math.fma(u1, s[r0 + np + i], acc);
                acc = Math.fma(u2, s[r0 + 2 * np + i], acc);
                y[yo + i] = Math.fma(u3, s[r0 + 3 * np + i], acc);
            }
        }
        for (; k < k1; k++) {
            axpy(u[uo + k], s, k * np, y, yo, from, to);
        }
    }

    /** {@code y[yo + i] = fma(f, x[xo + i], y[yo + i])} for {@code from <= i < to}. */
    private static void axpy(double f, double[] x, int xo, double[] y, int yo, int from, int to) {
        DoubleVector b = DoubleVector.broadcast(S, f);
        int vEnd = from + S.loopBound(to - from);
        int i = from;
        for (; i < vEnd; i += S.length()) {
            b.fma(DoubleVector.fromArray(S, x, xo + i), DoubleVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] = Math.fma(f, x[xo + i], y[yo + i]);
        }
    }

    /** {@code y[yo + i] *= f} for {@code from <= i < to}. */
    private static void scale(double f, double[] y, int yo, int from, int to) {
        int vEnd = from + S.loopBound(to - from);
        int i = from;
        for (; i < vEnd; i += S.length()) {
            DoubleVector.fromArray(S, y, yo + i).mul(f).intoArray(y, yo + i);
        }
        for (; i < to; i++) {
            y[yo + i] *= f;
        }
    }

    /**
     * {@code Σ_{i<len} x[xo + i] y[yo + i]} as four partial sums {@code p_c} over {@code i ≡ c (mod 4)} (chains of
     * fma, whatever the machine's vector length), the tail into {@code p₀}, combined as {@code (p₀ + p₁) + (p₂ + p₃)}.
     */
    private static double dot(double[] x, int xo, double[] y, int yo, int len) {
        DoubleVector p = DoubleVector.zero(S4);
        int i = 0;
        for (; i + 3 < len; i += 4) {
            p = DoubleVector.fromArray(S4, x, xo + i).fma(DoubleVector.fromArray(S4, y, yo + i), p);
        }
        double p0 = p.lane(0);
        for (; i < len; i++) {
            p0 = Math.fma(x[xo + i], y[yo + i], p0);
        }
        return (p0 + p.lane(1)) + (p.lane(2) + p.lane(3));
    }

    /** Copies the upper triangle of rows and columns {@code from … n−1} to the lower one, in 32×32 tiles. */
    private static void mirror(double[] s, int np, int from, int n) {
        for (int i0 = from; i0 < n; i0 += 32) {
            int i1 = Math.min(n, i0 + 32);
            for (int k0 = i0; k0 < n; k0 += 32) {
                int k1 = Math.min(n, k0 + 32);
                for (int i = i0; i < i1; i++) {
                    for (int k = Math.max(k0, i + 1); k < k1; k++) {
                        s[k * np + i] = s[i * np + k];
                    }
                }
            }
        }
    }

    /** Order {@code n} of the reduced matrix. */
    int size() {
        return n;
    }

    /** The diagonal of {@code T} ({@code n} entries). */
    public double[] diagonal() {
        return diagonal.clone();
    }

    /** The off-diagonal of {@code T}: {@code T_{j,j+1} = T_{j+1,j}} ({@code n − 1} entries). */
    public double[] offDiagonal() {
        return offDiagonal.clone();
    }

    /** {@code Qᵀ y = H_{n−2} ⋯ H₀ y}. */
    public double[] multiplyQTranspose(double[] y) {
        Validate.dimension("y length", y.length, n, "one entry per row of the reduced matrix");
        double[] x = y.clone();
        for (int j = 0; j + 1 < n; j++) {
            if (tau[j] != 0.0) {
                int r = j * stride;
                double f = -tau[j] * dot(reflectors, r + j + 1, x, j + 1, n - j - 1);
                axpy(f, reflectors, r, x, 0, j + 1, n);
            }
        }
        return x;
    }

    /**
     * {@code Q Z = H₀(H₁(⋯ H_{n−2} Z))} for {@code z} ({@code n × c}, not modified), on {@code threads} threads that
     * split the columns of {@code Z}: per reflector {@code y = u_jᵀ Z} (lane-wise, in increasing row), then
     * {@code Z −= u_j (τ_j y)}.
     */
    public DMatrixRMaj multiplyQ(DMatrixRMaj z, int threads) {
        Validate.dimension("z rows", z.numRows, n, "one row per row of the reduced matrix");
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        int c = z.numCols;
        DMatrixRMaj out = z.copy();
        int chunks = (c + COLUMN_CHUNK - 1) / COLUMN_CHUNK;
        Parallel.forEach(chunks, threads, () -> new double[COLUMN_CHUNK], (y, k) -> {
            int from = k * COLUMN_CHUNK;
            int to = Math.min(c, from + COLUMN_CHUNK);
            for (int j = n - 2; j >= 0; j--) {
                if (tau[j] != 0.0) {
                    applyReflector(out.data, c, j, from, to, y);
                }
            }
        });
        return out;
    }

    /** {@code Z ← H_j Z} on columns {@code from … to−1} of the row-major {@code z} with {@code c} columns. */
    private void applyReflector(double[] z, int c, int j, int from, int to, double[] y) {
        int r = j * stride;
        Arrays.fill(y, 0, to - from, 0.0);
        for (int i = j + 1; i < n; i++) {
            axpy(reflectors[r + i], z, i * c, y, -from, from, to);
        }
        scale(-tau[j], y, -from, from, to);
        for (int i = j + 1; i < n; i++) {
            axpy(reflectors[r + i], y, -from, z, i * c, from, to);
        }
    }
}
