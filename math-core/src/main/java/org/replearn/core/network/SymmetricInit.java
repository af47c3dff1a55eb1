package org.replearn.core.network;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;

/**
 * Symmetric initialization (docs/math.md §3): for {@code j <= m/2}, {@code w_j ~ N(0, I_d/d)} (or uniform on the unit
 * sphere), {@code b_j ~ N(0,1)}, {@code a_j = ±1}; the second half mirrors {@code w, b} with {@code a} negated, so
 * the initial network is identically zero. {@code w, a} come from {@link Stream#INIT}, {@code b} from
 * {@link Stream#BIAS}.
 */
public final class SymmetricInit {
    private SymmetricInit() {
    }

    /**
     * The one home of the width rule: the symmetric initialization pairs neuron {@code j} with {@code j + m/2}, so
     * {@code m} must be even and at least 2. Returns {@code m}, or fails naming it and an even width to use.
     */
    public static int requireEvenWidth(int m) {
        if (m < 2 || m % 2 != 0) {
            throw new IllegalArgumentException("width m = " + m + " must be even and >= 2 for the symmetric"
                    + " initialization (it pairs the neurons): use an even m, e.g. " + (m < 2 ? 2 : m + 1));
        }
        return m;
    }

    /** A symmetric ReLU network of even width {@code m} on {@code R^d}. */
    public static TwoLayerNetwork initialize(int m, int d, Seeds seeds, boolean unitSphere) {
        requireEvenWidth(m);
        if (d < 1) {
            throw new IllegalArgumentException("dimension d = " + d + " must be >= 1");
        }
        int half = m / 2;
        UniformRandomProvider rng = seeds.rng(Stream.INIT);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj w = new DMatrixRMaj(m, d);
        double[] a = new double[m];
        double scale = 1.0 / Math.sqrt(d);
        for (int j = 0; j < half; j++) {
            double norm2 = 0;
            for (int k = 0; k < d; k++) {
                double v = normal.sample();
                w.data[j * d + k] = v;
                norm2 += v * v;
            }
            double f = unitSphere ? 1.0 / Math.sqrt(norm2) : scale;
            for (int k = 0; k < d; k++) {
                w.data[j * d + k] *= f;
            }
            a[j] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        double[] b = biases(half, seeds.rng(Stream.BIAS));
        double[] bias = new double[m];
        for (int j = 0; j < half; j++) {
            System.arraycopy(w.data, j * d, w.data, (j + half) * d, d);
            bias[j] = b[j];
            bias[j + half] = b[j];
            a[j + half] = -a[j];
        }
        return new TwoLayerNetwork(w, bias, a, Activation.RELU);
    }

    /** {@code count} standard normal biases. */
    public static double[] biases(int count, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] b = new double[count];
        for (int j = 0; j < count; j++) {
            b[j] = normal.sample();
        }
        return b;
    }
}
