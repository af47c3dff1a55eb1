package org.replearn.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner products {@code x_i·y_j} of two sets of points (the batched dot-product kernels' matrices, a network's
 * pre-activations), on the Vector API. Every product is the plain sequential sum
 * {@code ((0 + x_0 y_0) + x_1 y_1) + …} in increasing {@code k}, each multiplication and addition rounded on its own
 * (no FMA): the bits of EJML's {@code multTransB} and of a scalar loop, whatever the vector length, blocking or
 * thread count.
 *
 * <p>Layout: the points {@code y_j} are packed in column strips of {@link #STRIP} points (two vectors), each strip
 * one contiguous {@code d × STRIP} block ({@link #pack}); vectors run over {@code j} only (no horizontal sums). A
 * {@code 4 × STRIP} block of outputs stays in eight registers over {@code k}, the strip in L1 while the rows of a row
 * block pass it. Columns beyond the last whole strip (and, for a Gram matrix, next to the diagonal) are scalar.
 */
public final class InnerProducts {
    private static final VectorSpecies<Double> S = Lanes.SPECIES;
    private static final int L = Lanes.LENGTH;
    /** Points per packed strip: two vectors. */
    static final int STRIP = Lanes.STRIP;

    private InnerProducts() {
    }

    /** The whole strips of the {@code p} points in {@code y} (row-major {@code p × d}), packed. */
    public static double[] pack(double[] y, int p, int d) {
        int strips = p / STRIP;
        double[] packed = new double[strips * STRIP * d];
        for (int s = 0; s < strips; s++) {
            for (int c = 0; c < STRIP; c++) {
                int j = s * STRIP + c;
                for (int k = 0; k < d; k++) {
                    packed[(s * d + k) * STRIP + c] = y[j * d + k];
                }
            }
        }
        return packed;
    }

    /**
     * {@code out[o + (i - r0)·p + j] = x_i·y_j} for rows {@code r0 ≤ i < r1} of {@code x} and columns {@code j < p},
     * or with {@code lower} (then {@code y} is {@code x}) for {@code j < i} only, the strictly lower triangle; nothing
     * else of {@code out} is written. {@code packed} is {@link #pack}{@code (y, p, d)}.
     */
    public static void rows(double[] x, double[] y, double[] packed, int p, int d, int r0, int r1, boolean lower,
            double[] out, int o) {
        int shift = o - r0 * p;
        int strips = p / STRIP;
        for (int s = 0; s < strips; s++) {
            int j = s * STRIP;
            int po = s * d * STRIP;
            int i = lower ? Math.max(r0, j + STRIP) : r0;
            for (; i + 3 < r1; i += 4) {
                block4(x, i * d, d, packed, po, out, shift + i * p + j, p);
            }
            for (; i < r1; i++) {
                block1(x, i * d, d, packed, po, out, shift + i * p + j);
            }
        }
        for (int i = r0; i < r1; i++) {
            int end = lower ? i : p;
            for (int j = Math.min(strips, end / STRIP) * STRIP; j < end; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += x[i * d + k] * y[j * d + k];
                }
                out[shift + i * p + j] = sum;
            }
        }
    }

    /** Rows {@code xo/d .. +4} against one strip: 8 accumulators. */
    private static void block4(double[] x, int xo, int d, double[] packed, int po, double[] out, int o, int ld) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        for (int k = 0; k < d; k++) {
            int pk = po + k * STRIP;
            int xk = xo + k;
            DoubleVector y0 = DoubleVector.fromArray(S, packed, pk);
            DoubleVector y1 = DoubleVector.fromArray(S, packed, pk + L);
            DoubleVector v = DoubleVector.broadcast(S, x[xk]);
            c00 = c00.add(v.mul(y0));
            c01 = c01.add(v.mul(y1));
            v = DoubleVector.broadcast(S, x[xk + d]);
            c10 = c10.add(v.mul(y0));
            c11 = c11.add(v.mul(y1));
            v = DoubleVector.broadcast(S, x[xk + 2 * d]);
            c20 = c20.add(v.mul(y0));
            c21 = c21.add(v.mul(y1));
            v = DoubleVector.broadcast(S, x[xk + 3 * d]);
            c30 = c30.add(v.mul(y0));
            c31 = c31.add(v.mul(y1));
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + ld);
        c11.intoArray(out, o + ld + L);
        c20.intoArray(out, o + 2 * ld);
        c21.intoArray(out, o + 2 * ld + L);
        c30.intoArray(out, o + 3 * ld);
        c31.intoArray(out, o + 3 * ld + L);
    }

    /** One row against one strip. */
    private static void block1(double[] x, int xo, int d, double[] packed, int po, double[] out, int o) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        for (int k = 0; k < d; k++) {
            DoubleVector v = DoubleVector.broadcast(S, x[xo + k]);
            c0 = c0.add(v.mul(DoubleVector.fromArray(S, packed, po + k * STRIP)));
            c1 = c1.add(v.mul(DoubleVector.fromArray(S, packed, po + k * STRIP + L)));
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + L);
    }
}
