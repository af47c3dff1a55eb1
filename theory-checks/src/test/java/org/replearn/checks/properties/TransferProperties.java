package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.TransferClaim;

/**
 * Claim group 8 (docs/math.md §6 "Transfer learning"): the representation cost of the learned first layer falls with
 * {@code n_S/d²}, and at {@code n_S = 16 d² log₂ d} the d-exponent of the target labels a new head needs is 0 by an
 * equivalence test against the margin 1/2, while frozen random features, the step without weight decay and a source
 * step on a fixed budget fail that test; the experiment and its statistics are {@link TransferClaim}'s.
 */
class TransferProperties {

    /** The claim holds (the claim's own check and its negative controls), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void learnedFeaturesTransferIndependentlyOfDimension(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new TransferClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
