/**
 * Kernel ridge regression at finite {@code d} (docs/math.md §8): the spectrum of a rotation-invariant kernel under
 * {@code x ~ N(0, I_d)} by spherical-harmonic degree and radial mode
 * ({@link org.replearn.core.spectral.HarmonicSpectrum}, on the Gauss rules of {@link org.replearn.core.spectral.GaussRules} and the Gegenbauer polynomials of
 * {@link org.replearn.core.spectral.SphericalHarmonics}), a multi-index target's energy on those modes
 * ({@link org.replearn.core.spectral.TargetHarmonics}, exact algebra), and the deterministic equivalent of the
 * ridge regression's test error ({@link org.replearn.core.spectral.Eigenlearning} on
 * {@link org.replearn.core.spectral.EigenModes}).
 *
 * <p>Accuracy. The angular projection {@code c_ℓ = E_t[K Q_ℓ]} is a sum of terms of size {@code K/sqrt(N(d, ℓ))}
 * with a much smaller result, so {@code N(d, ℓ) c_ℓ} carries a rounding error of about {@code ε sqrt(N(d, ℓ)) K}:
 * negligible for the degrees the staircase needs (e.g. {@code ℓ <= 6} at {@code d = 1024}), but it bounds the
 * useful degree at large {@code d} (about {@code N(d, ℓ) <= 1e20}). Kernels with a kink at {@code x = y} (the ReLU
 * NTK and NNGP) spread their trace slowly over the degrees; the part above the largest computed degree enters the
 * deterministic equivalent as extra ridge ({@link org.replearn.core.spectral.EigenModes#tailTrace()}).
 */
package org.replearn.core.spectral;
