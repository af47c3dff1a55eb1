package org.replearn.checks.claims.api;

import java.io.Serializable;

/**
 * What theory predicts for a claim's statistic, and in which direction it is checked: an identity
 * ({@link Kind#EQUALITY}, tested two-sided), a bound the paper states as sufficient or necessary
 * ({@link Kind#UPPER_BOUND}: the measurement may not exceed {@code value}; {@link Kind#LOWER_BOUND}: may not fall
 * below it; tested one-sided) or a {@link Kind#BAND} {@code [lower, upper]}.
 *
 * @param kind  the direction of the check
 * @param value the predicted value or bound ({@code NaN} for a band)
 * @param lower the band's lower end ({@code NaN} unless a band)
 * @param upper the band's upper end ({@code NaN} unless a band)
 * @param text  the prediction in words and formulas, as the report prints it
 */
public record Prediction(Kind kind, double value, double lower, double upper, String text) implements Serializable {
    /** The direction of a check. */
    public enum Kind {
        /** {@code measured ≈ value}, two-sided. */
        EQUALITY,
        /** {@code measured <= value}, one-sided. */
        UPPER_BOUND,
        /** {@code measured >= value}, one-sided. */
        LOWER_BOUND,
        /** {@code lower <= measured <= upper}. */
        BAND
    }

    /** Validates: a text, and finite numbers where the kind uses them. */
    public Prediction {
        if (kind == null || text == null || text.isBlank()) {
            throw new IllegalArgumentException("a prediction has a kind and a text");
        }
        boolean ok = kind == Kind.BAND ? Double.isFinite(lower) && Double.isFinite(upper) && lower <= upper
                : Double.isFinite(value);
        if (!ok) {
            throw new IllegalArgumentException("prediction '" + text + "': " + kind + " needs finite numbers, got value "
                    + value + ", band [" + lower + ", " + upper + "]");
        }
    }

    /** An identity, {@code measured ≈ value}. */
    public static Prediction equality(double value, String text) {
        return new Prediction(Kind.EQUALITY, value, Double.NaN, Double.NaN, text);
    }

    /** A sufficient condition's bound: the measurement stays at or below {@code bound}. */
    public static Prediction upperBound(double bound, String text) {
        return new Prediction(Kind.UPPER_BOUND, bound, Double.NaN, Double.NaN, text);
    }

    /** A necessary condition's bound: the measurement stays at or above {@code bound}. */
    public static Prediction lowerBound(double bound, String text) {
        return new Prediction(Kind.LOWER_BOUND, bound, Double.NaN, Double.NaN, text);
    }

    /** A band {@code [lower, upper]}. */
    public static Prediction band(double lower, double upper, String text) {
        return new Prediction(Kind.BAND, Double.NaN, lower, upper, text);
    }
}
