package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.replearn.checks.claims.ClaimResult;
import org.replearn.checks.claims.TransferClaim;

/**
 * Claim group 8 (THEORY §6 "Transfer learning"): with features learned on a source head, the target-head error
 * against n_T does not depend on d, while with frozen random features it does; experiment and margin are
 * {@link TransferClaim}'s.
 */
class TransferProperties {

    @Property(tries = 2, seed = "801")
    void learnedFeaturesTransferIndependentlyOfDimension(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        ClaimResult r = ClaimRuns.run(new TransferClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
