package org.replearn.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.target.Target;
import org.replearn.core.target.TargetSpec;

class TwoLayerNetworkTest {

    private static Dataset data(int d, int n, long seed) {
        Target t = Target.random(TargetSpec.preset("multi-deg4"), d, new Seeds(seed).rng(Stream.FRAME));
        return new DataSource(t, 0.1, new Seeds(seed), Stream.TRAIN, n).materialize();
    }

    /**
     * Symmetric initialization makes the initial network identically zero: mirrored pairs cancel exactly, so the
     * computed sum is pure summation rounding, bounded by m·ε·Σ_j |a_j σ(s_ij)| (standard recursive-sum bound).
     */
    @Test
    void symmetricInitializationIsExactlyZero() {
        TwoLayerNetwork net = SymmetricInit.initialize(64, 7, new Seeds(3), false);
        Dataset data = data(7, 500, 3);
        double[] f = new double[500];
        net.forward(data.x(), f);
        DMatrixRMaj s = net.preactivations(data.x());
        for (int i = 0; i < f.length; i++) {
            double abs = 0;
            for (int j = 0; j < 64; j++) {
                abs += Math.max(s.get(i, j), 0);
            }
            assertEquals(0.0, f[i], 64 * Math.ulp(1.0) * abs);
        }
        DMatrixRMaj w = net.weights();
        double norm2 = 0;
        for (int k = 0; k < 7; k++) {
            norm2 += w.get(5, k) * w.get(5, k);
        }
        assertTrue(norm2 > 0 && norm2 < 10, "rows ~ N(0, I/d) have norm near 1");
        TwoLayerNetwork sphere = SymmetricInit.initialize(8, 7, new Seeds(3), true);
        double n2 = 0;
        for (int k = 0; k < 7; k++) {
            n2 += sphere.weights().get(2, k) * sphere.weights().get(2, k);
        }
        assertEquals(1.0, n2, 1e-14);
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
        double[] a = {0.7, -1.2, 0.4, 0.9, -0.3, 1.1};
        TwoLayerNetwork net = init.withOutputWeights(a);
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
        for (int j = 0; j < m; j++) {
            double[] ap = net.outputWeights();
            double[] am = net.outputWeights();
            ap[j] += delta;
            am[j] -= delta;
            double fd = (net.withOutputWeights(ap).loss(x, yk) - net.withOutputWeights(am).loss(x, yk)) / (2 * delta);
            assertEquals(fd, g.a()[j], scale, "a block, j=" + j);
            double[] bp = net.biases();
            double[] bm = net.biases();
            bp[j] += delta;
            bm[j] -= delta;
            fd = (net.withFirstLayer(net.weights(), bp).loss(x, yk) - net.withFirstLayer(net.weights(), bm).loss(x, yk))
                    / (2 * delta);
            assertEquals(fd, g.b()[j], scale, "b block, j=" + j);
            for (int k = 0; k < d; k++) {
                DMatrixRMaj wp = net.weights();
                DMatrixRMaj wm = net.weights();
                wp.add(j, k, delta);
                wm.add(j, k, -delta);
                fd = (net.withFirstLayer(wp, net.biases()).loss(x, yk) - net.withFirstLayer(wm, net.biases()).loss(x, yk))
                        / (2 * delta);
                assertEquals(fd, g.w().get(j, k), scale, "W block, j=" + j + ", k=" + k);
            }
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
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
