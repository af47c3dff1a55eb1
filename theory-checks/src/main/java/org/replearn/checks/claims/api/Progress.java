package org.replearn.checks.claims.api;

/**
 * Where a running claim reports how far it is: {@code done} of {@code total} runs of its sweep. Implementations
 * must be cheap; claims call {@link #update} once per run.
 */
@FunctionalInterface
public interface Progress {
    /** A sink that ignores every update (tests, {@code --quiet}, no terminal). */
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} runs finished ({@code 0 <= done <= total}). */
    void update(int done, int total);
}
