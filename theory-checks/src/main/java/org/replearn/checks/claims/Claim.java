package org.replearn.checks.claims;

/**
 * One prediction of THEORY §6, run as an experiment. Implementations are stateless: {@link #run} derives every
 * random quantity from {@link RunContext#seedsFor(String) ctx.seedsFor(id())}, so the result is a function of
 * (scale, master seed) alone. A claim whose sweep splits into independent cells implements {@link CellClaim}
 * (cells, compute, reduce) and gets {@link #run} from it.
 */
public interface Claim {
    /** Stable kebab-case identifier, e.g. {@code population-gradient}; also the seed-stream key. */
    String id();

    /** The claim in one sentence, as printed in the report. */
    String statement();

    /** Runs the experiment sweep and compares the measurement with the prediction. */
    ClaimResult run(RunContext ctx);

    /**
     * This claim as cells, the form {@code replearn sweep} distributes: itself when it is a {@link CellClaim}, else
     * one cell whose result is the whole {@link #run} (a {@link ClaimResult}, serializable for that).
     */
    default CellClaim<?, ?> decomposed() {
        return new WholeRun(this);
    }
}
