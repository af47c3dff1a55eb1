package org.replearn.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernels of the fused passes, on tiles of at most {@link #ROWS} consecutive rows of a block, written with
 * the JDK Vector API ({@code --add-modules jdk.incubator.vector}): each kernel keeps a {@code 4 × NR} block of
 * outputs in eight vector registers ({@link #NR} = two vectors of the preferred species) while it runs over the
 * summation index, so every output entry is loaded and stored once per tile (per chunk of {@link #GRAM_ROWS} rows
 * for the Gram matrix) instead of once per FMA. The kernels stay this small on purpose: wider ones ({@code 8 × NR},
 * 16 accumulators) are faster in isolation, but inside the full pipeline C2 does not reliably compile them to vector
 * instructions, and then they run many times slower (see benchmarks/README.md, "Choice of kernels").
 *
 * <p>Determinism: vectors run over output entries only (lane-wise FMA, no horizontal reduction), and every output
 * entry is one chain of {@link Math#fma} over the summation index in increasing order (columns beyond the last full
 * strip use the same chain in scalar code). The result therefore depends neither on the tiling, nor on the vector
 * length of the machine, nor on the JIT.
 */
final class Tiles {
    /** Rows per tile. */
    static final int ROWS = 32;
    /** Rows per chunk of the Gram kernel (a multiple of {@link #ROWS}): each Gram entry is loaded once per chunk. */
    static final int GRAM_ROWS = 256;
    /**
     * Rows of {@code g} per block of {@link #addGramUpper} (a multiple of {@link #NR}): their part of a packed chunk,
     * {@code GRAM_ROWS × GRAM_BLOCK} values (256 KiB), stays in L2 while the column strips stream past it.
     */
    private static final int GRAM_BLOCK = 128;
    private static final VectorSpecies<Double> S = Lanes.SPECIES;
    private static final int L = Lanes.LENGTH;
    /** Neurons per column strip of the micro-kernels: two vectors ({@link Lanes#STRIP}). */
    private static final int NR = Lanes.STRIP;
    /** Four lanes: the fixed partial sums of {@link #output}. */
    private static final VectorSpecies<Double> S4 = Lanes.FOUR;
    /** {@code 2^1023}: squared, it lifts the smallest positive double above 1 ({@link #positive}). */
    static final double TWO_1023 = 0x1p1023;

    private Tiles() {
    }

    /**
     * Row stride of a tile of width {@code m} (and of a {@link Cholesky} factor): whole strips plus one vector, so
     * that the rows of a tile fall in different L1 sets even when {@code m} is a power of two (with stride
     * {@code m = 1024}, every row of a strip maps to the same set and the strip is refetched from L2 on every pass).
     */
    static int tileStride(int m) {
        return paddedWidth(m) + L;
    }

    /**
     * The preactivations {@code b_j + Σ_k x[(row0 + r)·d + k] W_jk} of rows {@code r < count} (the sum in increasing
     * {@code k}), or their ReLU if {@code relu}, stored at
     * {@code s[so + (j / NR)·stripStride + r·rowStride + j % NR]}: row-major with {@code (NR, stride)}, packed in column
     * strips as {@link #addGramUpper} reads them with {@code (NR·rows, NR)}. Column strips of {@link #NR} neurons
     * outer (the strip of {@code Wᵀ} stays in L1), four rows at a time inner.
     */
    static void preactivations(double[] x, int row0, int count, Layer layer, boolean relu, double[] s, int so,
            int stripStride, int rowStride) {
        int m = layer.m;
        int d = layer.d;
        double[] wt = layer.wt;
        double[] b = layer.b;
        double floor = relu ? 0.0 : Double.NEGATIVE_INFINITY;
        int vEnd = m - m % NR;
        for (int j = 0; j < vEnd; j += NR) {
            int o = so + j / NR * stripStride;
            int wo = stripOffset(j, 0, d);
            int r = 0;
            for (; r + 3 < count; r += 4) {
                preactivations4(x, (row0 + r) * d, d, wt, wo, b, j, floor, s, o + r * rowStride, rowStride);
            }
            for (; r < count; r++) {
                int xo = (row0 + r) * d;
                DoubleVector c0 = DoubleVector.fromArray(S, b, j);
                DoubleVector c1 = DoubleVector.fromArray(S, b, j + L);
                for (int k = 0; k < d; k++) {
                    DoubleVector v = DoubleVector.broadcast(S, x[xo + k]);
                    c0 = v.fma(DoubleVector.fromArray(S, wt, wo + k * NR), c0);
                    c1 = v.fma(DoubleVector.fromArray(S, wt, wo + k * NR + L), c1);
                }
                c0.max(floor).intoArray(s, o + r * rowStride);
                c1.max(floor).intoArray(s, o + r * rowStride + L);
            }
        }
        for (int r = 0; r < count && vEnd < m; r++) {
            int xo = (row0 + r) * d;
            for (int j = vEnd; j < m; j++) {
                double c = b[j];
                for (int k = 0; k < d; k++) {
                    c = Math.fma(x[xo + k], wt[stripOffset(j, k, d)], c);
                }
                s[so + j / NR * stripStride + r * rowStride + j % NR] = Math.max(c, floor);
            }
        }
    }

    /**
     * Rows {@code xo/d .. +4} of {@link #preactivations}, neurons {@code j .. j+NR} (their strip of {@code Wᵀ} at
     * {@code wt[wo ..]}), each clipped below at {@code floor}, into {@code s[so ..]} (row stride {@code rs}):
     * 8 accumulators in registers. A hand copy of the {@code 4 × NR} kernel of {@link #addProducts4}, kept apart
     * because merging would need both strides of the broadcast operand as parameters (see there).
     */
    private static void preactivations4(double[] x, int xo, int d, double[] wt, int wo, double[] b, int j,
            double floor, double[] s, int so, int rs) {
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
        for (int k = 0; k < d; k++) {
            int wk = wo + k * NR;
            int xk = xo + k;
            DoubleVector w0 = DoubleVector.fromArray(S, wt, wk);
            DoubleVector w1 = DoubleVector.fromArray(S, wt, wk + L);
            DoubleVector v = DoubleVector.broadcast(S, x[xk]);
            c00 = v.fma(w0, c00);
            c01 = v.fma(w1, c01);
            v = DoubleVector.broadcast(S, x[xk + d]);
            c10 = v.fma(w0, c10);
            c11 = v.fma(w1, c11);
            v = DoubleVector.broadcast(S, x[xk + 2 * d]);
            c20 = v.fma(w0, c20);
            c21 = v.fma(w1, c21);
            v = DoubleVector.broadcast(S, x[xk + 3 * d]);
            c30 = v.fma(w0, c30);
            c31 = v.fma(w1, c31);
        }
        c00.max(floor).intoArray(s, so);
        c01.max(floor).intoArray(s, so + L);
        c10.max(floor).intoArray(s, so + rs);
        c11.max(floor).intoArray(s, so + rs + L);
        c20.max(floor).intoArray(s, so + 2 * rs);
        c21.max(floor).intoArray(s, so + 2 * rs + L);
        c30.max(floor).intoArray(s, so + 3 * rs);
        c31.max(floor).intoArray(s, so + 3 * rs + L);
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
     * {@code Gᵀ_kj += Σ_r x[(row0 + r)·d + k] c[r·cs + j]} for {@code j < m}, {@code k < d}, over {@code r < count}
     * in increasing {@code r}: {@code Gᵀ += X_tileᵀ C}, with {@code Gᵀ_kj} at {@code g[stripOffset(j, k, d)]} (laid
     * out like {@link Layer#wt}). Column strips of {@link #NR} neurons outer (the strip of {@code C} stays in L1, the
     * strip of {@code Gᵀ} is one contiguous block), four coordinates at a time inner, each {@code Gᵀ} entry loaded and
     * stored once per tile.
     */
    static void addOuter(double[] x, int row0, int count, int d, double[] c, int cs, double[] g, int m) {
        int vEnd = m - m % NR;
        for (int j = 0; j < vEnd; j += NR) {
            int go = stripOffset(j, 0, d);
            int k = 0;
            for (; k + 3 < d; k += 4) {
                addOuter4(x, row0 * d + k, count, d, c, j, cs, g, go + k * NR);
            }
            for (; k < d; k++) {
                int o = go + k * NR;
                DoubleVector c0 = DoubleVector.fromArray(S, g, o);
                DoubleVector c1 = DoubleVector.fromArray(S, g, o + L);
                for (int r = 0; r < count; r++) {
                    DoubleVector v = DoubleVector.broadcast(S, x[(row0 + r) * d + k]);
                    c0 = v.fma(DoubleVector.fromArray(S, c, r * cs + j), c0);
                    c1 = v.fma(DoubleVector.fromArray(S, c, r * cs + j + L), c1);
                }
                c0.intoArray(g, o);
                c1.intoArray(g, o + L);
            }
        }
        for (int k = 0; k < d && vEnd < m; k++) {
            for (int j = vEnd; j < m; j++) {
                int o = stripOffset(j, k, d);
                double acc = g[o];
                for (int r = 0; r < count; r++) {
                    acc = Math.fma(x[(row0 + r) * d + k], c[r * cs + j], acc);
                }
                g[o] = acc;
            }
        }
    }

    /**
     * Coordinates {@code k .. k+4} ({@code xo = row0·d + k}) of {@link #addOuter}, neurons {@code j .. j+NR}, their
     * block of {@code Gᵀ} at {@code g[o ..]}. A hand copy of the {@code 4 × NR} kernel of {@link #addProducts4}, kept
     * apart because merging measured slower (see there).
     */
    private static void addOuter4(double[] x, int xo, int count, int d, double[] c, int j, int cs, double[] g, int o) {
        DoubleVector c00 = DoubleVector.fromArray(S, g, o);
        DoubleVector c01 = DoubleVector.fromArray(S, g, o + L);
        DoubleVector c10 = DoubleVector.fromArray(S, g, o + NR);
        DoubleVector c11 = DoubleVector.fromArray(S, g, o + NR + L);
        DoubleVector c20 = DoubleVector.fromArray(S, g, o + 2 * NR);
        DoubleVector c21 = DoubleVector.fromArray(S, g, o + 2 * NR + L);
        DoubleVector c30 = DoubleVector.fromArray(S, g, o + 3 * NR);
        DoubleVector c31 = DoubleVector.fromArray(S, g, o + 3 * NR + L);
        for (int r = 0; r < count; r++) {
            int xi = xo + r * d;
            int ci = j + r * cs;
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
        c00.intoArray(g, o);
        c01.intoArray(g, o + L);
        c10.intoArray(g, o + NR);
        c11.intoArray(g, o + NR + L);
        c20.intoArray(g, o + 2 * NR);
        c21.intoArray(g, o + 2 * NR + L);
        c30.intoArray(g, o + 3 * NR);
        c31.intoArray(g, o + 3 * NR + L);
    }

    /**
     * Width {@code m} rounded up to a whole number of column strips: the side of the Gram accumulator and the row
     * length of a packed chunk (its padding columns are never written, so stay 0).
     */
    static int paddedWidth(int m) {
        return (m + NR - 1) / NR * NR;
    }

    /** Where column {@code j} of row 0 sits in a chunk of {@link #GRAM_ROWS} rows packed in column strips. */
    static int stripOffset(int j) {
        return stripOffset(j, 0, GRAM_ROWS);
    }

    /**
     * Where entry {@code (r, j)} of a matrix with {@code rows} rows packed in column strips sits: strip
     * {@code j / NR} is a contiguous {@code rows × NR} block, row-major, so rows are {@link #NR} apart.
     */
    static int stripOffset(int j, int r, int rows) {
        return (j - j % NR) * rows + r * NR + j % NR;
    }

    /**
     * ReLU features {@code max(b_j + Σ_k x[(row0 + r)·d + k] W_jk, 0)} of rows {@code r < count <= GRAM_ROWS} into
     * columns {@code j < m} of a chunk packed in column strips, as {@link #addGramUpper} reads it: strip {@code s}
     * holds {@code GRAM_ROWS × NR} values row by row from {@code packed[s·NR·GRAM_ROWS]}.
     */
    static void packFeatures(double[] x, int row0, int count, Layer layer, double[] packed) {
        preactivations(x, row0, count, layer, true, packed, 0, NR * GRAM_ROWS, NR);
    }

    /**
     * Rows {@code r < rows <= GRAM_ROWS} of the row-major block {@code src[so + r·ss + c]}, {@code c < width} (a
     * multiple of {@link #NR}), times {@code sign} ({@code ±1}, exact), into a chunk packed in column strips.
     */
    static void packRows(double[] src, int so, int ss, int rows, int width, double sign, double[] packed) {
        for (int c = 0; c < width; c += NR) {
            for (int r = 0, o = stripOffset(c), i = so + c; r < rows; r++, o += NR, i += ss) {
                DoubleVector.fromArray(S, src, i).mul(sign).intoArray(packed, o);
                DoubleVector.fromArray(S, src, i + L).mul(sign).intoArray(packed, o + L);
            }
        }
    }

    /**
     * {@code acc[ao + j] += Σ_r p_rj t[from + r]} for {@code j < width} ({@code p} the first {@code rows} rows of a
     * chunk packed in column strips) and {@code acc[ao + width] += Σ_r t[from + r]²}, each one chain of
     * {@link Math#fma} over {@code r} in increasing order, as {@link #addGramUpper} would give for a column
     * {@code t} of the chunk.
     */
    static void addCorrelation(double[] packed, int rows, double[] t, int from, int width, double[] acc, int ao) {
        for (int c = 0; c < width; c += NR) {
            int o = stripOffset(c);
            DoubleVector c0 = DoubleVector.fromArray(S, acc, ao + c);
            DoubleVector c1 = DoubleVector.fromArray(S, acc, ao + c + L);
            for (int r = 0; r < rows; r++) {
                DoubleVector v = DoubleVector.broadcast(S, t[from + r]);
                c0 = DoubleVector.fromArray(S, packed, o + r * NR).fma(v, c0);
                c1 = DoubleVector.fromArray(S, packed, o + r * NR + L).fma(v, c1);
            }
            c0.intoArray(acc, ao + c);
            c1.intoArray(acc, ao + c + L);
        }
        double tt = acc[ao + width];
        for (int r = 0; r < rows; r++) {
            tt = Math.fma(t[from + r], t[from + r], tt);
        }
        acc[ao + width] = tt;
    }

    /**
     * Rows {@code block·GRAM_BLOCK …} (at most {@link #GRAM_BLOCK} of them) of the upper triangle ({@code l >= j}) of
     * {@code g += Aᵀ B}, {@code g} of side {@code width} (padded, {@link #paddedWidth}), where {@code A} and {@code B}
     * are the first {@code rows} rows of two packed chunks ({@link #packFeatures}, {@link #packRows}), {@code Aᵀ B}
     * symmetric ({@code A = ±B} for a Gram matrix, {@code A = −[V W]}, {@code B = [W V]} for a rank-2k update), and
     * row {@code j} of {@code g} starts at {@code g[go + j·gs]}. Each entry continues its chain of {@link Math#fma}
     * over the rows in increasing order, so blocks may run in any order or in parallel. The block's part of {@code A}
     * stays in L2 while the column strips of {@code B} stream past it (each strip in L1), four rows of {@code g} at a
     * time, so each {@code g} entry is loaded and stored once per chunk. Blocks crossing the diagonal also write some
     * entries below it; callers never read them.
     */
    static void addGramUpper(double[] a, double[] b, int rows, double[] g, int go, int gs, int width, int block) {
        int j0 = block * GRAM_BLOCK;
        for (int l = j0; l < width; l += NR) {
            for (int j = j0, end = Math.min(j0 + GRAM_BLOCK, l + NR); j < end; j += 4) {
                addProducts4(a, stripOffset(j), b, stripOffset(l), NR, rows, g, go + j * gs + l, gs);
            }
        }
    }

    /** Number of row blocks of {@link #addGramUpper} for a padded side {@code width}. */
    static int gramBlocks(int width) {
        return (width + GRAM_BLOCK - 1) / GRAM_BLOCK;
    }

    /**
     * {@code g[o + q·gs + c] += Σ_{r < rows} a[ao + r·NR + q] b[bo + r·bs + c]} for {@code q < 4}, {@code c < NR}
     * ({@code a} packed in column strips, {@link #stripOffset}): each entry one chain of {@link Math#fma} over
     * {@code r} in increasing order, with 8 accumulators in registers. The kernel of {@link #addGramUpper} ({@code b}
     * packed too, {@code bs = NR}) and of the block-row solve of {@link Cholesky}.
     *
     * <p>Two hand copies of it stay, on purpose. {@link #addOuter4}'s broadcast operand is the tile of {@code X}, rows
     * {@code d} apart instead of {@code NR}: with that row stride as a parameter of this kernel, the one-thread
     * gradient measured slower in alternated processes (benchmarks/README.md, "Choice of kernels"). {@link
     * #preactivations4} reads {@code X} the other way round (consecutive along the sum, rows {@code d} apart across
     * the block) and starts from the bias: merging it would make both strides of {@code a} parameters, the change
     * that measured slower for {@link #addOuter4}.
     */
    static void addProducts4(double[] a, int ao, double[] b, int bo, int bs, int rows, double[] g, int o, int gs) {
        DoubleVector c00 = DoubleVector.fromArray(S, g, o);
        DoubleVector c01 = DoubleVector.fromArray(S, g, o + L);
        DoubleVector c10 = DoubleVector.fromArray(S, g, o + gs);
        DoubleVector c11 = DoubleVector.fromArray(S, g, o + gs + L);
        DoubleVector c20 = DoubleVector.fromArray(S, g, o + 2 * gs);
        DoubleVector c21 = DoubleVector.fromArray(S, g, o + 2 * gs + L);
        DoubleVector c30 = DoubleVector.fromArray(S, g, o + 3 * gs);
        DoubleVector c31 = DoubleVector.fromArray(S, g, o + 3 * gs + L);
        for (int r = 0; r < rows; r++) {
            int ai = ao + r * NR;
            int bi = bo + r * bs;
            DoubleVector p0 = DoubleVector.fromArray(S, b, bi);
            DoubleVector p1 = DoubleVector.fromArray(S, b, bi + L);
            DoubleVector v = DoubleVector.broadcast(S, a[ai]);
            c00 = v.fma(p0, c00);
            c01 = v.fma(p1, c01);
            v = DoubleVector.broadcast(S, a[ai + 1]);
            c10 = v.fma(p0, c10);
            c11 = v.fma(p1, c11);
            v = DoubleVector.broadcast(S, a[ai + 2]);
            c20 = v.fma(p0, c20);
            c21 = v.fma(p1, c21);
            v = DoubleVector.broadcast(S, a[ai + 3]);
            c30 = v.fma(p0, c30);
            c31 = v.fma(p1, c31);
        }
        c00.intoArray(g, o);
        c01.intoArray(g, o + L);
        c10.intoArray(g, o + gs);
        c11.intoArray(g, o + gs + L);
        c20.intoArray(g, o + 2 * gs);
        c21.intoArray(g, o + 2 * gs + L);
        c30.intoArray(g, o + 3 * gs);
        c31.intoArray(g, o + 3 * gs + L);
    }

    /** {@code into[j] += from[j]}. */
    static void add(double[] into, double[] from) {
        for (int j = 0; j < into.length; j++) {
            into[j] += from[j];
        }
    }
}
