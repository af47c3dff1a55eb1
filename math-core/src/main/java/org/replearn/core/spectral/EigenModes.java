package org.replearn.core.spectral;

import java.util.Arrays;
import java.util.Objects;
import org.replearn.core.Validate;

/**
 * A kernel's eigenvalues with their multiplicities and a target's energy on each, the input of {@link Eigenlearning}:
 * mode {@code i} stands for {@code multiplicities[i]} equal eigenvalues {@code eigenvalues[i]} on which the target has
 * total energy {@code energies[i]} ({@code Σ v² over the copies}). What the listed modes leave out enters in two
 * numbers: {@code tailTrace}, the summed eigenvalues of the omitted modes, each assumed far below the effective ridge
 * (so it only adds to the ridge), and {@code residualEnergy}, the target's energy on them (never learned).
 *
 * @param eigenvalues    {@code μ_i >= 0}
 * @param multiplicities {@code m_i > 0}, as doubles ({@code N(d, ℓ)} outgrows the int range)
 * @param energies       {@code v_i² >= 0}, summed over the {@code m_i} copies
 * @param tailTrace      {@code Σ μ} over the omitted modes, {@code >= 0}
 * @param residualEnergy the target's energy on the omitted modes, {@code >= 0}
 */
public record EigenModes(double[] eigenvalues, double[] multiplicities, double[] energies, double tailTrace,
        double residualEnergy) {
    /** Copies and validates the arrays (equal lengths, signs as above, finite). */
    public EigenModes {
        Validate.dimension("multiplicities", multiplicities.length, eigenvalues.length, "one per eigenvalue");
        Validate.dimension("energies", energies.length, eigenvalues.length, "one per eigenvalue");
        eigenvalues = eigenvalues.clone();
        multiplicities = multiplicities.clone();
        energies = energies.clone();
        for (int i = 0; i < eigenvalues.length; i++) {
            Validate.nonNegative("eigenvalues[" + i + "]", eigenvalues[i], "a PSD kernel has eigenvalues >= 0");
            Validate.positive("multiplicities[" + i + "]", multiplicities[i], "each mode has at least one copy");
            Validate.nonNegative("energies[" + i + "]", energies[i], "energies are squared coefficients");
        }
        Validate.nonNegative("tailTrace", tailTrace, "the omitted eigenvalues are >= 0");
        Validate.nonNegative("residualEnergy", residualEnergy, "the omitted energy is >= 0");
    }

    /**
     * The modes {@code (ℓ, j)} of {@code spectrum} with the target's energies on them ({@link TargetHarmonics}); the
     * tail is {@code E k(x, x)} minus the captured trace, the residual energy the target's energy above the
     * spectrum's largest degree. Rounding-level negative eigenvalues and energies count as 0, and so does a
     * negative tail (a trace captured up to quadrature error). Treating the tail as ridge needs its modes far below
     * the effective ridge: choose the spectrum's largest degree {@code L} with {@code N(d, L + 1)} well above the
     * sample sizes to be predicted.
     */
    public static EigenModes of(HarmonicSpectrum spectrum, TargetHarmonics target) {
        double[][] modeEnergies = target.modeEnergies(spectrum);
        int radial = spectrum.radii().length;
        int count = (spectrum.maxDegree() + 1) * radial;
        double[] mu = new double[count];
        double[] m = new double[count];
        double[] v2 = new double[count];
        for (int l = 0; l <= spectrum.maxDegree(); l++) {
            double[] values = spectrum.eigenvalues(l);
            for (int j = 0; j < radial; j++) {
                int i = l * radial + j;
                mu[i] = Math.max(values[j], 0);
                m[i] = spectrum.multiplicity(l);
                v2[i] = Math.max(modeEnergies[l][j], 0);
            }
        }
        double[] degrees = target.degreeEnergies();
        double residual = 0;
        for (int l = spectrum.maxDegree() + 1; l < degrees.length; l++) {
            residual += degrees[l];
        }
        double tail = Math.max(spectrum.kernelTrace() - spectrum.trace(), 0);
        return new EigenModes(mu, m, v2, tail, residual);
    }

    /** Number of listed modes. */
    public int size() {
        return eigenvalues.length;
    }

    /** The target's energy {@code E f*²}: listed energies plus the residual. */
    public double totalEnergy() {
        double sum = residualEnergy;
        for (double e : energies) {
            sum += e;
        }
        return sum;
    }

    /** A copy of the eigenvalues. */
    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** A copy of the multiplicities. */
    @Override
    public double[] multiplicities() {
        return multiplicities.clone();
    }

    /** A copy of the energies. */
    @Override
    public double[] energies() {
        return energies.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EigenModes e && Arrays.equals(e.eigenvalues, eigenvalues)
                && Arrays.equals(e.multiplicities, multiplicities) && Arrays.equals(e.energies, energies)
                && Double.compare(e.tailTrace, tailTrace) == 0 && Double.compare(e.residualEnergy, residualEnergy) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(eigenvalues), Arrays.hashCode(multiplicities), Arrays.hashCode(energies),
                tailTrace, residualEnergy);
    }

    @Override
    public String toString() {
        return "EigenModes[" + eigenvalues.length + " modes, tail trace " + tailTrace + ", residual energy "
                + residualEnergy + "]";
    }
}
