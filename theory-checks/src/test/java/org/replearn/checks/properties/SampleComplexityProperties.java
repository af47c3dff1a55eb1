package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.SampleComplexityClaim;

/**
 * docs/math.md §6 "Sample complexity": the sample size at which the one-step network first reaches
 * error ε grows like d². Experiment, statistic (per-replicate crossings and exponents, judged by their standard error
 * plus a derived log-factor allowance) and negative control are {@link SampleComplexityClaim}'s.
 */
class SampleComplexityProperties {

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void thresholdSampleSizeGrowsLikeDSquared(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new SampleComplexityClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
