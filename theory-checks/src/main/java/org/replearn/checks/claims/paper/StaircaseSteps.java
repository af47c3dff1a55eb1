package org.replearn.checks.claims.paper;

import java.io.Serializable;
import org.replearn.core.spectral.EigenModes;
import org.replearn.core.spectral.Eigenlearning;
import org.replearn.core.spectral.HarmonicSpectrum;

/**
 * The checks of {@link KernelStaircaseClaim} at {@code n = d^{ℓ+1/2}}: the plateau, the margin and the prediction.
 *
 * <p>Margin, derived from the equivalent's expansion at {@code n = d^{ℓ+1/2}} and fixed before any prediction was
 * computed (docs/decisions.md). The top radial modes of degree {@code <= ℓ} are learned; with
 * {@code T_{>ℓ} = E k(x, x) − Σ_{k<=ℓ} N(d, k) μ_{k,0}} (every other mode and the tail above the largest degree),
 * the effective ridge is {@code κ₀ = T_{>ℓ}/n} to first order. Two corrections are of order {@code d^{−1/2}}:
 * <ul>
 *   <li>downward, degree {@code ℓ + 1} is partly learned: its learnability is {@code r = μ_{ℓ+1,0}/κ₀}
 *       {@code ≈ (ℓ+1)!·s·d^{−1/2}} with {@code s = N(d, ℓ+1) μ_{ℓ+1,0}/T_{>ℓ}} its share of the leftover trace, and
 *       {@code 1 − (1 − L)² <= 2L} with {@code L ≈ r} removes at most about {@code 2r·E_{ℓ+1}};</li>
 *   <li>upward, the overfitting factor {@code E₀ − 1 ≈ Σ m L²/n ≈ a + s·r} with {@code a = Σ_{k<=ℓ} N(d, k)/n}
 *       {@code ≈ d^{−1/2}/ℓ!} (the learned modes) and {@code s·r} (degree {@code ℓ + 1}), multiplying about
 *       {@code P_ℓ}.</li>
 * </ul>
 * The two have opposite signs; the margin is the sum of their sizes, {@code m_ℓ(d) = P_ℓ (a + s r) + 2 r E_{ℓ+1}},
 * asymptotically {@code c_ℓ d^{−1/2}} with {@code c_ℓ = P_ℓ/ℓ! + (ℓ+1)! s (2E_{ℓ+1} + s P_ℓ)}. The check is
 * two-sided, {@code |predicted − P_ℓ| <= m_ℓ(d)}, and holds when every {@code (d, ℓ)} passes.
 */
final class StaircaseSteps {
    private StaircaseSteps() {
    }

    /**
     * One {@code (d, ℓ)} check.
     *
     * @param degree          {@code ℓ}
     * @param n               {@code round(d^{ℓ+1/2})}
     * @param predicted       the best predicted error over the ridge grid
     * @param lambda          its ridge
     * @param overfitting     its overfitting factor {@code E₀}
     * @param plateau         {@code P_ℓ = Σ_{k>ℓ} E_k}
     * @param margin          {@code m_ℓ(d) = P_ℓ (a + s r) + 2 r E_{ℓ+1}}
     * @param learnedFraction {@code a = Σ_{k<=ℓ} N(d, k)/n}
     * @param nextShare       {@code s = N(d, ℓ+1) μ_{ℓ+1,0}/T_{>ℓ}}
     * @param nextLearnability {@code r = n μ_{ℓ+1,0}/T_{>ℓ}}
     */
    record Step(int degree, long n, double predicted, double lambda, double overfitting, double plateau, double margin,
            double learnedFraction, double nextShare, double nextLearnability) implements Serializable {
        /** {@code predicted − P_ℓ}. */
        double deviation() {
            return predicted - plateau;
        }

        /** {@code |predicted − P_ℓ| / m_ℓ(d)}: at most 1 passes. */
        double ratio() {
            return Math.abs(deviation()) / margin;
        }

        /** The check: {@code |predicted − P_ℓ| <= m_ℓ(d)}. */
        boolean within() {
            return Math.abs(deviation()) <= margin;
        }
    }

    /**
     * {@code modes} with every eigenvalue of harmonic degree {@code degree} set to 0: the modes of multiplicity
     * {@code N(d, degree)} ({@code N(d, ℓ)} grows strictly with {@code ℓ} for {@code d >= 3}, so the multiplicity
     * names the degree). Energies, tail and residual are kept; a mode of eigenvalue 0 is never learned.
     */
    static EigenModes withoutDegree(EigenModes modes, HarmonicSpectrum spectrum, int degree) {
        double[] mu = modes.eigenvalues();
        double[] m = modes.multiplicities();
        double multiplicity = spectrum.multiplicity(degree);
        int zeroed = 0;
        for (int i = 0; i < mu.length; i++) {
            if (m[i] == multiplicity) {
                mu[i] = 0;
                zeroed++;
            }
        }
        if (zeroed != spectrum.radii().length) {
            throw new IllegalStateException("found " + zeroed + " modes of degree " + degree + ", expected "
                    + spectrum.radii().length + " (one per radial node)");
        }
        return new EigenModes(mu, m, modes.energies(), modes.tailTrace(), modes.residualEnergy());
    }

    /** The plateau {@code P_ℓ = Σ_{k>ℓ} E_k}. */
    static double plateau(double[] energies, int degree) {
        double sum = 0;
        for (int k = degree + 1; k < energies.length; k++) {
            sum += energies[k];
        }
        return sum;
    }

    /**
     * The check at {@code ℓ = degree}, {@code n = round(d^{ℓ+1/2})}, of the equivalent on {@code modes}, with the
     * margin of the NTK's {@code spectrum} (the same for the control).
     */
    static Step step(HarmonicSpectrum spectrum, double[] energies, EigenModes modes, int degree) {
        int d = spectrum.dimension();
        long n = Math.round(Math.pow(d, degree + 0.5));
        double learned = 0;
        double learnedTrace = 0;
        for (int k = 0; k <= degree; k++) {
            learned += spectrum.multiplicity(k);
            learnedTrace += spectrum.multiplicity(k) * spectrum.eigenvalues(k)[0];
        }
        double rest = spectrum.kernelTrace() - learnedTrace;
        double next = spectrum.eigenvalues(degree + 1)[0];
        double a = learned / n;
        double s = spectrum.multiplicity(degree + 1) * next / rest;
        double r = n * next / rest;
        double plateau = plateau(energies, degree);
        double nextEnergy = degree + 1 < energies.length ? energies[degree + 1] : 0;
        double margin = plateau * (a + s * r) + 2 * r * nextEnergy;
        Eigenlearning.Risk best = Eigenlearning.bestOnGrid(modes, n, StaircaseGrid.lambdas(), KernelStaircaseClaim.NOISE);
        return new Step(degree, n, best.testError(), best.lambda(), best.overfitting(), plateau, margin, a, s, r);
    }
}
