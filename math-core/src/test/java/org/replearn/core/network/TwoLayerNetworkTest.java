package org.replearn.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;

class TwoLayerNetworkTest {

    private static Dataset data(int d, int n, long seed) {
        Target t = Target.random(TargetPreset.of("multi-deg4").link(), d, new Seeds(seed).rng(Stream.FRAME));
        return new DataSource(t, 0.1, new Seeds(seed), Stream.TRAIN, n).materialize();
    }

    /**
     * Symmetric initialization makes the initial network identically zero, exactly: mirrored neurons have identical
     * preactivations and the output is summed as (first half) + (second half) = A + (-A) = 0 in floating point.
     */
    @Test
    void symmetricInitializationIsExactlyZero() {
        TwoLayerNetwork net = SymmetricInit.initialize(64, 7, new Seeds(3), false);
        Dataset data = data(7, 500, 3);
        double[] f = new double[500];
        net.forward(data.x(), f);
        for (int i = 0; i < f.length; i++) {
            assertEquals(0.0, f[i], 0.0, "sample " + i);
        }
        assertEquals(mean(data.y(), 2), net.loss(data.x(), data.y()), 0.0, "L = mean y² at f = 0");
    }

    /**
     * docs/math.md §3 layout: second half mirrors w and b with a negated, a = ±1. Unit-sphere rows have norm 1 up to the
     * rounding of d + 2 operations; Gaussian rows w ~ N(0, I/d) have E||w||² = 1 and Var ||w||² = 2/d, so the mean
     * over the m/2 independent rows is within 4 SE = 4 sqrt(2 / (d m/2)) of 1. Biases come from their own stream:
     * identical for other d or the sphere option, and mean 0, mean square 1 within 4 SE (1/sqrt(m/2), sqrt(2/(m/2))).
     */
    @Test
    void symmetricInitializationHasTheStatedLayoutAndDistribution() {
        int m = 2000;
        int d = 50;
        int h = m / 2;
        TwoLayerNetwork gauss = SymmetricInit.initialize(m, d, new Seeds(5), false);
        TwoLayerNetwork sphere = SymmetricInit.initialize(m, d, new Seeds(5), true);
        DMatrixRMaj w = gauss.weights();
        DMatrixRMaj u = sphere.weights();
        double[] a = gauss.outputWeights();
        double[] b = gauss.biases();
        double norms = 0;
        for (int j = 0; j < h; j++) {
            assertEquals(1.0, Math.abs(a[j]), 0.0);
            assertEquals(-a[j], a[j + h], 0.0);
            assertEquals(b[j], b[j + h], 0.0);
            double n2 = 0;
            double s2 = 0;
            for (int k = 0; k < d; k++) {
                assertEquals(w.get(j, k), w.get(j + h, k), 0.0);
                n2 += w.get(j, k) * w.get(j, k);
                s2 += u.get(j, k) * u.get(j, k);
            }
            norms += n2;
            assertEquals(1.0, s2, (d + 2) * 0x1p-52, "unit-sphere row " + j);
        }
        assertEquals(1.0, norms / h, 4 * Math.sqrt(2.0 / (d * (double) h)));
        assertArrayEquals(b, sphere.biases());
        assertArrayEquals(b, SymmetricInit.initialize(m, d + 3, new Seeds(5), false).biases());
        double[] firstHalf = java.util.Arrays.copyOf(b, h);
        assertEquals(0.0, mean(firstHalf, 1), 4 / Math.sqrt(h));
        assertEquals(1.0, mean(firstHalf, 2), 4 * Math.sqrt(2.0 / h));
    }

    private static double mean(double[] v, int power) {
        double s = 0;
        for (double e : v) {
            s += power == 1 ? e : e * e;
        }
        return s / v.length;
    }

