package org.replearn.checks.claims.api;

import org.replearn.core.data.Seeds;

/**
 * What a claim runs with: the scale, the master seed, the worker threads and the progress sink. Results must not
 * depend on {@code threads} (math-core reductions are bit-identical for every thread count).
 *
 * @param scale    quick, full, paper or cluster
 * @param seed     the master seed of the whole reproduction
 * @param threads  worker threads, at least 1
 * @param progress where the claim reports its sweep progress
 */
public record RunContext(Scale scale, long seed, int threads, Progress progress) {
    /** Validates the fields. */
    public RunContext {
        if (scale == null) {
            throw new IllegalArgumentException("scale is null: pass Scale.QUICK, FULL, PAPER or CLUSTER");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        if (progress == null) {
            throw new IllegalArgumentException("progress is null: pass Progress.NONE to ignore progress");
        }
    }

    /**
     * The seed streams of one claim, derived from the master seed and the claim id only (Java's specified
     * {@code String.hashCode}), so adding, removing or reordering claims never changes another claim's numbers.
     */
    public Seeds seedsFor(String claimId) {
        return new Seeds(seed).child(claimId.hashCode());
    }

    /** The same context reporting progress to {@code sink}. */
    public RunContext withProgress(Progress sink) {
        return new RunContext(scale, seed, threads, sink);
    }

    /** The same context with {@code count} worker threads (results do not depend on it). */
    public RunContext withThreads(int count) {
        return new RunContext(scale, seed, count, progress);
    }
}
