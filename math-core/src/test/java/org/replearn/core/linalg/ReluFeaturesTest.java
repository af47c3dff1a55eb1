package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.Dataset;
import org.replearn.core.network.TwoLayerNetwork;

class ReluFeaturesTest {
    /**
     * Blocked kernel vs its reference twin ({@link Reference#reluFeatures}). Both compute {@code s_ij = b_j + Σ_k x_ik w_jk} with d+1 terms in the same
     * k order (the kernel with fma), each within {@code γ_{d+1} (|b_j| + Σ_k |x_ik w_jk|)} of the exact value, and
     * max(·, 0) is 1-Lipschitz: so they differ by at most twice that. n = 1001 and d = 13 leave partial tiles and
     * a d not divisible by 4; m = 37 is odd.
     */
    @Test
    void blockedKernelMatchesReferenceWithinRoundingBound() {
        int d = 13;
        int m = 37;
        Dataset data = Problems.source(d, 1001, 1).materialize();
        TwoLayerNetwork net = Problems.randomNetwork(m, d, 2);
        DMatrixRMaj fast = new DMatrixRMaj(1, 1);
        DMatrixRMaj ref = new DMatrixRMaj(1, 1);
        ReluFeatures.compute(data.x(), net.weights(), net.biases(), fast, 2);
        Reference.reluFeatures(data.x(), net.weights(), net.biases(), ref);
        DMatrixRMaj bound = Problems.absPreactivations(data.x(), net.weights(), net.biases());
        for (int e = 0; e < bound.data.length; e++) {
            bound.data[e] *= 2 * Problems.gamma(d + 1);
        }
        double worst = Problems.worstRatio(fast.data, ref.data, bound.data);
        assertTrue(worst <= 1, "worst error / bound = " + worst);
    }

    /** Rows are independent: every thread count gives the bits of one thread. */
    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {2, 4})
    void threadCountDoesNotChangeBits(int threads) {
        int d = 20;
        Dataset data = Problems.source(d, 3000, 3).materialize();
        TwoLayerNetwork net = Problems.randomNetwork(64, d, 4);
        DMatrixRMaj one = new DMatrixRMaj(1, 1);
        ReluFeatures.compute(data.x(), net.weights(), net.biases(), one, 1);
        DMatrixRMaj many = new DMatrixRMaj(1, 1);
        ReluFeatures.compute(data.x(), net.weights(), net.biases(), many, threads);
        assertArrayEquals(one.data, many.data, "threads = " + threads);
    }

    /** The public entry kept for other packages' tests gives exactly the reference twin's features. */
    @Test
    void publicReferenceDelegatesToTheTwin() {
        Dataset data = Problems.source(5, 100, 6).materialize();
        TwoLayerNetwork net = Problems.randomNetwork(9, 5, 7);
        DMatrixRMaj viaPublic = new DMatrixRMaj(1, 1);
        DMatrixRMaj twin = new DMatrixRMaj(1, 1);
        ReluFeatures.reference(data.x(), net.weights(), net.biases(), viaPublic);
        Reference.reluFeatures(data.x(), net.weights(), net.biases(), twin);
        assertArrayEquals(twin.data, viaPublic.data, 0.0);
    }

    @Test
    void badInputIsRejected() {
        TwoLayerNetwork net = Problems.randomNetwork(4, 3, 5);
        DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        DMatrixRMaj x = new DMatrixRMaj(2, 3);
        x.set(1, 0, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReluFeatures.compute(x, net.weights(), net.biases(), phi, 1));
        assertTrue(e.getMessage().contains("x(1, 0) = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReluFeatures.compute(new DMatrixRMaj(2, 5), net.weights(), net.biases(), phi, 1));
        assertTrue(e.getMessage().contains("x columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReluFeatures.compute(new DMatrixRMaj(2, 3), net.weights(), new double[3], phi, 1));
        assertTrue(e.getMessage().startsWith("b has dimension 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ReluFeatures.compute(new DMatrixRMaj(2, 3), net.weights(), net.biases(), phi, 0));
        assertTrue(e.getMessage().startsWith("threads = 0"), e.getMessage());
    }
}
