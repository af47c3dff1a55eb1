package org.replearn.checks.claims.stats;

import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Tolerance;

/**
 * "The exponent is 0" as an equivalence: two one-sided tests (TOST) at level 5 % each against a margin δ fixed in
 * advance, i.e. {@code −δ < slope − t·SE} and {@code slope + t·SE < δ} with {@code t = t_{0.95, R−1}} (the 90 %
 * Student-t interval of the mean per-replicate exponent inside {@code (−δ, δ)}). A larger standard error widens the
 * interval, so noise makes the check harder to pass. A missing fit (some replicate without a point) fails.
 *
 * @param fit      the exponent fitted once per replicate and averaged, or null when some replicate had no point
 * @param margin   the margin δ, fixed before judging
 * @param critical {@code t_{0.95, R−1}} (NaN without a fit)
 */
public record Equivalence(Exponents.SeedSlope fit, double margin, double critical) {
    /** Coverage of the two-sided interval whose ends are the two one-sided 5 % tests. */
    public static final double COVERAGE = 0.90;
    /**
     * The margin of a d-exponent: 1/2, half the exponent 1 of the slowest polynomial growth ({@code ∝ d}) that "does
     * not grow with d" excludes. It contains the shift a factor {@code log d} makes over {@code [dMin, dMax]}
     * ({@link Exponents#logFactorAllowance}, below 1/2 for {@code dMin >= 4}).
     */
    public static final double D_EXPONENT_MARGIN = 0.5;

    /** The TOST of {@code fit} (null: missing) against {@code margin}. */
    public static Equivalence of(Exponents.SeedSlope fit, double margin) {
        return new Equivalence(fit, margin, fit == null ? Double.NaN
                : Intervals.studentBonferroni(fit.perSeed().length - 1, COVERAGE, 1));
    }

    /** Both one-sided tests reject: the 90 % interval lies inside {@code (−δ, δ)}. */
    public boolean holds() {
        return fit != null && lower() > -margin && upper() < margin;
    }

    /** {@code slope − t·SE} (NaN without a fit). */
    public double lower() {
        return fit == null ? Double.NaN : fit.slope() - critical * fit.standardError();
    }

    /** {@code slope + t·SE} (NaN without a fit). */
    public double upper() {
        return fit == null ? Double.NaN : fit.slope() + critical * fit.standardError();
    }

    /** The fitted exponent, its SE and the replicates; NaN when missing. */
    public Measurement measurement(int replicates, String text) {
        return Exponents.measurement(fit, replicates, text);
    }

    /** {@code quantity} with its value, 90 % interval and SE, or {@code missing}. */
    public String describe(String quantity, String missing) {
        return fit == null ? missing : quantity + " " + Format.fmt(fit.slope()) + ", 90 % interval [" + Format.fmt(
                lower()) + ", " + Format.fmt(upper()) + "] (SE " + Format.fmt(fit.standardError()) + ", "
                + fit.perSeed().length + " replicates)";
    }

    /** The tolerance: the margin δ, with how the check uses it. */
    public Tolerance tolerance(String why) {
        return Tolerance.of(margin, derivation(why));
    }

    /** The check in words: the interval, its critical value and the margin with its reason. */
    public String derivation(String why) {
        return "TOST: slope ± t_{0.95," + (fit == null ? "R−1" : fit.perSeed().length - 1) + "}"
                + (fit == null ? "" : " " + Format.fmt(critical)) + "·SE inside ±δ, δ = " + Format.fmt(margin)
                + " fixed in advance (" + why + ")";
    }
}
