package org.replearn.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of the fused passes, on tiles of at most {@link #ROWS} consecutive rows of a block, written with
 * the JDK Vector API ({@code --add-modules jdk.incubator.vector}): each kernel keeps a {@code 4 × NR} block of
 * outputs in eight vector registers ({@link #NR} = two vectors of the preferred species) while it runs over the
 * summation index, so every output entry is loaded and stored once per tile instead of once per four FMAs.
 *
 * <p>Determinism: vectors run over output entries only (lane-wise FMA, no horizontal reduction), and every output
 * entry is one chain of {@link Math#fma} over the summation index in increasing order (columns beyond the last full
 * strip use the same chain in scalar code). The result therefore depends neither on the tiling, nor on the vector
 * length of the machine, nor on the JIT.
 */
final class Tiles {
    /** Rows per tile. */
    static final int ROWS = 32;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Neurons per column strip of the micro-kernels: two vectors. */
    private static final int NR = 2 * L;
    /** Four lanes: the fixed partial sums of {@link #output}. */
    private static final VectorSpecies<Double> S4 = DoubleVector.SPECIES_256;
    private static final double TWO_1023 = 0x1p1023;

    private Tiles() {
    }

    /**
     * {@code s[r·m + j] = b_j + Σ_k x[(row0 + r)·d + k] W_jk} for {@code r < count}, the sum in increasing {@code k}.
     * Column strips of {@link #NR} neurons outer (the strip of {@code Wᵀ} stays in L1), four rows at a time inner.
     */
    static void preactivations(double[] x, int row0, int count, Layer layer, double[] s) {
        int m = layer.m;
        int d = layer.d;
        double[] wt = layer.wt;
        double[] b = layer.b;
        int vEnd = m - m % NR;
        for (int j = 0; j < vEnd; j += NR) {
            int r = 0;
            for (; r + 3 < count; r += 4) {
                preactivations4(x, (row0 + r) * d, d, wt, b, j, s, r * m + j, m);
            }
            for (; r < count; r++) {
                int xo = (row0 + r) * d;
                DoubleVector c0 = DoubleVector.fromArray(S, b, j);
                DoubleVector c1 = DoubleVector.fromArray(S, b, j + L);
                for (int k = 0; k < d; k++) {
                    DoubleVector v = DoubleVector.broadcast(S, x[xo + k]);
                    c0 = v.fma(DoubleVector.fromArray(S, wt, k * m + j), c0);
                    c1 = v.fma(DoubleVector.fromArray(S, wt, k * m + j + L), c1);
                }
                c0.intoArray(s, r * m + j);
                c1.intoArray(s, r * m + j + L);
            }
        }
        for (int r = 0; r < count && vEnd < m; r++) {
            int xo = (row0 + r) * d;
            for (int j = vEnd; j < m; j++) {
                double c = b[j];
                for (int k = 0; k < d; k++) {
                    c = Math.fma(x[xo + k], wt[k * m + j], c);
                }
                s[r * m + j] = c;
            }
        }
    }

    /**
     * Rows {@code xo/d .. +4} of {@link #preactivations}, neurons {@code j .. j+NR}, into {@code s[so ..]} (row stride
     * {@code m}): 8 accumulators in registers.
     */
    private static void preactivations4(double[] x, int xo, int d, double[] wt, double[] b, int j, double[] s,
            int so, int m) {
        DoubleVector b0 = DoubleVector.fromArray(S, b, j);
        DoubleVector b1 = DoubleVector.fromArray(S, b, j + L);
        DoubleVector c00 = b0;
        DoubleVector c01 = b1;
        DoubleVector c10 = b0;
        DoubleVector c11 = b1;
        DoubleVector c20 = b0;
        DoubleVector c21 = b1;
        DoubleVector c30 = b0;
        DoubleVector c31 = b1;
        for (int k = 0, wo = j; k < d; k++, wo += m) {
            DoubleVector w0 = DoubleVector.fromArray(S, wt, wo);
            DoubleVector w1 = DoubleVector.fromArray(S, wt, wo + L);
            DoubleVector v = DoubleVector.broadcast(S, x[xo + k]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            v = DoubleVector.broadcast(S, x[xo + d + k]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            v = DoubleVector.broadcast(S, x[xo + 2 * d + k]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            v = DoubleVector.broadcast(S, x[xo + 3 * d + k]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
        }
        c00.intoArray(s, so);
        c01.intoArray(s, so + L);
        c10.intoArray(s, so + m);
        c11.intoArray(s, so + m + L);
        c20.intoArray(s, so + 2 * m);
        c21.intoArray(s, so + 2 * m + L);
        c30.intoArray(s, so + 3 * m);
        c31.intoArray(s, so + 3 * m + L);
    }

    /** {@code s[i] = max(s[i], 0)} for {@code i < count·m}. */
    static void relu(double[] s, int count, int m) {
        for (int i = 0; i < count * m; i++) {
            s[i] = Math.max(s[i], 0.0);
        }
    }

    /**
     * {@code Σ_j a_j max(s_j, 0)}, summed as (first half) + (second half), each half with the same four interleaved
     * partial sums, so that a mirrored network ({@code s_{j+m/2} = s_j}, {@code a_{j+m/2} = -a_j}) gives exactly 0.
     */
    static double output(double[] s, int so, double[] a) {
        int half = a.length / 2;
        return halfSum(s, so, a, 0, half) + halfSum(s, so, a, half, a.length);
    }

    /**
     * Partial sum {@code p_i} (lane i of a 4-lane vector, whatever the machine's vector length) over
     * {@code j ≡ from + i (mod 4)}, each step {@code p_i + a_j·max(s_j, 0)} rounded twice (no fma), the tail added to
     * {@code p_0}, the lanes combined as {@code (p_0 + p_1) + (p_2 + p_3)}.
     */
    private static double halfSum(double[] s, int so, double[] a, int from, int to) {
        DoubleVector zero = DoubleVector.zero(S4);
        DoubleVector p = zero;
        int j = from;
        for (; j + 3 < to; j += 4) {
            p = p.add(DoubleVector.fromArray(S4, a, j).mul(DoubleVector.fromArray(S4, s, so + j).max(zero)));
        }
        double p0 = p.lane(0);
        for (; j < to; j++) {
            p0 += a[j] * Math.max(s[so + j], 0.0);
        }
        return (p0 + p.lane(1)) + (p.lane(2) + p.lane(3));
    }

    /**
     * The indicator {@code 1[r > 0]} of {@code r >= 0} without a branch (so the loop vectorizes): the smallest
     * positive double times {@code 2^2046} exceeds 1, and overflow to infinity is clipped to 1 as well.
     */
    static double positive(double r) {
        return Math.min(r * TWO_1023 * TWO_1023, 1.0);
    }

    /**
     * {@code gt[k][j] += Σ_r x[(row0 + r)·d + k] c[r·m + j]} over {@code r < count} in increasing {@code r}:
     * {@code Gᵀ += X_tileᵀ C}. Column strips of {@link #NR} neurons outer (the strip of {@code C} stays in L1), four
     * coordinates at a time inner, each {@code Gᵀ} entry loaded and stored once per tile.
     */
    static void addOuter(double[] x, int row0, int count, int d, double[] c, double[][] gt) {
        int m = gt[0].length;
        int vEnd = m - m % NR;
        for (int j = 0; j < vEnd; j += NR) {
            int k = 0;
            for (; k + 3 < d; k += 4) {
                addOuter4(x, row0 * d + k, count, d, c, j, m, gt[k], gt[k + 1], gt[k + 2], gt[k + 3]);
            }
            for (; k < d; k++) {
                double[] g = gt[k];
                DoubleVector c0 = DoubleVector.fromArray(S, g, j);
                DoubleVector c1 = DoubleVector.fromArray(S, g, j + L);
                for (int r = 0; r < count; r++) {
                    DoubleVector v = DoubleVector.broadcast(S, x[(row0 + r) * d + k]);
                    c0 = v.fma(DoubleVector.fromArray(S, c, r * m + j), c0);
                    c1 = v.fma(DoubleVector.fromArray(S, c, r * m + j + L), c1);
                }
                c0.intoArray(g, j);
                c1.intoArray(g, j + L);
            }
        }
        for (int k = 0; k < d && vEnd < m; k++) {
            double[] g = gt[k];
            for (int j = vEnd; j < m; j++) {
                double acc = g[j];
                for (int r = 0; r < count; r++) {
                    acc = Math.fma(x[(row0 + r) * d + k], c[r * m + j], acc);
                }
                g[j] = acc;
            }
        }
    }

    /** Coordinates {@code k .. k+4} ({@code xo = row0·d + k}) of {@link #addOuter}, neurons {@code j .. j+NR}. */
    private static void addOuter4(double[] x, int xo, int count, int d, double[] c, int j, int m, double[] g0,
            double[] g1, double[] g2, double[] g3) {
        DoubleVector c00 = DoubleVector.fromArray(S, g0, j);
        DoubleVector c01 = DoubleVector.fromArray(S, g0, j + L);
        DoubleVector c10 = DoubleVector.fromArray(S, g1, j);
        DoubleVector c11 = DoubleVector.fromArray(S, g1, j + L);
        DoubleVector c20 = DoubleVector.fromArray(S, g2, j);
        DoubleVector c21 = DoubleVector.fromArray(S, g2, j + L);
        DoubleVector c30 = DoubleVector.fromArray(S, g3, j);
        DoubleVector c31 = DoubleVector.fromArray(S, g3, j + L);
        for (int r = 0, xi = xo, ci = j; r < count; r++, xi += d, ci += m) {
            DoubleVector p0 = DoubleVector.fromArray(S, c, ci);
            DoubleVector p1 = DoubleVector.fromArray(S, c, ci + L);
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
        c00.intoArray(g0, j);
        c01.intoArray(g0, j + L);
        c10.intoArray(g1, j);
        c11.intoArray(g1, j + L);
        c20.intoArray(g2, j);
        c21.intoArray(g2, j + L);
        c30.intoArray(g3, j);
        c31.intoArray(g3, j + L);
    }

    /**
     * Upper triangle ({@code l >= j}) of {@code g += P_tileᵀ P_tile}, {@code P_tile} the {@code count} rows of
     * {@code p} (row stride m), each entry summed over the rows in increasing order. Column strips of {@link #NR}
     * outer (the strip of {@code P_tile} stays in L1), four rows of {@code g} at a time inner, their factors
     * {@code P_rj .. P_r(j+3)} read from {@code packed} (at least {@code count·m} long), where they are laid out
     * consecutively. Blocks crossing the diagonal also write some entries below it, which are never read.
     */
    static void addGramUpper(double[] p, int count, double[][] g, double[] packed) {
        int m = g.length;
        int j4End = m - m % 4;
        for (int j = 0; j < j4End; j += 4) {
            int o = j * count;
            for (int r = 0, pr = j; r < count; r++, o += 4, pr += m) {
                packed[o] = p[pr];
                packed[o + 1] = p[pr + 1];
                packed[o + 2] = p[pr + 2];
                packed[o + 3] = p[pr + 3];
            }
        }
        int vEnd = m - m % NR;
        for (int l = 0; l < vEnd; l += NR) {
            int jEnd = Math.min(l + NR, j4End);
            int j = 0;
            for (; j < jEnd; j += 4) {
                addGram4(packed, j * count, p, count, l, m, g[j], g[j + 1], g[j + 2], g[j + 3]);
            }
            for (; j < l + NR; j++) {
                double[] gj = g[j];
                DoubleVector c0 = DoubleVector.fromArray(S, gj, l);
                DoubleVector c1 = DoubleVector.fromArray(S, gj, l + L);
                for (int r = 0; r < count; r++) {
                    DoubleVector v = DoubleVector.broadcast(S, p[r * m + j]);
                    c0 = v.fma(DoubleVector.fromArray(S, p, r * m + l), c0);
                    c1 = v.fma(DoubleVector.fromArray(S, p, r * m + l + L), c1);
                }
                c0.intoArray(gj, l);
                c1.intoArray(gj, l + L);
            }
        }
        for (int j = 0; j < m && vEnd < m; j++) {
            double[] gj = g[j];
            for (int l = Math.max(j, vEnd); l < m; l++) {
                double acc = gj[l];
                for (int r = 0; r < count; r++) {
                    acc = Math.fma(p[r * m + j], p[r * m + l], acc);
                }
                gj[l] = acc;
            }
        }
    }

    /** Rows {@code j .. j+4} of {@link #addGramUpper} (factors at {@code packed[o ..]}), columns {@code l .. l+NR}. */
    private static void addGram4(double[] packed, int o, double[] p, int count, int l, int m, double[] g0,
            double[] g1, double[] g2, double[] g3) {
        DoubleVector c00 = DoubleVector.fromArray(S, g0, l);
        DoubleVector c01 = DoubleVector.fromArray(S, g0, l + L);
        DoubleVector c10 = DoubleVector.fromArray(S, g1, l);
        DoubleVector c11 = DoubleVector.fromArray(S, g1, l + L);
        DoubleVector c20 = DoubleVector.fromArray(S, g2, l);
        DoubleVector c21 = DoubleVector.fromArray(S, g2, l + L);
        DoubleVector c30 = DoubleVector.fromArray(S, g3, l);
        DoubleVector c31 = DoubleVector.fromArray(S, g3, l + L);
        for (int r = 0, pr = l; r < count; r++, o += 4, pr += m) {
            DoubleVector p0 = DoubleVector.fromArray(S, p, pr);
            DoubleVector p1 = DoubleVector.fromArray(S, p, pr + L);
            DoubleVector v = DoubleVector.broadcast(S, packed[o]);
            c00 = v.fma(p0, c00);
            c01 = v.fma(p1, c01);
            v = DoubleVector.broadcast(S, packed[o + 1]);
            c10 = v.fma(p0, c10);
            c11 = v.fma(p1, c11);
            v = DoubleVector.broadcast(S, packed[o + 2]);
            c20 = v.fma(p0, c20);
            c21 = v.fma(p1, c21);
            v = DoubleVector.broadcast(S, packed[o + 3]);
            c30 = v.fma(p0, c30);
            c31 = v.fma(p1, c31);
        }
        c00.intoArray(g0, l);
        c01.intoArray(g0, l + L);
        c10.intoArray(g1, l);
        c11.intoArray(g1, l + L);
        c20.intoArray(g2, l);
        c21.intoArray(g2, l + L);
        c30.intoArray(g3, l);
        c31.intoArray(g3, l + L);
    }

    /** {@code into[i][j] += from[i][j]}. */
    static void add(double[][] into, double[][] from) {
        for (int i = 0; i < into.length; i++) {
            add(into[i], from[i]);
        }
    }

    /** {@code into[j] += from[j]}. */
    static void add(double[] into, double[] from) {
        for (int j = 0; j < into.length; j++) {
            into[j] += from[j];
        }
    }
}
