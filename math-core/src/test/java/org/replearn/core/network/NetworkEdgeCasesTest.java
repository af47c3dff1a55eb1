package org.replearn.core.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;

/**
 * Edge cases of {@link Activation}, {@link SymmetricInit} and {@link TwoLayerNetwork} beyond
 * {@link TwoLayerNetworkTest} (found by mutation testing, see math-core/MUTATION.md).
 */
class NetworkEdgeCasesTest {

    /** {@code σ'(s) = 1[s > 0]}: the one-sided derivative at the kink is 0 (docs/math.md §3: {@code 1[s_ij > 0]}). */
    @Test
    void reluDerivativeIsZeroAtTheKink() {
        Activation relu = Activation.RELU;
        assertEquals(0.0, relu.derivative(0.0), 0.0);
        assertEquals(0.0, relu.derivative(-0.0), 0.0);
        assertEquals(1.0, relu.derivative(Double.MIN_VALUE), 0.0);
        assertEquals(0.0, relu.derivative(-Double.MIN_VALUE), 0.0);
        assertEquals(Double.MIN_VALUE, relu.value(Double.MIN_VALUE), 0.0);
        assertEquals(0.0, relu.value(-3.5), 0.0);
        assertEquals("relu", relu.name());
    }

    /** The smallest width is 2 and the smallest dimension 1; the refusals suggest the nearest valid even width. */
    @Test
    void smallestNetworkAndWidthMessages() {
        assertEquals(2, SymmetricInit.requireEvenWidth(2));
        assertEquals(1024, SymmetricInit.requireEvenWidth(1024));
        TwoLayerNetwork tiny = SymmetricInit.initialize(2, 1, new Seeds(4), true);
        assertEquals(2, tiny.width());
        assertEquals(1, tiny.dimension());
        assertEquals(1.0, Math.abs(tiny.weights().get(0, 0)), 2 * Math.ulp(1.0), "a unit vector in R^1");
        assertEquals(tiny.weights().get(0, 0), tiny.weights().get(1, 0), 0.0);
        double[] f = new double[3];
        tiny.forward(new DMatrixRMaj(new double[][] {{-2}, {0.5}, {3}}), f);
        assertArrayEquals(new double[3], f, 0.0, "the mirrored pair cancels exactly");
        for (int m : new int[] {0, 1, -4}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricInit.requireEvenWidth(m))
                    .getMessage().endsWith("use an even m, e.g. 2"), "m = " + m);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SymmetricInit.requireEvenWidth(7))
                .getMessage().endsWith("use an even m, e.g. 8"));
        assertEquals("dimension d = 0 must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> SymmetricInit.initialize(2, 0, new Seeds(4), false)).getMessage());
    }

    /**
     * The output weights of the first half are Rademacher: among m/2 = 2000, the number of +1 is Binomial(2000, 1/2),
     * within 4 SE ({@code 4·sqrt(2000)/2 ≈ 89}) of 1000.
     */
    @Test
    void outputWeightSignsAreRademacher() {
        int half = 2000;
        double[] a = SymmetricInit.initialize(2 * half, 3, new Seeds(17), false).outputWeights();
        int plus = 0;
        for (int j = 0; j < half; j++) {
            plus += a[j] > 0 ? 1 : 0;
        }
        assertEquals(half / 2.0, plus, 4 * Math.sqrt(half) / 2);
    }

    /** Every shape is checked where it enters: the constructor, forward's output, and the labels of loss and gradient. */
    @Test
    void shapesAreCheckedWhereTheyEnter() {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        double[] two = {0.5, -0.5};
        assertEquals("activation is null: pass e.g. Activation.RELU", assertThrows(IllegalArgumentException.class,
                () -> new TwoLayerNetwork(w, two, two, null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TwoLayerNetwork(w, two, new double[3], Activation.RELU)).getMessage().startsWith("a has"));
        TwoLayerNetwork net = new TwoLayerNetwork(w, two, two, Activation.RELU);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.forward(x, new double[2])).getMessage()
                .startsWith("out has length 2 for 3 samples"));
        for (int n : new int[] {2, 4}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.loss(x, new double[n])).getMessage()
                    .startsWith("y has dimension " + n));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> net.gradient(x, new double[n]))
                    .getMessage().startsWith("y has dimension " + n));
        }
    }
}
