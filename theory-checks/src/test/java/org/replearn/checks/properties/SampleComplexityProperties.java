package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.replearn.checks.claims.ClaimResult;
import org.replearn.checks.claims.SampleComplexityClaim;

/**
 * Claim group 7 (THEORY §6 "Sample complexity"): the sample size at which the one-step network first reaches
 * error ε grows like d² (fitted exponent 2 ± 0.4 over d ∈ {8, 16, 32}); experiment and tolerance are
 * {@link SampleComplexityClaim}'s.
 */
class SampleComplexityProperties {

    @Property(tries = 2, seed = "701")
    void thresholdSampleSizeGrowsLikeDSquared(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        ClaimResult r = ClaimRuns.run(new SampleComplexityClaim(), seed);
        double exponent = ClaimRuns.number(r, "exponent");
        assertTrue(Math.abs(exponent - 2) <= 0.4, "seed " + seed + ": fitted exponent measured " + exponent
                + ", predicted 2, tolerance 0.4; " + ClaimRuns.describe(r, seed));
    }
}
