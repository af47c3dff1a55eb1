package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.hermite.QuadratureRule;
import org.replearn.core.targets.Frames;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

class AlignmentPredictionTest {
    private static final int R = 2;
    private static final int D = 6;
    private static final double NOISE = 0.5;
    private static final Seeds SEEDS = new Seeds(20220615L);

    /**
     * {@code g = 0.7 + 0.4 h1(z1) - 0.3 h1(z2) + 0.8 h2(z1) + 0.5 h1(z1)h1(z2) - 0.6 h2(z2) + 0.4 h3(z2)
     * + 0.3 h2(z1)h2(z2)}: constant and linear parts to be removed, odd and even terms, degree 4.
     */
    private static Target target() {
        HermitePolynomial g = HermitePolynomial.builder(R)
                .add(MultiIndex.of(0, 0), 0.7).add(MultiIndex.of(1, 0), 0.4).add(MultiIndex.of(0, 1), -0.3)
                .add(MultiIndex.of(2, 0), 0.8).add(MultiIndex.of(1, 1), 0.5).add(MultiIndex.of(0, 2), -0.6)
                .add(MultiIndex.of(0, 3), 0.4).add(MultiIndex.of(2, 2), 0.3).build();
        return new Target(g, Frames.randomOrthonormal(R, D, SEEDS.rng(Stream.FRAME)));
    }

    /** Neurons: generic, in span(U) (no orthogonal part), orthogonal to U, and extreme biases. */
    private static double[][] neurons(Target t) {
        UniformRandomProvider rng = SEEDS.rng(Stream.INIT);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj u = t.frame();
        double[] generic = new double[D + 1];
        for (int i = 0; i < D; i++) {
            generic[i] = normal.sample() / Math.sqrt(D);
        }
        generic[D] = 0.3;
        double[] inSpan = new double[D + 1];
        double[] orthogonal = new double[D + 1];
        double[] shifted = new double[D + 1];
        for (int i = 0; i < D; i++) {
            inSpan[i] = 0.9 * u.get(0, i) - 0.6 * u.get(1, i);
            shifted[i] = 0.5 * generic[i] + 0.4 * u.get(1, i);
        }
        inSpan[D] = -0.4;
        shifted[D] = -1.5;
        // orthogonal: generic minus its projection on span(U)
        double[] z = new double[R];
        t.project(Arrays.copyOf(generic, D), z);
        for (int i = 0; i < D; i++) {
            orthogonal[i] = generic[i] - z[0] * u.get(0, i) - z[1] * u.get(1, i);
        }
        orthogonal[D] = 0.8;
        return new double[][] {generic, inSpan, orthogonal, shifted};
    }

    private static double phi(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    /**
     * v_j against a Monte Carlo mean of {@code ỹ² (1[w·x+b>0] - Φ(b/||w||))²}, {@code ỹ = f̃(x) + ε}, over 2·10⁵
     * samples: |exact - mean| <= 4 standard errors (sample standard deviation / sqrt(n)); a false alarm has
     * probability 6e-5 per neuron.
     */
    @Test
    void noiseVarianceMatchesMonteCarlo() {
        Target t = target();
        HermitePolynomial reduced = t.link().withoutDegreesBelow(2);
        HermitePolynomial.Evaluator ev = reduced.evaluator();
        int samples = 200_000;
        double[][] neurons = neurons(t);
        for (int j = 0; j < neurons.length; j++) {
            double[] w = Arrays.copyOf(neurons[j], D);
            double b = neurons[j][D];
            double exact = AlignmentPrediction.noiseVariance(t, w, b, NOISE);
            double p = phi(b / Math.sqrt(dot(w, w)));
            ZigguratSampler.NormalizedGaussian normal =
                    ZigguratSampler.NormalizedGaussian.of(SEEDS.rng(Stream.CHECK, j));
            double[] x = new double[D];
            double[] z = new double[R];
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < samples; i++) {
                for (int k = 0; k < D; k++) {
                    x[k] = normal.sample();
                }
                t.project(x, z);
                double y = ev.value(z) + Math.sqrt(NOISE) * normal.sample();
                double psi = dot(w, x) + b > 0 ? 1 : 0;
                double term = y * y * (psi - p) * (psi - p);
                sum += term;
                sumSq += term * term;
            }
            double mean = sum / samples;
            double se = Math.sqrt((sumSq / samples - mean * mean) / (samples - 1));
            double score = (mean - exact) / se;
            assertTrue(Math.abs(score) <= 4, "neuron " + j + ": v = " + exact + ", Monte Carlo " + mean + " ± " + se);
        }
    }

    /**
     * v_j by the conditional formula {@code E[F(z) ((1-2p) Φ((Uw·z + b)/||w⊥||) + p²)]}, {@code F = f̃² + σ²},
     * integrated by tensor Gauss–Hermite quadrature over {@code z ∈ R²} (independent of the Hermite expansion used by
     * the class). Φ(a·z + c) is entire, so the rule converges faster than any power; convergence is checked by
     * doubling 40 -> 80 points per axis. Tolerance 1e-10 relative to {@code E F}, the size of v.
     */
    @Test
    void noiseVarianceMatchesConditionalQuadrature() {
        Target t = target();
        HermitePolynomial reduced = t.link().withoutDegreesBelow(2);
        double meanF = reduced.secondMoment() + NOISE;
        double[][] neurons = neurons(t);
        for (int j : new int[] {0, 3}) {
            double[] w = Arrays.copyOf(neurons[j], D);
            double b = neurons[j][D];
            double exact = AlignmentPrediction.noiseVariance(t, w, b, NOISE);
            double coarse = conditionalQuadrature(t, reduced, w, b, 40);
            double fine = conditionalQuadrature(t, reduced, w, b, 80);
            assertEquals(fine, coarse, 1e-10 * meanF, "quadrature converged");
            assertEquals(fine, exact, 1e-10 * meanF, "neuron " + j);
        }
    }

