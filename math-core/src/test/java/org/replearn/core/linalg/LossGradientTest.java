package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Seeds;
import org.replearn.core.network.Activation;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

class LossGradientTest {
    /** 71 blocks (more than Parallel.PARTITIONS, so partitions hold one or two blocks). */
    private static final long BIT_IDENTITY_ROWS = 70L * DataSource.BLOCK_ROWS + 3;

    /**
     * Fused streamed pass ({@link LossGradient#over} and its forward half {@link LossGradient#lossOver}) vs the
     * reference twin {@link Reference#lossGradient}. Orders and fma differ, so the check is a forward error bound
     * that holds for both: with {@code S^abs_ij = |b_j| + Σ_k |x_ik w_jk|} and
     * {@code E^abs_i = Σ_j |a_j| S^abs_ij + |y_i|} (bounds on |s_ij| and |e_i|), every computed {@code s_ij} is within
     * {@code γ_{d+1} S^abs_ij}, every {@code e_i} within {@code γ_{d+m+2} E^abs_i}, and a sum of n such products within
     * {@code γ_K Σ_i |factors|} with {@code K = n + 2(d + m) + 8} covering all of them; the two results differ by at
     * most twice that. The bound needs identical ReLU masks, so the test first asserts that no {@code |s_ij|} is
     * within its rounding error of a kink. n = 2501 leaves a partial block and partial tile, d = 13 is not a
     * multiple of 4.
     */
    @Test
    void fusedPassMatchesReferenceWithinRoundingBound() {
        int d = 13;
        int m = 10;
        int n = 2501;
        Dataset data = Problems.source(d, n, 11).materialize();
        TwoLayerNetwork net = Problems.randomNetwork(m, d, 12);
        LossGradient fused = LossGradient.over(data.blocks(), net, Labels.OBSERVED, 1);
        double forwardOnly = LossGradient.lossOver(data.blocks(), net, Labels.OBSERVED, 1);
        LossGradient reference = Reference.lossGradient(data.x(), data.y(), net);
        NetworkGradient ref = reference.gradient();
        double refLoss = reference.loss();

        DMatrixRMaj x = data.x();
        DMatrixRMaj sAbs = Problems.absPreactivations(x, net.weights(), net.biases());
        DMatrixRMaj s = net.preactivations(x);
        double[] a = net.outputWeights();
        for (int e = 0; e < s.data.length; e++) {
            assertTrue(Math.abs(s.data[e]) > 4 * Problems.gamma(d + 1) * sAbs.data[e], "sample on a kink");
        }
        double[] eAbs = new double[n];
        for (int i = 0; i < n; i++) {
            eAbs[i] = Math.abs(data.y()[i]);
            for (int j = 0; j < m; j++) {
                eAbs[i] += Math.abs(a[j]) * sAbs.get(i, j);
            }
        }
        double c = 2 * Problems.gamma(n + 2L * (d + m) + 8) * 2.0 / n;
        double[] boundA = new double[m];
        double[] boundB = new double[m];
        double[] boundW = new double[m * d];
        double lossBound = 0;
        for (int i = 0; i < n; i++) {
            lossBound += 3 * eAbs[i] * eAbs[i];
            for (int j = 0; j < m; j++) {
                boundA[j] += c * eAbs[i] * sAbs.get(i, j);
                boundB[j] += c * eAbs[i] * Math.abs(a[j]);
                for (int k = 0; k < d; k++) {
                    boundW[j * d + k] += c * eAbs[i] * Math.abs(a[j] * x.get(i, k));
                }
            }
        }
        lossBound *= 2 * Problems.gamma(n + 2L * (d + m) + 8) / n;
        assertEquals(refLoss, fused.loss(), lossBound);
        assertEquals(refLoss, forwardOnly, lossBound);
        double worstA = Problems.worstRatio(fused.gradient().a(), ref.a(), boundA);
        double worstB = Problems.worstRatio(fused.gradient().b(), ref.b(), boundB);
        double worstW = Problems.worstRatio(fused.gradient().w().data, ref.w().data, boundW);
        assertTrue(worstA <= 1 && worstB <= 1 && worstW <= 1,
                "worst error / bound: a " + worstA + ", b " + worstB + ", W " + worstW);
    }

