package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.WidthClaim;

/**
 * docs/math.md §6: at n = 16d² the one-step network's exact error does not increase with the width, falls from
 * width-limited to sample-limited (the exact best head on its own features against its error), and the d-exponent of
 * the width needed for ε = 0.01 is 0 by an equivalence test against the margin 1/2, while frozen random features
 * never reach ε and a first step on a fixed sample budget fails that test; the experiment and its statistics are
 * {@link WidthClaim}'s.
 */
class WidthProperties {

    /** The claim holds (its three checks and its negative control), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void errorFallsWithWidthToTheSampleLimit(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new WidthClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
