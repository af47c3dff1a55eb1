package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.SampleComplexityRankClaim;

/**
 * docs/math.md §6 "Sample complexity": at fixed {@code d ≫ r} and {@code κ = 1} the samples the first
 * step needs for best-head error ε grow at most like r (per-replicate exponent not above 1 by more than t·SE plus the
 * measured width-floor allowance; the alignment at n = d² not below the first-order prediction), while the frozen
 * random first layer never reaches ε; the experiment and its statistics are
 * {@link SampleComplexityRankClaim}'s.
 */
class SampleComplexityRankProperties {

    /** The claim holds (the claim's own check and its negative control), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void samplesGrowLinearlyInRank(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new SampleComplexityRankClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
