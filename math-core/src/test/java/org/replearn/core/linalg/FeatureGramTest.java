package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Labels;
import org.replearn.core.network.TwoLayerNetwork;

class FeatureGramTest {
    /**
     * Fused streamed statistics vs their reference twin {@link Reference#featureGram} (different order, fma). Each feature is within
     * {@code γ_{d+1} S^abs_ij} of exact ({@code S^abs_ij = |b_j| + Σ_k |x_ik w_jk|} >= |φ_ij|), so a mean of n
     * products is within {@code γ_K (1/n) Σ_i |factors|}, {@code K = n + 2d + 6}, for both; they differ by at most
     * twice that. m = 40 (41 columns with the labels) ends in a partial column strip; n = 2501 leaves partial blocks
     * and 256-row chunks.
     */
    @Test
    void fusedStatisticsMatchReferenceWithinRoundingBound() {
        int d = 13;
        int m = 40;
        int n = 2501;
        Dataset data = Problems.source(d, n, 21).materialize();
        TwoLayerNetwork net = Problems.randomNetwork(m, d, 22);
        FeatureGram fused = FeatureGram.over(data.blocks(), net.weights(), net.biases(), Labels.OBSERVED, 1);
        FeatureGram ref = Reference.featureGram(data.x(), data.y(), net.weights(), net.biases());
        DMatrixRMaj sAbs = Problems.absPreactivations(data.x(), net.weights(), net.biases());
        double c = 2 * Problems.gamma(n + 2L * d + 6) / n;
        double[] gramBound = new double[m * m];
        double[] corrBound = new double[m];
        double ttBound = 0;
        for (int i = 0; i < n; i++) {
            double t = Math.abs(data.y()[i]);
            ttBound += c * t * t;
            for (int j = 0; j < m; j++) {
                corrBound[j] += c * sAbs.get(i, j) * t;
                for (int l = 0; l < m; l++) {
                    gramBound[j * m + l] += c * sAbs.get(i, j) * sAbs.get(i, l);
                }
            }
        }
        double worstGram = Problems.worstRatio(fused.gram().data, ref.gram().data, gramBound);
        double worstCorr = Problems.worstRatio(fused.correlation(), ref.correlation(), corrBound);
        assertTrue(worstGram <= 1 && worstCorr <= 1, "worst error / bound: gram " + worstGram + ", Φᵀy " + worstCorr);
        assertEquals(ref.labelMoment(), fused.labelMoment(), ttBound);
        assertEquals(n, fused.size());
        for (int j = 0; j < m; j++) {
            for (int l = 0; l < j; l++) {
                assertEquals(fused.gram().get(l, j), fused.gram().get(j, l), 0.0, "exactly symmetric");
            }
        }
    }

    /** 66 blocks: 2 and 4 threads give the bits of one thread. */
    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {2, 4})
    void resultIsBitIdenticalAcrossThreadCounts(int threads) {
        int d = 7;
        DataSource source = Problems.source(d, 65L * DataSource.BLOCK_ROWS + 30, 23);
        TwoLayerNetwork net = Problems.randomNetwork(34, d, 24);
        FeatureGram one = FeatureGram.over(source, net.weights(), net.biases(), Labels.OBSERVED, 1);
        FeatureGram many = FeatureGram.over(source, net.weights(), net.biases(), Labels.OBSERVED, threads);
        assertArrayEquals(one.gram().data, many.gram().data, "threads = " + threads);
        assertArrayEquals(one.correlation(), many.correlation());
        assertEquals(one.labelMoment(), many.labelMoment(), 0.0);
    }

    @Test
    void badInputIsRejected() {
        DataSource source = Problems.source(5, 100, 25);
        TwoLayerNetwork net = Problems.randomNetwork(4, 6, 26);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureGram.over(source, net.weights(), net.biases(), Labels.OBSERVED, 1));
        assertTrue(e.getMessage().contains("source dimension 5"), e.getMessage());
        DMatrixRMaj w = new DMatrixRMaj(4, 5);
        w.set(2, 3, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class,
                () -> FeatureGram.over(source, w, new double[4], Labels.OBSERVED, 1));
        assertTrue(e.getMessage().contains("w(2, 3) = Infinity"), e.getMessage());
    }
}
