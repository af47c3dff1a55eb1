package org.replearn.core.linalg;

/**
 * The micro-kernels of the fused passes, on tiles of at most {@link #ROWS} consecutive rows of a block. Every
 * kernel is written so that its innermost loop runs with unit stride over separate {@code double[]} rows and
 * chains four {@link Math#fma} per loaded/stored element (C2 vectorizes these loops). Each output entry is
 * accumulated over the rows in increasing order, four rows per fused step starting at the tile's first row; tiles
 * start at multiples of {@link #ROWS}, so the grouping, hence every bit of the result, depends on the block only.
 */
final class Tiles {
    /** Rows per tile (a multiple of 4). */
    static final int ROWS = 32;
    /** Gram rows updated per sweep over a tile (keeps them in L2). */
    private static final int GRAM_ROWS = 32;
    private static final double TWO_1023 = 0x1p1023;

    private Tiles() {
    }

    /** {@code s[r][j] = b_j + Σ_k x[(row0 + r)·d + k] W_jk} for {@code r < count}. */
    static void preactivations(double[] x, int row0, int count, Layer layer, double[][] s) {
        int m = layer.m;
        int d = layer.d;
        double[][] wt = layer.wt;
        for (int r = 0; r < count; r++) {
            double[] sr = s[r];
            System.arraycopy(layer.b, 0, sr, 0, m);
            int xo = (row0 + r) * d;
            int k = 0;
            for (; k + 3 < d; k += 4) {
                double x0 = x[xo + k];
                double x1 = x[xo + k + 1];
                double x2 = x[xo + k + 2];
                double x3 = x[xo + k + 3];
                double[] w0 = wt[k];
                double[] w1 = wt[k + 1];
                double[] w2 = wt[k + 2];
                double[] w3 = wt[k + 3];
                for (int j = 0; j < m; j++) {
                    sr[j] = Math.fma(x3, w3[j], Math.fma(x2, w2[j], Math.fma(x1, w1[j], Math.fma(x0, w0[j], sr[j]))));
                }
            }
            for (; k < d; k++) {
                double x0 = x[xo + k];
                double[] w0 = wt[k];
                for (int j = 0; j < m; j++) {
                    sr[j] = Math.fma(x0, w0[j], sr[j]);
                }
            }
        }
    }

    /** {@code s[r][j] = max(s[r][j], 0)} for {@code r < count}. */
    static void relu(double[][] s, int count, int m) {
        for (int r = 0; r < count; r++) {
            double[] sr = s[r];
            for (int j = 0; j < m; j++) {
                sr[j] = Math.max(sr[j], 0.0);
            }
        }
    }

    /**
     * {@code Σ_j a_j max(s_j, 0)}, summed as (first half) + (second half), each half with the same four interleaved
     * partial sums, so that a mirrored network ({@code s_{j+m/2} = s_j}, {@code a_{j+m/2} = -a_j}) gives exactly 0.
     */
    static double output(double[] s, double[] a) {
        int half = a.length / 2;
        return halfSum(s, a, 0, half) + halfSum(s, a, half, a.length);
    }

    private static double halfSum(double[] s, double[] a, int from, int to) {
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        int j = from;
        for (; j + 3 < to; j += 4) {
            p0 += a[j] * Math.max(s[j], 0.0);
            p1 += a[j + 1] * Math.max(s[j + 1], 0.0);
            p2 += a[j + 2] * Math.max(s[j + 2], 0.0);
            p3 += a[j + 3] * Math.max(s[j + 3], 0.0);
        }
        for (; j < to; j++) {
            p0 += a[j] * Math.max(s[j], 0.0);
        }
        return (p0 + p1) + (p2 + p3);
    }

    /**
     * The indicator {@code 1[r > 0]} of {@code r >= 0} without a branch (so the loop vectorizes): the smallest
     * positive double times {@code 2^2046} exceeds 1, and overflow to infinity is clipped to 1 as well.
     */
    static double positive(double r) {
        return Math.min(r * TWO_1023 * TWO_1023, 1.0);
    }

    /** {@code gt[k][j] += Σ_r x[(row0 + r)·d + k] c[r][j]} over {@code r < count}: {@code Gᵀ += X_tileᵀ C}. */
    static void addOuter(double[] x, int row0, int count, int d, double[][] c, double[][] gt) {
        int m = gt[0].length;
        int r = 0;
        for (; r + 3 < count; r += 4) {
            double[] c0 = c[r];
            double[] c1 = c[r + 1];
            double[] c2 = c[r + 2];
            double[] c3 = c[r + 3];
            int xo = (row0 + r) * d;
            for (int k = 0; k < d; k++) {
                double x0 = x[xo + k];
                double x1 = x[xo + d + k];
                double x2 = x[xo + 2 * d + k];
                double x3 = x[xo + 3 * d + k];
                double[] g = gt[k];
                for (int j = 0; j < m; j++) {
                    g[j] = Math.fma(x3, c3[j], Math.fma(x2, c2[j], Math.fma(x1, c1[j], Math.fma(x0, c0[j], g[j]))));
                }
            }
        }
        for (; r < count; r++) {
            double[] c0 = c[r];
            int xo = (row0 + r) * d;
            for (int k = 0; k < d; k++) {
                double x0 = x[xo + k];
                double[] g = gt[k];
                for (int j = 0; j < m; j++) {
                    g[j] = Math.fma(x0, c0[j], g[j]);
                }
            }
        }
    }

    /** Upper triangle ({@code l >= j}) of {@code g += P_tileᵀ P_tile}, {@code P_tile} the rows {@code p[0 .. count)}. */
    static void addGramUpper(double[][] p, int count, double[][] g) {
        int m = g.length;
        for (int j0 = 0; j0 < m; j0 += GRAM_ROWS) {
            int j1 = Math.min(m, j0 + GRAM_ROWS);
            int r = 0;
            for (; r + 3 < count; r += 4) {
                double[] p0 = p[r];
                double[] p1 = p[r + 1];
                double[] p2 = p[r + 2];
                double[] p3 = p[r + 3];
                for (int j = j0; j < j1; j++) {
                    double a0 = p0[j];
                    double a1 = p1[j];
                    double a2 = p2[j];
                    double a3 = p3[j];
                    if (a0 == 0 && a1 == 0 && a2 == 0 && a3 == 0) {
                        continue; // adds exact zeros: skipping changes no bit
                    }
                    double[] gj = g[j];
                    for (int l = j; l < m; l++) {
                        gj[l] = Math.fma(a3, p3[l], Math.fma(a2, p2[l], Math.fma(a1, p1[l], Math.fma(a0, p0[l], gj[l]))));
                    }
                }
            }
            for (; r < count; r++) {
                double[] p0 = p[r];
                for (int j = j0; j < j1; j++) {
                    double a0 = p0[j];
                    if (a0 == 0) {
                        continue;
                    }
                    double[] gj = g[j];
                    for (int l = j; l < m; l++) {
                        gj[l] = Math.fma(a0, p0[l], gj[l]);
                    }
                }
            }
        }
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
