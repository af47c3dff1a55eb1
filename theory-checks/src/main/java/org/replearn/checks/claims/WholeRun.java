package org.replearn.checks.claims;

import java.util.List;

/**
 * A claim that is not decomposed, as a {@link CellClaim} of one cell: its whole {@link Claim#run}, whose result is
 * the {@link ClaimResult} itself. Fine for cheap claims; a sweep cannot spread it over several machines.
 */
final class WholeRun implements CellClaim<WholeRun.All, ClaimResult> {
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

    private final Claim claim;

    WholeRun(Claim claim) {
        this.claim = claim;
    }

    @Override
    public String id() {
        return claim.id();
    }

    @Override
    public String statement() {
        return claim.statement();
    }

    @Override
    public List<All> cells(RunContext ctx) {
        return List.of(new All());
    }

    @Override
    public ClaimResult compute(All cell, RunContext ctx) {
        return claim.run(ctx);
    }

    @Override
    public ClaimResult reduce(List<ClaimResult> results, RunContext ctx) {
        return results.get(0);
    }
}
