package org.replearn.core.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.kernel.ReluNtk;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * Harmonic energies of targets: closed forms for {@code z₁z₂} and {@code h₂(z₁)}, the parity of {@code h_k(z₁)}, the
 * total {@code E f*²}, the radial modes' sum, and a Monte Carlo estimate. Exact algebra in double precision: the
 * closed forms hold to a few ulps of the energies (we allow 1e-13; sums of at most a few hundred terms).
 */
class TargetHarmonicsTest {
    private static final double EXACT = 1e-13;

    private static HermitePolynomial single(int r, MultiIndex alpha) {
        return HermitePolynomial.builder(r).add(alpha, 1).build();
    }

    /** {@code 0.5 + z₁z₂ + h₂(z₁) − 0.7 h₃(z₂) + 0.3 h₂(z₁)h₂(z₂)}, r = 2, E g² = 2.83. */
    private static HermitePolynomial mixed() {
        return HermitePolynomial.builder(2).add(MultiIndex.of(0, 0), 0.5).add(MultiIndex.of(1, 1), 1)
                .add(MultiIndex.of(2, 0), 1).add(MultiIndex.of(0, 3), -0.7).add(MultiIndex.of(2, 2), 0.3).build();
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 8, 1024})
    void productOfTwoCoordinatesIsHarmonicOfDegreeTwo(int d) {
        double[] energies = TargetHarmonics.of(single(2, MultiIndex.of(1, 1)), d).degreeEnergies();
        assertEquals(0, energies[0], EXACT);
        assertEquals(0, energies[1], EXACT);
        assertEquals(1, energies[2], EXACT);
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 8, 1024})
    void secondHermiteHasDegreesTwoAndZero(int d) {
        // h₂(z₁) = ρ²(θ₁² − 1/d)/√2 + (ρ²/d − 1)/√2: E of the squares (d − 1)/d and Var(ρ²)/(2d²) = 1/d
        double[] energies = TargetHarmonics.of(single(1, MultiIndex.of(2)), d).degreeEnergies();
        assertEquals(1.0 / d, energies[0], EXACT);
        assertEquals(0, energies[1], EXACT);
        assertEquals((d - 1.0) / d, energies[2], EXACT);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 3, 4, 5, 6})
    void hermiteOfOneCoordinateHasDegreesOfItsParity(int k) {
        for (int d : new int[] {3, 8, 1024}) {
            double[] energies = TargetHarmonics.of(single(1, MultiIndex.of(k)), d).degreeEnergies();
            double sum = 0;
            for (int l = 0; l <= k; l++) {
                if ((k - l) % 2 == 0) {
                    assertTrue(energies[l] > 0, "degree " + l + " of h_" + k + " at d = " + d);
                } else {
                    assertEquals(0, energies[l], 0.0, "degree " + l + " of h_" + k + " at d = " + d);
                }
                sum += energies[l];
            }
            assertEquals(1, sum, EXACT, "E h_" + k + "² at d = " + d);
        }
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 8, 1024})
    void degreeAndModeEnergiesSumToTheSecondMoment(int d) {
        HermitePolynomial g = mixed();
        TargetHarmonics harmonics = TargetHarmonics.of(g, d);
        double[] degrees = harmonics.degreeEnergies();
        double total = 0;
        for (double e : degrees) {
            total += e;
        }
        assertEquals(g.secondMoment(), total, EXACT * g.secondMoment());
        // The radial rule with 8 nodes integrates ρ^{2m} exactly for m <= 15 >= p = 4, so the radial
        // eigenfunctions resolve each f_ℓ(ρ) on the nodes completely: the mode energies add up to the degree's.
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(new ReluNtk(d), new SpectralGrid(5, 8, 16));
        double[][] modes = harmonics.modeEnergies(spectrum);
        for (int l = 0; l <= 5; l++) {
            double sum = 0;
            for (double e : modes[l]) {
                assertTrue(e >= -EXACT, "energy of mode (" + l + ", j)");
                sum += e;
            }
            assertEquals(l < degrees.length ? degrees[l] : 0, sum, 1e-12 * g.secondMoment(), "degree " + l);
        }
    }

    @Test
    void degreeEnergiesMatchMonteCarlo() {
        int d = 6;
        int samples = 200_000;
        UniformRandomProvider rng = new Seeds(5).rng(Stream.CHECK, 0);
        Target target = Target.random(mixed(), d, rng);
        double[] exact = TargetHarmonics.of(mixed(), d).degreeEnergies();
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        // Y = N(d, ℓ) f(ρθ) f(ρθ') Q_ℓ(θ·θ'), θ' uniform and independent, has mean E f_ℓ² (addition theorem)
        double[] sum = new double[exact.length];
        double[] sumSquares = new double[exact.length];
        double[] x = new double[d];
        double[] y = new double[d];
        double[] q = new double[exact.length];
        for (int i = 0; i < samples; i++) {
            double xx = 0;
            double yy = 0;
            for (int k = 0; k < d; k++) {
                x[k] = gaussian.sample();
                y[k] = gaussian.sample();
                xx += x[k] * x[k];
                yy += y[k] * y[k];
            }
            double scale = Math.sqrt(xx / yy);
            double t = 0;
            for (int k = 0; k < d; k++) {
                y[k] *= scale;
                t += x[k] * y[k];
            }
            SphericalHarmonics.gegenbauer(d, t / xx, exact.length - 1, q);
            double product = target.value(x) * target.value(y);
            for (int l = 0; l < exact.length; l++) {
                double value = SphericalHarmonics.multiplicity(d, l) * product * q[l];
                sum[l] += value;
                sumSquares[l] += value * value;
            }
        }
        for (int l = 0; l < exact.length; l++) {
            double mean = sum[l] / samples;
            double standardError = Math.sqrt((sumSquares[l] / samples - mean * mean) / samples);
            // 4 standard errors: a false failure has probability below 1e-4 per degree
            assertEquals(exact[l], mean, 4 * standardError, "degree " + l);
        }
    }
}
