package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

/**
 * The level check of {@link DegenerateTargetClaim}, two-sided (the first-order alignment is an identity): per replicate
 * the mean over d of the per-cell ratio {@code A/A_pred} (cells are independent, so averaging over d tames the skew of
 * a single ratio), then {@code |mean − 1| <= t·SE + δ̄} with {@code t = t_{0.975, R−1}} and
 * {@code δ̄ = mean_d SECOND_ORDER·d/n}, the allowance for the second-order terms {@code A_pred} leaves out.
 *
 * <p>Derivation of {@code SECOND_ORDER = 7} (leading order in {@code d/n}; x ~ N(0, I), unit-norm rows, so
 * {@code p_j = Φ(b_j)} is uniform on (0, 1)): with {@code Ŝ_j = mean(ψ_j x xᵀ)}, {@code S_j = E ψ_j x xᵀ} and
 * {@code β̂ = mean(y x)}, {@code A_pred} keeps only the part of the de-linearized gradient linear in the empirical
 * means and drops {@code R_j = −(Ŝ_j − S_j)β̂} (the α-part is {@code d} times smaller). It moves the signal energy
 * ({@code 2E⟨G_j, R_j⟩ = −2(d/n)||G_j||²}) and the noise energy ({@code E||R_j||² = p d²/n²} and
 * {@code 2E⟨L_j − G_j, R_j⟩ = −2p(1−p) d²/n²}, against {@code E||L_j − G_j||² = p(1−p) d/n}; averaged over uniform
 * {@code p}: {@code +3d/n} and {@code −2d/n}). A changes by {@code (e_S − e_N)(σ_u − σ)} for relative changes
 * {@code e_S}, {@code e_N} of signal and noise and signal shares {@code σ_u, σ} in {@code [0, 1]}, so by at most
 * {@code (2 + 3 + 2) d/n}.
 *
 * @param perReplicate  the mean over d of {@code A/A_pred}, per replicate
 * @param mean          their mean
 * @param standardError its standard error
 * @param critical      {@code t_{0.975, R−1}}
 * @param allowance     {@code δ̄}
 */
record DegenerateTargetLevel(double[] perReplicate, double mean, double standardError, double critical,
        double allowance) {
    /** The leading second-order terms' bound on the relative change of A, in units of {@code d/n}. */
    static final double SECOND_ORDER = 7;

    /** The check of alignments {@code a[rep][d]} against predictions {@code predicted[rep][d]} at {@code n(d)}. */
    static DegenerateTargetLevel of(double[][] a, double[][] predicted, int[] dims, double samplesPerD2) {
        double[] perReplicate = new double[a.length];
        for (int rep = 0; rep < a.length; rep++) {
            for (int di = 0; di < dims.length; di++) {
                perReplicate[rep] += a[rep][di] / predicted[rep][di] / dims.length;
            }
        }
        double[] ms = Intervals.meanAndStandardError(perReplicate);
        double allowance = 0;
        for (int d : dims) {
            allowance += allowance(d, samplesPerD2) / dims.length;
        }
        return new DegenerateTargetLevel(perReplicate, ms[0], ms[1], Intervals.studentCritical(a.length - 1),
                allowance);
    }

    /** {@code SECOND_ORDER·d/n} at {@code n = samplesPerD2·d²}. */
    static double allowance(int d, double samplesPerD2) {
        return SECOND_ORDER / (samplesPerD2 * d);
    }

    /** {@code t·SE + δ̄}. */
    double tolerance() {
        return critical * standardError + allowance;
    }

    /** Whether {@code |mean − 1| <= t·SE + δ̄}. */
    boolean holds() {
        return Math.abs(mean - 1) <= tolerance();
    }

    /** The statistic in words. */
    String describe() {
        return "A/A_pred (mean over d per replicate) " + Format.fmt(mean) + " (SE " + Format.fmt(standardError)
                + "), |mean − 1| = " + Format.fmt(Math.abs(mean - 1)) + (holds() ? " <= " : " > ")
                + Format.fmt(tolerance()) + " = t·SE " + Format.fmt(critical * standardError) + " + δ̄ "
                + Format.fmt(allowance);
    }

    /** The statistic as a measurement over its replicates. */
    Measurement measurement(String prefix) {
        return Measurement.of(mean, standardError, perReplicate.length, prefix + describe());
    }
}
