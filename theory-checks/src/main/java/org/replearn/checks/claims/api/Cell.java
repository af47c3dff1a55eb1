package org.replearn.checks.claims.api;

/**
 * One independent, deterministic unit of a claim's sweep ({@link CellClaim}): e.g. one (d, replicate) of a
 * sample-complexity curve. Its result is a function of (claim, scale, master seed, cell) alone.
 */
public interface Cell {
    /**
     * A name unique within the claim's cells at one scale and stable across runs, kebab-case {@code [a-z0-9-]}
     * (e.g. {@code d64-r3}): it keys the cell's stored result when a sweep resumes, and is a file name.
     */
    String key();

    /**
     * The cell's cost in its claim's own unit (e.g. {@code Σ n·d·m} over its runs), proportional to its CPU time: a
     * sweep extrapolates measured seconds per unit to other sizes ({@code replearn sweep --dry-run}).
     */
    double work();

    /** A model of the cell's peak resident memory in bytes (its largest live arrays), for sizing a cluster. */
    long memoryBytes();
}