    /**
     * Analytic gradients of a, W, b against central differences of the loss, at a non-symmetric parameter point,
     * with δ = 1e-6 and samples within 1e-3 of a ReLU kink excluded (so no kink is crossed: |Δs| <= δ·(|x|+1)
     * is below 1e-4). On linear pieces the loss is quadratic in each parameter, so the central difference is
     * exact up to rounding ε·L/δ ≈ 1e-10·L; tolerance 1e-7 relative to the gradient scale.
     */
    @Test
    void gradientsMatchCentralDifferencesAwayFromKinks() {
        int d = 4;
        int m = 6;
        Dataset data = data(d, 200, 9);
        TwoLayerNetwork init = SymmetricInit.initialize(m, d, new Seeds(9), false);
        DMatrixRMaj w0 = init.weights();
        for (int k = 0; k < d; k++) {
            w0.set(m - 1, k, -0.5 * w0.get(0, k)); // break the mirror symmetry: every neuron distinct
        }
        double[] a = {0.7, -1.2, 0.4, 0.9, -0.3, 1.1};
        double[] b0 = init.biases();
        b0[m - 1] = 0.3;
        TwoLayerNetwork net = new TwoLayerNetwork(w0, b0, a, Activation.RELU);
        DMatrixRMaj s = net.preactivations(data.x());
        int kept = 0;
        DMatrixRMaj x = new DMatrixRMaj(200, d);
        double[] y = new double[200];
        for (int i = 0; i < 200; i++) {
            boolean nearKink = false;
            for (int j = 0; j < m; j++) {
                nearKink |= Math.abs(s.get(i, j)) < 1e-3;
            }
            if (!nearKink) {
                System.arraycopy(data.x().data, i * d, x.data, kept * d, d);
                y[kept++] = data.y()[i];
            }
        }
        x.reshape(kept, d, true);
        double[] yk = java.util.Arrays.copyOf(y, kept);
        NetworkGradient g = net.gradient(x, yk);
        double delta = 1e-6;
        double scale = 1e-7 * (1 + maxAbs(g.a()) + maxAbs(g.w().data) + maxAbs(g.b()));
        double worst = 0;
        for (int j = 0; j < m; j++) {
            double[] ap = net.outputWeights();
            double[] am = net.outputWeights();
            ap[j] += delta;
            am[j] -= delta;
            double fd = (net.withOutputWeights(ap).loss(x, yk) - net.withOutputWeights(am).loss(x, yk)) / (2 * delta);
            assertEquals(fd, g.a()[j], scale, "a block, j=" + j);
            worst = Math.max(worst, Math.abs(fd - g.a()[j]));
            double[] bp = net.biases();
            double[] bm = net.biases();
            bp[j] += delta;
            bm[j] -= delta;
            fd = (net.withFirstLayer(net.weights(), bp).loss(x, yk) - net.withFirstLayer(net.weights(), bm).loss(x, yk))
                    / (2 * delta);
            assertEquals(fd, g.b()[j], scale, "b block, j=" + j);
            worst = Math.max(worst, Math.abs(fd - g.b()[j]));
            for (int k = 0; k < d; k++) {
                DMatrixRMaj wp = net.weights();
                DMatrixRMaj wm = net.weights();
                wp.add(j, k, delta);
                wm.add(j, k, -delta);
                fd = (net.withFirstLayer(wp, net.biases()).loss(x, yk) - net.withFirstLayer(wm, net.biases()).loss(x, yk))
                        / (2 * delta);
                assertEquals(fd, g.w().get(j, k), scale, "W block, j=" + j + ", k=" + k);
                worst = Math.max(worst, Math.abs(fd - g.w().get(j, k)));
            }
        }
        assertTrue(worst <= scale && kept > 150, "worst |FD - analytic| = " + worst + " over " + kept + " samples");
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }

    /**
     * The tiled, vectorized forward pass and pre-activations have the bits of the plain computation they replace:
     * EJML's {@code multTransB}, then the bias, then the output summed as (first half) + (second half), each half in
     * increasing j. Shapes cover partial tiles ({@code n} not a multiple of the 16-row tile or of the 4-row block),
     * widths below, at and beyond whole vector strips, odd widths and {@code d = 1}; signs and magnitudes are mixed so
     * that the order of the additions shows in the last bits. The ReLU (lane-wise) and another activation (scalar).
     */
    @Test
    void forwardHasTheBitsOfTheUntiledProduct() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(32);
        Activation leaky = LeakyRelu.INSTANCE;
        int[][] shapes = {{1, 1, 1}, {37, 5, 7}, {16, 19, 33}, {50, 64, 69}, {203, 3, 128}, {4, 1, 2}};
        for (int[] shape : shapes) {
            for (Activation act : new Activation[] {Activation.RELU, leaky}) {
                int n = shape[0];
                int d = shape[1];
                int m = shape[2];
                DMatrixRMaj x = random(n, d, rng);
                TwoLayerNetwork net = new TwoLayerNetwork(random(m, d, rng), random(1, m, rng).data,
                        random(1, m, rng).data, act);
                DMatrixRMaj s = new DMatrixRMaj(n, m);
                CommonOps_DDRM.multTransB(x, net.weights(), s);
                double[] b = net.biases();
                double[] a = net.outputWeights();
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    double first = 0;
                    double second = 0;
                    for (int j = 0; j < m; j++) {
                        s.add(i, j, b[j]);
                        if (j < m / 2) {
                            first += a[j] * act.value(s.get(i, j));
                        } else {
                            second += a[j] * act.value(s.get(i, j));
                        }
                    }
                    expected[i] = first + second;
                }
                String shapeName = act.name() + ", n = " + n + ", d = " + d + ", m = " + m;
                assertArrayEquals(s.data, net.preactivations(x).data, 0.0, shapeName);
                double[] f = new double[n];
                net.forward(x, f);
                assertArrayEquals(expected, f, 0.0, shapeName);
            }
        }
    }

    /** An {@code r×c} matrix of uniforms on (-1, 1), each scaled by a power of two from 2^-3 to 2^3. */
    private static DMatrixRMaj random(int r, int c, UniformRandomProvider rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = Math.scalb(rng.nextDouble() * 2 - 1, rng.nextInt(7) - 3);
        }
        return m;
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymmetricInit.initialize(7, 3, new Seeds(1), false));
        assertTrue(e.getMessage().contains("m = 7") && e.getMessage().contains("even"), e.getMessage());
        TwoLayerNetwork net = SymmetricInit.initialize(4, 3, new Seeds(1), false);
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(new DMatrixRMaj(2, 5), new double[2]));
        assertTrue(e.getMessage().contains("x columns"), e.getMessage());
        DMatrixRMaj bad = new DMatrixRMaj(2, 3);
        bad.set(1, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(bad, new double[2]));
        assertTrue(e.getMessage().contains("x(1, 2) = NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new TwoLayerNetwork(new DMatrixRMaj(4, 3), new double[3], new double[4], Activation.RELU));
    }
}
