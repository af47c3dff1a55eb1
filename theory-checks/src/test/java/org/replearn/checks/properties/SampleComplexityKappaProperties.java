package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.SampleComplexityKappaClaim;

/**
 * docs/math.md §6 "Sample complexity": the samples the first step needs to resolve the weak direction of
 * {@code H} for {@code (κ h₂(z₁) + h₂(z₂))/sqrt(κ²+1)} grow at most like κ² (the exponent in κ² not significantly
 * above 1), while the frozen random first layer never resolves it; the experiment and its statistics are
 * {@link SampleComplexityKappaClaim}'s.
 */
class SampleComplexityKappaProperties {

    /** The claim holds (the claim's own check and its negative control), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void weakDirectionSamplesGrowAtMostLikeKappaSquared(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new SampleComplexityKappaClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
