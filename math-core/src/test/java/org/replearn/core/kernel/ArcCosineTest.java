package org.replearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;

/**
 * The vectorized arccos and ReLU kernel formulas of {@link ArcCosine} against their scalar definitions: the stated
 * bound is 0 ulp, i.e. the same bits as {@code StrictMath.acos} (itself within 1 ulp of the true arccos, fdlibm),
 * and as {@link ArcCosine#kernel} for the NNGP and NTK.
 */
class ArcCosineTest {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Uniform random points of [-1, 1] (and of the other families below, see {@link #points}). */
    private static final int UNIFORM = 2_000_000;

    /**
     * The test points: uniform on [-1, 1]; 1 − u·2^-e and −1 + u·2^-e for e = 1 … 60 (the sqrt reduction near ±1);
     * ±u·2^-e for e = 1 … 1074 (tiny values down to the subnormals, where fdlibm returns π/2 by a shortcut); the
     * neighbours of ±1, ±0.5 (the branch point), ±2^-57 (the shortcut's edge) and ±0; and points outside [-1, 1],
     * infinities and NaN.
     */
    private static double[] points() {
        UniformRandomProvider rng = new Seeds(19).rng(Stream.CHECK);
        List<Double> special = new ArrayList<>();
        for (double c : new double[] {1, 0.5, 0x1p-57, 0, Double.MIN_VALUE, Double.MIN_NORMAL}) {
            double up = c;
            double down = c;
            for (int i = 0; i < 64; i++) {
                special.add(up);
                special.add(-up);
                special.add(down);
                special.add(-down);
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        for (double c : new double[] {1.5, 2, 1e300, Double.POSITIVE_INFINITY, Double.NaN}) {
            special.add(c);
            special.add(-c);
        }
        int nearEnds = 60 * 2000;
        int tiny = 1074 * 200;
        double[] x = new double[UNIFORM + 2 * nearEnds + tiny + special.size()];
        int i = 0;
        for (int k = 0; k < UNIFORM; k++) {
            x[i++] = 2 * rng.nextDouble() - 1;
        }
        for (int e = 1; e <= 60; e++) {
            for (int k = 0; k < 2000; k++) {
                double u = rng.nextDouble() * Math.scalb(1.0, -e);
                x[i++] = 1 - u;
                x[i++] = -1 + u;
            }
        }
        for (int e = 1; e <= 1074; e++) {
            for (int k = 0; k < 200; k++) {
                double u = rng.nextDouble() * Math.scalb(1.0, -e);
                x[i++] = k % 2 == 0 ? u : -u;
            }
        }
        for (double s : special) {
            x[i++] = s;
        }
        return x;
    }

    @Test
    void vectorArccosHasTheBitsOfStrictMath() {
        double[] x = points();
        int mismatches = 0;
        String first = "";
        int end = x.length - x.length % S.length();
        double[] theta = new double[S.length()];
        for (int i = 0; i < end; i += S.length()) {
            ArcCosine.angle(DoubleVector.fromArray(S, x, i)).intoArray(theta, 0);
            for (int l = 0; l < theta.length; l++) {
                double expected = StrictMath.acos(x[i + l]);
                if (Double.doubleToLongBits(theta[l]) != Double.doubleToLongBits(expected)) {
                    if (mismatches++ == 0) {
                        first = "acos(" + x[i + l] + " = " + Double.toHexString(x[i + l]) + "): vector "
                                + Double.toHexString(theta[l]) + ", StrictMath " + Double.toHexString(expected);
                    }
                }
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + end + " points differ from StrictMath.acos; first: " + first);
    }

    /**
     * Rows of the batched NNGP and NTK: random norms and inner products at every correlation, including |ρ| = 1
     * exactly (x = ±y, clamped), ρ just inside ±1 and ρ = 0; every row length 0 … 40, so that each row has a scalar
     * remainder of every size.
     */
    @Test
    void vectorFillHasTheBitsOfTheScalarFormula() {
        UniformRandomProvider rng = new Seeds(19).rng(Stream.CHECK, 1);
        for (int d : new int[] {1, 3, 64}) {
            for (boolean ntk : new boolean[] {false, true}) {
                for (int rep = 0; rep < 2000; rep++) {
                    int count = rep % 41;
                    double xx = d * Math.scalb(rng.nextDouble(), rng.nextInt(20) - 10);
                    double[] yy = new double[count];
                    double[] out = new double[count + 3];
                    double[] dots = new double[count];
                    for (int j = 0; j < count; j++) {
                        yy[j] = j % 7 == 0 ? xx : d * Math.scalb(rng.nextDouble(), rng.nextInt(20) - 10);
                        double bound = Math.sqrt(xx * yy[j]);
                        dots[j] = switch (j % 5) {
                            case 0 -> bound;          // x = y direction: ρ = 1 (or just above, clamped)
                            case 1 -> -bound;         // antipodal
                            case 2 -> 0;
                            case 3 -> bound * (1 - Math.scalb(rng.nextDouble(), -40));
                            default -> bound * (2 * rng.nextDouble() - 1);
                        };
                        out[3 + j] = dots[j];
                    }
                    ArcCosine.fill(d, ntk, xx, yy, out, 3, count);
                    for (int j = 0; j < count; j++) {
                        double expected = ArcCosine.kernel(d, ntk, xx, yy[j], dots[j]);
                        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[3 + j]),
                                (ntk ? "NTK" : "NNGP") + " d=" + d + " xx=" + xx + " yy=" + yy[j] + " xy=" + dots[j]
                                        + ": vector " + out[3 + j] + ", scalar " + expected);
                    }
                }
            }
        }
    }
}