    private static double conditionalQuadrature(Target t, HermitePolynomial reduced, double[] w, double b, int points) {
        double[] v = new double[R];
        t.project(w, v);
        double s2 = dot(w, w);
        double perp = Math.sqrt(s2 - dot(v, v));
        double p = phi(b / Math.sqrt(s2));
        QuadratureRule rule = QuadratureRule.gaussHermite(points);
        double[] z = new double[R];
        double sum = 0;
        for (int i = 0; i < points; i++) {
            for (int k = 0; k < points; k++) {
                z[0] = rule.node(i);
                z[1] = rule.node(k);
                double f = reduced.value(z);
                double cond = phi((v[0] * z[0] + v[1] * z[1] + b) / perp);
                sum += rule.weight(i) * rule.weight(k) * (f * f + NOISE) * ((1 - 2 * p) * cond + p * p);
            }
        }
        return sum;
    }

    /**
     * For {@code w ⊥ span(U)} the activation is independent of {@code f̃}: {@code v = Φ(β)Φ(-β)(E f̃² + σ²)}, and
     * {@code G = 0} (the linear part is removed), so the prediction is pure noise: {@code A = r/d} for every n.
     * Floating-point tolerance (a few ulps of sums of O(1) terms).
     */
    @Test
    void orthogonalNeuronsGiveTheNoiseFloor() {
        Target t = target();
        double[] neuron = neurons(t)[2];
        double[] w = Arrays.copyOf(neuron, D);
        double b = neuron[D];
        double beta = b / Math.sqrt(dot(w, w));
        double expected = phi(beta) * phi(-beta) * (t.link().withoutDegreesBelow(2).secondMoment() + NOISE);
        assertEquals(expected, AlignmentPrediction.noiseVariance(t, w, b, NOISE), 1e-14);
        DMatrixRMaj single = new DMatrixRMaj(1, D, true, w);
        for (long n : new long[] {1, 1000, 1_000_000_000L}) {
            assertEquals((double) R / D, AlignmentPrediction.predict(t, single, new double[] {b}, NOISE, n), 1e-12);
        }
    }

    /**
     * Limits of the formula: neurons inside span(U) have {@code G_j ∈ span(U)}, so A -> 1 as n -> ∞; a target
     * with no part of degree >= 2 gives {@code G = 0} and A = r/d; A increases with n between r/d and its limit.
     */
    @Test
    void predictionLimits() {
        Target t = target();
        double[][] neurons = neurons(t);
        DMatrixRMaj inSpan = new DMatrixRMaj(1, D, true, Arrays.copyOf(neurons[1], D));
        assertEquals(1.0, AlignmentPrediction.predict(t, inSpan, new double[] {neurons[1][D]}, NOISE, Long.MAX_VALUE),
                1e-12);

        DMatrixRMaj all = new DMatrixRMaj(neurons.length, D);
        double[] biases = new double[neurons.length];
        for (int j = 0; j < neurons.length; j++) {
            for (int i = 0; i < D; i++) {
                all.set(j, i, neurons[j][i]);
            }
            biases[j] = neurons[j][D];
        }
        double previous = (double) R / D;
        for (long n = 1; n <= 1L << 40; n <<= 4) {
            double a = AlignmentPrediction.predict(t, all, biases, NOISE, n);
            assertTrue(a >= previous - 1e-15 && a <= 1, "n=" + n + ": A = " + a + " after " + previous);
            previous = a;
        }

        HermitePolynomial linear = HermitePolynomial.builder(R).add(MultiIndex.of(0, 0), 1.0)
                .add(MultiIndex.of(1, 0), 2.0).build();
        Target linearTarget = t.withLink(linear);
        assertEquals((double) R / D, AlignmentPrediction.predict(linearTarget, all, biases, NOISE, 100), 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlignmentPrediction.predict(linearTarget, all, biases, 0.0, 100));
        assertTrue(e.getMessage().contains("undefined"), e.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        Target t = target();
        DMatrixRMaj w = new DMatrixRMaj(2, D);
        w.set(0, 0, 1.0);
        w.set(1, 1, 1.0);
        double[] b = {0.1, 0.2};
        assertThrows(IllegalArgumentException.class, () -> AlignmentPrediction.predict(t, w, new double[3], 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> AlignmentPrediction.predict(t, w, b, -0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> AlignmentPrediction.predict(t, w, b, 0.1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> AlignmentPrediction.predict(t, new DMatrixRMaj(2, D), b, 0.1, 10));
        assertThrows(IllegalArgumentException.class,
                () -> AlignmentPrediction.noiseVariance(t, new double[D - 1], 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> AlignmentPrediction.noiseVariance(t, new double[D], Double.NaN, 0));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
