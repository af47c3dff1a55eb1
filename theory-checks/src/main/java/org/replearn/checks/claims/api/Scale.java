package org.replearn.checks.claims.api;

import org.replearn.checks.claims.paper.Claims;

/**
 * How large a reproduction run is: {@link #QUICK} (minutes on a laptop), {@link #FULL} (larger d, more seeds),
 * {@link #PAPER} (the sizes at which a claim's asymptotics are clean: a cluster's work, {@code replearn sweep}) or
 * {@link #CLUSTER} (beyond one machine: {@code replearn sweep --dry-run} prices it).
 */
public enum Scale {
    /** Small dimensions and sample sizes: all claims together in minutes on 2 cores. */
    QUICK,
    /** Larger dimensions and sample sizes, more repetitions. */
    FULL,
    /**
     * The paper's regime: d up to 256 where the claim is about d, at least 10 replicates. Claims that give no paper
     * sizes ({@link #pick(Object, Object)}) run their full sizes.
     */
    PAPER,
    /**
     * Beyond one machine: d up to 1024 where the claim is about d, at least 16 replicates. Claims that give no cluster
     * sizes ({@link #pick(Object, Object, Object)}) run their paper sizes.
     */
    CLUSTER;

    /** The scale labelled {@code value} (case-insensitive), or an {@link IllegalArgumentException} saying what to use. */
    public static Scale parse(String value) {
        for (Scale s : values()) {
            if (s.label().equals(value.toLowerCase(java.util.Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a scale: use --scale quick, full, paper or cluster");
    }

    /** {@code quick}, {@code full}, {@code paper} or {@code cluster}, as written on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code quick} when this is {@link #QUICK}, else {@code full} (a claim without paper sizes). */
    public <T> T pick(T quick, T full) {
        return this == QUICK ? quick : full;
    }

    /** {@code quick} when this is {@link #QUICK}, else {@code full} (a claim without paper sizes). */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }

    /** The value of this scale, {@code paper} at {@link #CLUSTER} (a claim without cluster sizes). */
    public <T> T pick(T quick, T full, T paper) {
        return this == QUICK ? quick : this == FULL ? full : paper;
    }

    /** The value of this scale, {@code paper} at {@link #CLUSTER} (a claim without cluster sizes). */
    public int pick(int quick, int full, int paper) {
        return this == QUICK ? quick : this == FULL ? full : paper;
    }

    /** The value of this scale. */
    public <T> T pick(T quick, T full, T paper, T cluster) {
        return this == CLUSTER ? cluster : pick(quick, full, paper);
    }

    /** The value of this scale. */
    public int pick(int quick, int full, int paper, int cluster) {
        return this == CLUSTER ? cluster : pick(quick, full, paper);
    }
}
