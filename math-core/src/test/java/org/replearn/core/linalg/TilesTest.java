package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TilesTest {
    /** The branch-free ReLU mask is exactly 0 at r = 0. */
    @Test
    void positiveIsZeroAtZero() {
        assertEquals(0.0, Tiles.positive(0.0), 0.0);
    }

    /**
     * The branch-free ReLU mask is exactly 1 over the whole range of r > 0, subnormals and infinity included, so that
     * with {@link #positiveIsZeroAtZero} it is the exact indicator 1[r > 0] for r >= 0.
     */
    @ParameterizedTest(name = "r = {0}")
    @ValueSource(doubles = {Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 0.5, 1.0, 3.0, 1e300, Double.MAX_VALUE,
        Double.POSITIVE_INFINITY})
    void positiveIsOneAboveZero(double r) {
        assertEquals(1.0, Tiles.positive(r), 0.0, "r = " + r);
    }

    /** A mirrored output layer (a_{j+m/2} = -a_j, s_{j+m/2} = s_j) sums to exactly 0, also for odd m/2. */
    @ParameterizedTest(name = "m/2 = {0}")
    @ValueSource(ints = {1, 5, 8, 13})
    void mirroredOutputIsExactlyZero(int half) {
        double[] s = new double[2 * half];
        double[] a = new double[2 * half];
        for (int j = 0; j < half; j++) {
            s[j] = Math.sin(1.7 * j + 0.3);
            s[j + half] = s[j];
            a[j] = Math.cos(2.3 * j);
            a[j + half] = -a[j];
        }
        assertEquals(0.0, Tiles.output(s, 0, a), 0.0, "m = " + 2 * half);
    }
}
