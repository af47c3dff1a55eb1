package org.replearn.checks.claims.api;

import java.io.Serializable;

/**
 * The deviation a claim's check accepts between measurement and prediction, and how it was derived (a confidence
 * bound from standard errors, a floating-point bound, a margin fixed in advance).
 *
 * @param value      the accepted deviation ({@code NaN} when the check has none, e.g. a band or a pure sign)
 * @param derivation how the value follows from the data or the arithmetic, as the report prints it
 */
public record Tolerance(double value, String derivation) implements Serializable {
    /** Validates the derivation and the sign. */
    public Tolerance {
        if (derivation == null || derivation.isBlank()) {
            throw new IllegalArgumentException("a tolerance states its derivation");
        }
        if (value < 0) {
            throw new IllegalArgumentException("tolerance '" + derivation + "' is negative: " + value);
        }
    }

    /** A tolerance of {@code value}, derived as {@code derivation} says. */
    public static Tolerance of(double value, String derivation) {
        return new Tolerance(value, derivation);
    }

    /** A check with no numeric tolerance (a band, a sign), explained by {@code derivation}. */
    public static Tolerance none(String derivation) {
        return new Tolerance(Double.NaN, derivation);
    }
}
