package org.replearn.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.replearn.core.data.Parallel;

/**
 * A register-blocked DGEMM {@code C = A B} (row-major, A m×k, B k×n) written with the JDK 17 Vector API
 * ({@code --add-modules jdk.incubator.vector}): what a tuned Java kernel reaches on the machine it runs on, measured
 * next to OpenBLAS as the "Java DGEMM peak" of {@code benchmarks/compare}. Not used by the library: it is the evidence
 * behind the README's recommendation for math-core's fused kernels, and keeps its own copy of their {@code 4 × NR}
 * micro-kernel (package-private in math-core's {@code Tiles}) so that the yardstick does not move with them.
 *
 * <p>Blocking: B is packed once per {@link #KC}-deep slice into strips of {@code NR = 2·L} columns ({@code L} the
 * preferred vector length); a {@code 4 × NR} micro-kernel keeps its 8 accumulators in registers over the slice,
 * loading 2 vectors of B and broadcasting 4 entries of A per step (8 FMAs for 6 loads, instead of one load and one
 * store per FMA in a loop that C2 auto-vectorizes). Row blocks of C are spread over the threads.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;
    private static final int MR = 4;
    static final int KC = 256;

    private VectorGemm() {
    }

    /** {@code c = a b} with {@code a} m×k, {@code b} k×n, {@code c} m×n, all row-major; m a multiple of 4, n of NR. */
    static void multiply(double[] a, double[] b, double[] c, int m, int k, int n, int threads) {
        if (m % MR != 0 || n % NR != 0) {
            throw new IllegalArgumentException("m = " + m + " must be a multiple of " + MR + " and n = " + n
                    + " of " + NR);
        }
        java.util.Arrays.fill(c, 0, m * n, 0.0);
        double[] packed = new double[KC * n];
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            pack(b, n, k0, kc, packed);
            int from = k0;
            int rowBlocks = m / 64 + (m % 64 == 0 ? 0 : 1);
            Parallel.forEach(rowBlocks, threads, () -> null, (unused, blk) -> {
                int r1 = Math.min(m, (blk + 1) * 64);
                for (int s = 0; s < n; s += NR) {
                    for (int r = blk * 64; r < r1; r += MR) {
                        kernel(a, k, r, from, kc, packed, s, c, n);
                    }
                }
            });
        }
    }

    /** Packs rows {@code k0 .. k0+kc} of b into strips: strip s holds {@code kc × NR} values, row by row. */
    private static void pack(double[] b, int n, int k0, int kc, double[] packed) {
        for (int s = 0; s < n; s += NR) {
            int base = s * kc;
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (k0 + p) * n + s, packed, base + p * NR, NR);
            }
        }
    }

    private static void kernel(double[] a, int k, int r, int k0, int kc, double[] packed, int s, double[] c, int n) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S);
        DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S);
        DoubleVector c31 = DoubleVector.zero(S);
        int a0 = r * k + k0;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        int bp = s * kc;
        for (int p = 0; p < kc; p++, bp += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, packed, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, packed, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        add(c00, c01, c, r * n + s);
        add(c10, c11, c, (r + 1) * n + s);
        add(c20, c21, c, (r + 2) * n + s);
        add(c30, c31, c, (r + 3) * n + s);
    }

    private static void add(DoubleVector v0, DoubleVector v1, double[] c, int off) {
        DoubleVector.fromArray(S, c, off).add(v0).intoArray(c, off);
        DoubleVector.fromArray(S, c, off + L).add(v1).intoArray(c, off + L);
    }

    /** Vector length in doubles (for the report). */
    static int lanes() {
        return L;
    }
}
