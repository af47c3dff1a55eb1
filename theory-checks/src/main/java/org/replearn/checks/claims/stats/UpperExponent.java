package org.replearn.checks.claims.stats;

import org.replearn.checks.claims.api.Tolerance;

/**
 * A fitted exponent judged as the paper's sufficient rate, an upper bound (docs/math.md §6 "How checks point"): it
 * holds unless the exponent is significantly above the bound, {@code γ − t_{0.975,R−1}·SE − δ <= bound} (one-sided,
 * 97.5 %), {@code δ} a derived allowance (logarithmic factors, a floor). The exponent and its SE are reported either
 * way.
 */
public final class UpperExponent {
    private UpperExponent() {
    }

    /** Whether {@code fit} (null: no fit, which fails) is not significantly above {@code bound}. */
    public static boolean holds(Exponents.SeedSlope fit, double bound, double allowance) {
        return fit != null && fit.slope() - fit.halfWidth() - allowance <= bound;
    }

    /** The one-sided tolerance {@code t·SE + δ} above the bound (NaN without a fit), with its derivation. */
    public static Tolerance tolerance(Exponents.SeedSlope fit, int replicates, double allowance, String allowanceName) {
        String derivation = "one-sided (97.5 %): γ − t·SE − δ <= bound, t = t_{0.975," + (replicates - 1) + "}"
                + (fit == null ? "" : " " + Format.fmt(fit.criticalValue()) + " × SE " + Format.fmt(fit.standardError()))
                + ", δ = " + allowanceName + " allowance " + Format.fmt(allowance);
        return Tolerance.of(fit == null ? Double.NaN : fit.halfWidth() + allowance, "+"
                + (fit == null ? "(t·SE + δ)" : Format.fmt(fit.halfWidth() + allowance)) + " above the bound, "
                + derivation);
    }
}
