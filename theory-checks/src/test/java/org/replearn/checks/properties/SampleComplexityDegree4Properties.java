package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.SampleComplexityDegree4Claim;

/**
 * docs/math.md §6 "Sample complexity" and "Kernel regime": on the degree-4 target {@code single-h4} the samples the
 * one-step network needs for error ε = E₄/2 grow at most like d² (per-replicate exponent not above 2 by more than
 * t·SE plus the log-factor allowance), while ReLU-NTK kernel ridge and random features given the 95 % upper bound of the network's typical
 * crossing stay on the plateau E₄, and the first step without weight decay never reaches ε; the experiment and its
 * statistics are {@link SampleComplexityDegree4Claim}'s.
 */
class SampleComplexityDegree4Properties {

    /** The claim holds (the claim's own check and its negative control), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void degreeFourSamplesGrowLikeDSquaredWhileKernelsStayOnThePlateau(
            @ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new SampleComplexityDegree4Claim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
