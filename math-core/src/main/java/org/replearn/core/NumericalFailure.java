package org.replearn.core;

/**
 * A computation failed because of the data or the settings, not because of a bug: an iteration diverged, a result
 * overflowed, the labels carry no signal. The message says what happened in terms of the mathematics; a caller that
 * knows which user setting drives it (a command-line flag) adds the fix in the user's terms.
 */
public final class NumericalFailure extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public NumericalFailure(String message) {
        super(message);
    }
}
