package org.replearn.regression;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * How a pinned field is compared with its golden value: bit-for-bit ({@link Kind#EXACT}), or
 * {@code |new - old| <= absolute + relative·|old|} ({@link Kind#TOLERANCE}); non-finite values must always match
 * bit-for-bit. Every rule carries the justification written into the golden file.
 *
 * @param kind          exact or tolerance
 * @param absolute      absolute tolerance (tolerance rules only)
 * @param relative      relative tolerance (tolerance rules only)
 * @param justification why this rule is the right one for the field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "absolute", "relative", "justification"})
public record Rule(Kind kind, Double absolute, Double relative, String justification) {
    /** Justification of the default exact rule. */
    public static final String DETERMINISTIC = "deterministic: fixed inputs and seeds, fixed operation and reduction"
            + " order; checked bit-identical for 1, 2 and 4 threads and across JDKs (regression/cross-jdk.sh), so any"
            + " change, even of one ulp, is a real change";

    /** The comparison kinds. */
    public enum Kind {
        /** Bit-for-bit equality of the IEEE 754 representation. */
        @JsonProperty("exact") EXACT,
        /** Absolute plus relative tolerance. */
        @JsonProperty("tolerance") TOLERANCE
    }

    /** Validates: exact rules have no tolerances, tolerance rules have finite non-negative ones; a justification. */
    public Rule {
        Objects.requireNonNull(kind, "rule kind must be 'exact' or 'tolerance'");
        if (justification == null || justification.isBlank()) {
            throw new IllegalArgumentException("rule justification is missing: state why the rule is " + kind);
        }
        if (kind == Kind.EXACT && (absolute != null || relative != null)) {
            throw new IllegalArgumentException("an exact rule takes no tolerance, got absolute = " + absolute
                    + ", relative = " + relative + ": use a tolerance rule instead");
        }
        if (kind == Kind.TOLERANCE && (!validTolerance(absolute) || !validTolerance(relative)
                || absolute + relative == 0)) {
            throw new IllegalArgumentException("a tolerance rule needs finite absolute >= 0 and relative >= 0, not"
                    + " both 0, got absolute = " + absolute + ", relative = " + relative);
        }
    }

    private static boolean validTolerance(Double t) {
        return t != null && Double.isFinite(t) && t >= 0;
    }

    /** The bit-for-bit rule with the default justification. */
    public static Rule exact() {
        return new Rule(Kind.EXACT, null, null, DETERMINISTIC);
    }

    /** {@code |new - old| <= absolute + relative·|old|}, with its justification. */
    public static Rule tolerance(double absolute, double relative, String justification) {
        return new Rule(Kind.TOLERANCE, absolute, relative, justification);
    }

    /** Whether {@code now} is an acceptable value for the golden value {@code old}. */
    public boolean accepts(double old, double now) {
        if (Double.doubleToRawLongBits(old) == Double.doubleToRawLongBits(now)) {
            return true;
        }
        if (kind == Kind.EXACT || !Double.isFinite(old) || !Double.isFinite(now)) {
            return false;
        }
        return Math.abs(now - old) <= absolute + relative * Math.abs(old);
    }

    /** Short human-readable form for drift reports. */
    public String describe() {
        return kind == Kind.EXACT ? "exact (bit-for-bit)"
                : "|diff| <= " + absolute + " + " + relative + "·|old|";
    }
}
