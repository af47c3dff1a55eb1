package org.replearn.checks.claims.paper;

import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;

/**
 * Transitional: a claim not yet split into cells, as one cell whose result is its whole run. Removed once every
 * claim is cells.
 *
 * @deprecated split the claim into independent cells
 */
@Deprecated(forRemoval = true)
abstract class SingleRun implements Claim<SingleRun.All, ClaimResult> {
    /** The one cell. */
    record All() implements Cell {
        @Override
        public String key() {
            return "all";
        }

        @Override
        public double work() {
            return 1;
        }

        @Override
        public long memoryBytes() {
            return 0;
        }
    }

    /** The whole experiment. */
    abstract ClaimResult run(RunContext ctx);

    @Override
    public final List<All> cells(RunContext ctx) {
        return List.of(new All());
    }

    @Override
    public final ClaimResult compute(All cell, RunContext ctx) {
        return run(ctx);
    }

    @Override
    public final ClaimResult reduce(List<ClaimResult> results, RunContext ctx) {
        return results.get(0);
    }
}
