package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.GdHeadClaim;

/**
 * Algorithm 1 step 5 as gradient descent (docs/math.md §4): T steps with {@code η₂, λ₂} on the frozen features, T chosen on
 * validation, reach the exact population error of the validated ridge head within its standard error, while the same
 * head with a tenth of those steps does not; the frozen first layer is Algorithm 1's step up to rounding, while the
 * step without weight decay and the random layer are not; the experiment and its statistics are {@link GdHeadClaim}'s.
 */
class GdHeadProperties {

    /** The claim holds (the claim's own checks and its negative controls), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void gradientDescentHeadReachesTheRidgeHeadsError(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new GdHeadClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
