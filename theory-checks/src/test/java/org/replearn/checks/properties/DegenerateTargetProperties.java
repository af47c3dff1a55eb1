package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.DegenerateTargetClaim;

/**
 * Claim group 9 (docs/math.md §2 non-degeneracy, §5, §6): on the degenerate target {@code single-h3} ({@code H = 0}) one
 * step at {@code n = 4d²} leaves the alignment at the first-order level {@code A_pred = Θ(r/d)}, falling with d, while
 * the sign check rejects the non-degenerate {@code single-h2} and the level check the frozen random layer and the step
 * without weight decay; the experiment and its statistics are {@link DegenerateTargetClaim}'s.
 */
class DegenerateTargetProperties {

    /** The claim holds (the claim's own check and its negative controls), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void degenerateTargetIsNotRecoveredByOneStep(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new DegenerateTargetClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
