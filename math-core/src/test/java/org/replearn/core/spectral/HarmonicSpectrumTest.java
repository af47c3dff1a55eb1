package org.replearn.core.spectral;

import org.replearn.core.hermite.QuadratureRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.kernel.DotProductKernel;
import org.replearn.core.kernel.GaussianKernel;
import org.replearn.core.kernel.PolynomialKernel;
import org.replearn.core.kernel.ReluNtk;

/**
 * The harmonic spectrum against identities that hold for every kernel (trace, Hilbert–Schmidt norm), a polynomial
 * kernel's closed form, and the spectrum of a sampled Gram matrix.
 */
class HarmonicSpectrumTest {
    private static final SpectralGrid GRID = new SpectralGrid(12, 24, 96);

    @ParameterizedTest(name = "d = {0}, L = {1}")
    @CsvSource({"3, 20", "8, 20", "64, 13"})
    void gaussianKernelTraceIsCapturedByTheModes(int d, int maxDegree) {
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(new GaussianKernel(d, 1),
                new SpectralGrid(maxDegree, 24, 96));
        // E k(x, x) = 1. The degrees above L carry about e^{-1}/(L+1)! at large d (4e-12 at L = 13) and less at
        // small d (the spectrum at L = 12 missed 3e-8 at d = 3, at L = 20 below 1e-12); the angular projection
        // loses about ε sqrt(N(d, ℓ)) relative (4e-9 at d = 64, ℓ = 13). We allow 1e-8.
        assertEquals(1, spectrum.kernelTrace(), 1e-14);
        assertEquals(1, spectrum.trace(), 1e-8);
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 8, 64})
    void reluNtkModesCaptureItsHilbertSchmidtNormAndPartOfItsTrace(int d) {
        DotProductKernel kernel = new ReluNtk(d);
        HarmonicSpectrum coarse = HarmonicSpectrum.of(kernel, new SpectralGrid(6, 24, 96));
        HarmonicSpectrum fine = HarmonicSpectrum.of(kernel, GRID);
        // The NTK's kink at x = y makes N(d, ℓ) Σ_j μ_{ℓ,j} decay only like ℓ^{-2}: the modes up to L miss a
        // trace of order 1/L, which is positive and shrinks with L. E k(x, x) = (1 + 1)/2 + (d + 1)/2 exactly (θ = 0).
        assertEquals(d / 2.0 + 1.5, fine.kernelTrace(), 1e-12 * d);
        assertTrue(coarse.trace() < fine.trace() && fine.trace() < fine.kernelTrace(),
                coarse.trace() + " < " + fine.trace() + " < " + fine.kernelTrace());
        // Σ N(d, ℓ) μ² = E k(x, y)², computed directly by the same radial and angle rules (no harmonics). The
        // missing degrees above 12 carry N μ² ~ ℓ^{-d-2}: below 1e-6 relative at d = 3, and less at larger d.
        double hilbertSchmidt = 0;
        for (int l = 0; l <= fine.maxDegree(); l++) {
            for (double mu : fine.eigenvalues(l)) {
                hilbertSchmidt += fine.multiplicity(l) * mu * mu;
            }
        }
        double direct = squaredKernelMean(kernel, GRID);
        assertEquals(direct, hilbertSchmidt, 1e-6 * direct);
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 5, 64, 1024})
    void polynomialKernelMatchesItsClosedForm(int d) {
        // (1 + x·y/d)² = 1 + (ρρ')²/d³ [degree 0] + 2ρρ't/d [degree 1] + (ρρ')²(d−1)/d³ Q_2(t) [degree 2]:
        // μ_{2,0} = 2/d², μ_{1,0} = 2/d, and degree 0 is the 2×2 problem in the basis (1, ρ²) with Gram
        // G = [[1, d], [d, d(d+2)]] and coefficients diag(1, 1/d³): the eigenvalues of
        // [[1, d^{-1/2}], [d^{-1/2}, (d+2)/d²]].
        // Polynomial integrands of low degree: exact up to rounding.
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(new PolynomialKernel(d, 2, 1), new SpectralGrid(4, 6, 8));
        double a = 1;
        double b = 1 / Math.sqrt(d);
        double c = (d + 2.0) / ((double) d * d);
        double mean = (a + c) / 2;
        double half = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        assertSpectrum(new double[] {mean + half, mean - half}, spectrum.eigenvalues(0));
        assertSpectrum(new double[] {2.0 / d}, spectrum.eigenvalues(1));
        assertSpectrum(new double[] {2.0 / ((double) d * d)}, spectrum.eigenvalues(2));
        assertSpectrum(new double[0], spectrum.eigenvalues(3));
        assertSpectrum(new double[0], spectrum.eigenvalues(4));
        assertEquals(3 + (d + 2.0) / d, spectrum.kernelTrace(), 1e-14 * d); // E (1 + ρ²/d)², ρ² up to about 2d
        // c_ℓ has rounding errors of about ε k / sqrt(N(d, ℓ)) (the size of Q_ℓ), so the vanishing degrees 3 and 4
        // add about ε sqrt(N(d, 4)) k to the trace once weighted by N(d, ℓ): we allow 10 times that
        double rounding = 10 * Math.ulp(1.0) * Math.sqrt(SphericalHarmonics.multiplicity(d, 4));
        assertEquals(spectrum.kernelTrace(), spectrum.trace(), rounding * spectrum.kernelTrace());
    }

    @Test
    void reluNtkEigenvaluesMatchTheSampledGramMatrix() {
        int d = 4;
        int n = 1000;
        DotProductKernel kernel = new ReluNtk(d);
        HarmonicSpectrum spectrum = HarmonicSpectrum.of(kernel, new SpectralGrid(4, 24, 96));
        ZigguratSampler.NormalizedGaussian g =
                ZigguratSampler.NormalizedGaussian.of(new Seeds(11).rng(Stream.CHECK, 0));
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        Arrays.setAll(x.data, i -> g.sample());
        DMatrixRMaj gram = new DMatrixRMaj(n, n);
        kernel.gram(x, gram);
        CommonOps_DDRM.scale(1.0 / n, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(gram));
        double[] empirical = new double[n];
        Arrays.setAll(empirical, i -> -eig.getEigenvalue(i).real);
        Arrays.sort(empirical);
        // The three top clusters are μ_{0,0} > μ_{1,0} > μ_{2,0} with multiplicities N(4, ℓ) = 1, 4, 9. To first
        // order a cluster of K/n is μ times the eigenvalues of the N×N empirical Gram Ĝ of its orthonormal
        // eigenfunctions ψ = φ(ρ) Y(θ); E‖Ĝ − I‖_F² = (N² E φ⁴ − N)/n (addition theorem Σ_m Y_m² = N), and
        // every eigenvalue of Ĝ − I is at most ‖Ĝ − I‖_F: we allow 3 times its root mean square. The cluster mean
        // is μ (1/n) Σ_i φ(ρ_i)², standard error μ sqrt((E φ⁴ − 1)/n): we allow 4 of them plus the second-order
        // term μ E‖Ĝ − I‖_F² and the part τ/n that the remaining modes (trace τ) add to every eigenvalue.
        double tail = spectrum.kernelTrace() - spectrum.eigenvalues(0)[0] - 4 * spectrum.eigenvalues(1)[0]
                - 9 * spectrum.eigenvalues(2)[0];
        int position = 0;
        for (int l = 0; l <= 2; l++) {
            double mu = spectrum.eigenvalues(l)[0];
            double multiplicity = spectrum.multiplicity(l);
            double fourth = fourthMoment(spectrum, l);
            double frobenius = (multiplicity * multiplicity * fourth - multiplicity) / n;
            double sum = 0;
            for (int m = 0; m < multiplicity; m++) {
                double value = -empirical[position++];
                assertEquals(mu, value, 3 * mu * Math.sqrt(frobenius), "degree " + l + ", copy " + m);
                sum += value;
            }
            double allowance = 4 * mu * Math.sqrt((fourth - 1) / n) + mu * frobenius + tail / n;
            assertEquals(mu, sum / multiplicity, allowance, "mean of the degree-" + l + " cluster");
        }
    }

    private static double fourthMoment(HarmonicSpectrum spectrum, int degree) {
        DMatrixRMaj phi = spectrum.eigenfunctions(degree);
        double sum = 0;
        for (int a = 0; a < phi.numRows; a++) {
            sum += spectrum.radialRule().weight(a) * Math.pow(phi.get(a, 0), 4);
        }
        return sum;
    }

    /** {@code E k(x, y)²} by the radial rule twice and the angle rule once. */
    private static double squaredKernelMean(DotProductKernel kernel, SpectralGrid grid) {
        int d = kernel.dimension();
        QuadratureRule radial = GaussRules.gamma(d / 2.0, grid.radialPoints());
        QuadratureRule angle = GaussRules.sphereAngle(d, grid.angularPoints());
        double sum = 0;
        for (int a = 0; a < radial.size(); a++) {
            for (int b = 0; b < radial.size(); b++) {
                double xx = 2 * radial.node(a);
                double yy = 2 * radial.node(b);
                double inner = angle.expectation(t -> {
                    double k = kernel.evaluate(xx, yy, Math.sqrt(xx * yy) * t);
                    return k * k;
                });
                sum += radial.weight(a) * radial.weight(b) * inner;
            }
        }
        return sum;
    }

    /** The first {@code expected.length} values equal {@code expected}, the rest vanish (to 1e-14 absolute). */
    private static void assertSpectrum(double[] expected, double[] actual) {
        for (int j = 0; j < actual.length; j++) {
            double want = j < expected.length ? expected[j] : 0;
            assertEquals(want, actual[j], 1e-12 * Math.max(want, 1e-2), "eigenvalue " + j);
        }
    }
}
