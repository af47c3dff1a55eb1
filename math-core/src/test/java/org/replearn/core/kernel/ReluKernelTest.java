package org.replearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The arc-cosine closed forms of {@link ReluNngp} and {@link ReluNtk} against Monte Carlo over neurons. */
class ReluKernelTest {
    private static final int D = 4;
    private static final int NEURONS = 1_000_000;

    /** Pairs (x, y): x = y, generic, nearly antipodal at two scales, and the origin. */
    private static final double[][][] PAIRS = {
        {{1, -0.5, 2, 0.3}, {1, -0.5, 2, 0.3}},
        {{1, -0.5, 2, 0.3}, {0.2, 1.1, -0.7, 0.5}},
        {{1, -0.5, 2, 0.3}, {-1.01, 0.52, -1.98, -0.3}},
        {{10, -5, 20, 3}, {-10.1, 5.2, -19.8, -3}},
        {{0, 0, 0, 0}, {0.2, 1.1, -0.7, 0.5}},
    };

    /** Monte Carlo sums per pair over the same {@link #NEURONS} neurons: values and squares, NNGP and NTK terms. */
    private static double[] nngpSum;
    private static double[] nngpSq;
    private static double[] ntkSum;
    private static double[] ntkSq;

    @BeforeAll
    static void monteCarloOverNeurons() {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(11, 0);
        int pairs = PAIRS.length;
        nngpSum = new double[pairs];
        nngpSq = new double[pairs];
        ntkSum = new double[pairs];
        ntkSq = new double[pairs];
        double[] xy = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            for (int k = 0; k < D; k++) {
                xy[p] += PAIRS[p][0][k] * PAIRS[p][1][k];
            }
        }
        double[] w = new double[D];
        for (int j = 0; j < NEURONS; j++) {
            for (int k = 0; k < D; k++) {
                w[k] = g.sample() / Math.sqrt(D); // w ~ N(0, I_d / d)
            }
            double b = g.sample(); // b ~ N(0, 1)
            for (int p = 0; p < pairs; p++) {
                double u = b;
                double v = b;
                for (int k = 0; k < D; k++) {
                    u += w[k] * PAIRS[p][0][k];
                    v += w[k] * PAIRS[p][1][k];
                }
                double nngp = Math.max(u, 0) * Math.max(v, 0);
                double ntk = nngp + (u > 0 && v > 0 ? xy[p] + 1 : 0); // a² = 1
                nngpSum[p] += nngp;
                nngpSq[p] += nngp * nngp;
                ntkSum[p] += ntk;
                ntkSq[p] += ntk * ntk;
            }
        }
    }

    /** The ten comparisons: each kernel at each pair. */
    static Stream<Arguments> kernelsAndPairs() {
        return Stream.of("NNGP", "NTK").flatMap(k -> IntStream.range(0, PAIRS.length).mapToObj(p -> Arguments.of(k, p)));
    }

    /** 4 standard errors of the Monte Carlo mean: each of the 10 comparisons fails by chance with p < 1e-4. */
    @ParameterizedTest(name = "{0} pair {1}")
    @MethodSource("kernelsAndPairs")
    void closedFormsMatchMonteCarloOverNeurons(String kernel, int p) {
        double[] x = PAIRS[p][0];
        double[] y = PAIRS[p][1];
        if (kernel.equals("NNGP")) {
            assertWithin(new ReluNngp(D).value(x, y), nngpSum[p], nngpSq[p], "NNGP pair " + p);
        } else {
            assertWithin(new ReluNtk(D).value(x, y), ntkSum[p], ntkSq[p], "NTK pair " + p);
        }
    }

    @Test
    void originHasExactValues() {
        double[] zero = new double[D];
        // u = v = b ~ N(0,1): E[σ(b)²] = 1/2 and E[1[b>0]] = 1/2, so Θ = 1/2 + 1/2 (0 + 1); exact up to rounding.
        assertEquals(0.5, new ReluNngp(D).value(zero, zero), 1e-15);
        assertEquals(1.0, new ReluNtk(D).value(zero, zero), 1e-15);
    }

    @Test
    void diagonalIsFiniteAtCoincidentPoints() {
        // ρ = 1 exactly (θ = 0): K(x, x) = Var u / 2 = (||x||²/d + 1)/2, Θ(x, x) = K(x, x) + (||x||² + 1)/2.
        double[] x = {3, -1, 0.5, 2};
        double sq = 9 + 1 + 0.25 + 4;
        assertEquals((sq / D + 1) / 2, new ReluNngp(D).value(x, x), 4 * Math.ulp(sq));
        assertEquals((sq / D + 1) / 2 + (sq + 1) / 2, new ReluNtk(D).value(x, x), 8 * Math.ulp(sq));
    }

    private static void assertWithin(double exact, double sum, double sumSq, String what) {
        double mean = sum / NEURONS;
        double variance = (sumSq / NEURONS - mean * mean) * NEURONS / (NEURONS - 1);
        double se = Math.sqrt(variance / NEURONS);
        assertTrue(Math.abs(mean - exact) <= 4 * se,
                what + ": closed form " + exact + ", Monte Carlo " + mean + " ± " + se);
    }
}