    /** 2 and 4 threads give the bits of one thread, for the whole pass and for its forward half. */
    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {2, 4})
    void resultIsBitIdenticalAcrossThreadCounts(int threads) {
        int d = 13;
        DataSource source = Problems.source(d, BIT_IDENTITY_ROWS, 13);
        TwoLayerNetwork net = Problems.randomNetwork(36, d, 14);
        LossGradient one = LossGradient.over(source, net, Labels.OBSERVED, 1);
        LossGradient many = LossGradient.over(source, net, Labels.OBSERVED, threads);
        assertEquals(one.loss(), many.loss(), 0.0);
        assertArrayEquals(one.gradient().a(), many.gradient().a());
        assertArrayEquals(one.gradient().b(), many.gradient().b());
        assertArrayEquals(one.gradient().w().data, many.gradient().w().data);
        assertEquals(LossGradient.lossOver(source, net, Labels.OBSERVED, 1),
                LossGradient.lossOver(source, net, Labels.OBSERVED, threads), 0.0);
    }

    /**
     * The forward half computes the same sum as the whole pass, and the materialized data set served in blocks gives
     * the bits of the streamed source.
     */
    @Test
    void resultIsBitIdenticalAcrossSourcesAndPasses() {
        int d = 13;
        DataSource source = Problems.source(d, BIT_IDENTITY_ROWS, 13);
        TwoLayerNetwork net = Problems.randomNetwork(36, d, 14);
        LossGradient one = LossGradient.over(source, net, Labels.OBSERVED, 1);
        assertEquals(one.loss(), LossGradient.lossOver(source, net, Labels.OBSERVED, 1), 0.0,
                "the forward half computes the same sum");
        LossGradient memory = LossGradient.over(source.materialize().blocks(), net, Labels.OBSERVED, 2);
        assertArrayEquals(one.gradient().w().data, memory.gradient().w().data);
    }

    /**
     * At a symmetric initialization the network is exactly 0 (mirrored halves cancel), so with zero labels the loss
     * and the gradient are exactly 0, and with any labels mirrored neurons get exactly equal a-gradients (same σ(s_ij)) and exactly opposite
     * b- and W-gradients (factor a_j).
     */
    @Test
    void symmetricInitializationCancelsExactly() {
        int d = 9;
        int m = 24;
        DataSource source = Problems.source(d, 1500, 15);
        TwoLayerNetwork net = SymmetricInit.initialize(m, d, new Seeds(16), false);
        Labels zero = (block, out) -> Arrays.fill(out, 0, block.rows(), 0.0);
        LossGradient atZero = LossGradient.over(source, net, zero, 2);
        assertEquals(0.0, atZero.loss(), 0.0);
        for (double v : atZero.gradient().w().data) {
            assertEquals(0.0, v, 0.0);
        }
        NetworkGradient g = LossGradient.over(source, net, Labels.OBSERVED, 2).gradient();
        int h = m / 2;
        for (int j = 0; j < h; j++) {
            assertEquals(g.a()[j], g.a()[j + h], 0.0);
            assertEquals(-g.b()[j], g.b()[j + h], 0.0);
            for (int k = 0; k < d; k++) {
                assertEquals(-g.w().get(j, k), g.w().get(j + h, k), 0.0);
            }
        }
    }

    @Test
    void badInputIsRejected() {
        DataSource source = Problems.source(5, 100, 17);
        TwoLayerNetwork wrongDimension = Problems.randomNetwork(4, 6, 18);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LossGradient.over(source, wrongDimension, Labels.OBSERVED, 1));
        assertTrue(e.getMessage().contains("source dimension 5"), e.getMessage());
        TwoLayerNetwork net = Problems.randomNetwork(4, 5, 18);
        Labels broken = (block, out) -> Arrays.fill(out, 0, block.rows(), Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> LossGradient.over(source, net, broken, 2));
        assertTrue(e.getMessage().contains("label of sample 0 = NaN"), e.getMessage());
        Activation softplus = new Activation() {
            @Override
            public double value(double s) {
                return Math.log1p(Math.exp(s));
            }

            @Override
            public double derivative(double s) {
                return 1 / (1 + Math.exp(-s));
            }

            @Override
            public String name() {
                return "softplus";
            }
        };
        TwoLayerNetwork smooth = new TwoLayerNetwork(net.weights(), net.biases(), net.outputWeights(), softplus);
        e = assertThrows(IllegalArgumentException.class, () -> LossGradient.over(source, smooth, Labels.OBSERVED, 1));
        assertTrue(e.getMessage().contains("softplus"), e.getMessage());
    }
}
