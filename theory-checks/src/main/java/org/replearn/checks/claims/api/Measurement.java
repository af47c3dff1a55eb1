package org.replearn.checks.claims.api;

import java.io.Serializable;

/**
 * A claim's (or a control's) measured statistic: its value, its standard error and the number of independent
 * replicates that standard error comes from. An exact quantity (no sampling noise) has standard error 0 and one
 * replicate; a statistic that could not be computed (e.g. a curve never crossed its level) has value {@code NaN},
 * written as {@code null} in {@code claims.json}.
 *
 * @param value         the statistic
 * @param standardError its standard error ({@code NaN} when none is defined)
 * @param replicates    independent replicates behind the standard error, at least 1
 * @param text          the measurement in words, as the report prints it
 */
public record Measurement(double value, double standardError, int replicates, String text) implements Serializable {
    /** Validates the text and the replicate count. */
    public Measurement {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a measurement has a text");
        }
        if (replicates < 1) {
            throw new IllegalArgumentException("measurement '" + text + "': replicates = " + replicates + " < 1");
        }
    }

    /** A statistic over {@code replicates} independent replicates with standard error {@code standardError}. */
    public static Measurement of(double value, double standardError, int replicates, String text) {
        return new Measurement(value, standardError, replicates, text);
    }

    /** An exact (or single-sample) statistic without a standard error. */
    public static Measurement exact(double value, String text) {
        return new Measurement(value, Double.NaN, 1, text);
    }
}
