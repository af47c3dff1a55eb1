package org.replearn.checks.claims;

/** How large a reproduction run is: {@link #QUICK} (minutes on a laptop) or {@link #FULL} (larger d, more seeds). */
public enum Scale {
    /** Small dimensions and sample sizes: all claims together in under 3 minutes on 2 cores. */
    QUICK,
    /** Larger dimensions and sample sizes, more repetitions. */
    FULL;

    /** {@code quick} or {@code full}, as written on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code quick} when this is {@link #QUICK}, else {@code full}. */
    public <T> T pick(T quick, T full) {
        return this == QUICK ? quick : full;
    }

    /** {@code quick} when this is {@link #QUICK}, else {@code full}. */
    public int pick(int quick, int full) {
        return this == QUICK ? quick : full;
    }
}
