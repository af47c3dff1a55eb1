package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.SampleComplexityClaim;

/**
 * docs/math.md §6 "Sample complexity": the sample size at which the one-step network first reaches
 * error ε grows at most like d² (per-replicate crossings and exponents, one-sided against 2 with their standard
 * error plus a derived log-factor allowance), and the learned layer's alignment at n = 2d² is not below the
 * first-order prediction. Experiment, statistics and negative control are {@link SampleComplexityClaim}'s.
 */
class SampleComplexityProperties {

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void thresholdSampleSizeGrowsLikeDSquared(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new SampleComplexityClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
