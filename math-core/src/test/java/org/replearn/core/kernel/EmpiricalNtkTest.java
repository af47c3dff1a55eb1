package org.replearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.network.Activation;
import org.replearn.core.network.TwoLayerNetwork;

/** The finite-width NTK: its formula, and convergence to {@link ReluNtk} at the random initialization. */
class EmpiricalNtkTest {
    private static final int D = 4;
    private static final int WIDTH = 200_000;
    /** Pairs (x, y): x = y, generic, nearly antipodal. */
    private static final double[][][] PAIRS = {
        {{1, -0.5, 2, 0.3}, {1, -0.5, 2, 0.3}},
        {{1, -0.5, 2, 0.3}, {0.2, 1.1, -0.7, 0.5}},
        {{3, -1.5, 6, 0.9}, {-3.1, 1.4, -5.9, -1}},
    };

    private static DMatrixRMaj firstLayer;
    private static double[] biases;
    private static double[] outputWeights;
    private static EmpiricalNtk empirical;

    /** i.i.d. neurons from docs/math.md §3: w ~ N(0, I_d/d), b ~ N(0, 1), a = ±1 (Rademacher); one network for all pairs. */
    @BeforeAll
    static void randomInitialization() {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(31, 0);
        firstLayer = KernelFixtures.gaussianMatrix(WIDTH, D, 1 / Math.sqrt(D), g);
        biases = new double[WIDTH];
        outputWeights = new double[WIDTH];
        for (int j = 0; j < WIDTH; j++) {
            biases[j] = g.sample();
            outputWeights[j] = g.sample() > 0 ? 1 : -1;
        }
        empirical = new EmpiricalNtk(firstLayer, biases, outputWeights);
    }

    @ParameterizedTest(name = "pair {0}")
    @ValueSource(ints = {0, 1, 2})
    void convergesToTheInfiniteWidthNtkAtRandomInitialization(int pair) {
        double[] x = PAIRS[pair][0];
        double[] y = PAIRS[pair][1];
        double xy = 0;
        for (int k = 0; k < D; k++) {
            xy += x[k] * y[k];
        }
        double sum = 0;
        double sumSq = 0;
        for (int j = 0; j < WIDTH; j++) {
            double s = biases[j];
            double t = biases[j];
            for (int k = 0; k < D; k++) {
                s += firstLayer.get(j, k) * x[k];
                t += firstLayer.get(j, k) * y[k];
            }
            double aj = outputWeights[j];
            double term = Math.max(s, 0) * Math.max(t, 0) + (s > 0 && t > 0 ? aj * aj * (xy + 1) : 0);
            sum += term;
            sumSq += term * term;
        }
        double mean = sum / WIDTH;
        double se = Math.sqrt((sumSq / WIDTH - mean * mean) / (WIDTH - 1));
        double theta = empirical.value(x, y);
        // Same average computed independently: rounding only (m terms of relative error ~ d ε each).
        assertEquals(mean, theta, 1e-10 * Math.abs(mean));
        // Θ_m is a mean of m i.i.d. per-neuron terms with expectation Θ: within 4 standard errors.
        double exact = new ReluNtk(D).value(x, y);
        assertTrue(Math.abs(theta - exact) <= 4 * se, "Θ_m = " + theta + ", Θ = " + exact + ", SE = " + se);
    }

    @Test
    void factoryReadsTheNetworkParameters() {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(31, 1);
        DMatrixRMaj w = KernelFixtures.gaussianMatrix(8, D, 1, g);
        double[] b = {0.1, -0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8};
        double[] a = {1, -1, 1, -1, 2, -2, 0.5, -0.5};
        double[] x = {0.3, -1, 0.8, 1.2};
        double[] y = {-0.4, 0.9, 1.1, -0.2};
        double expected = new EmpiricalNtk(w, b, a).value(x, y);
        assertEquals(expected, EmpiricalNtk.of(new TwoLayerNetwork(w, b, a, Activation.RELU)).value(x, y), 0.0);
        Activation tanh = new Activation() {
            @Override
            public double value(double s) {
                return Math.tanh(s);
            }

            @Override
            public double derivative(double s) {
                return 1 - Math.tanh(s) * Math.tanh(s);
            }

            @Override
            public String name() {
                return "tanh";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmpiricalNtk.of(new TwoLayerNetwork(w, b, a, tanh)));
        assertTrue(e.getMessage().startsWith("activation = tanh"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EmpiricalNtk(w, new double[3], a));
        assertTrue(e.getMessage().startsWith("b has dimension 3"), e.getMessage());
    }
}
