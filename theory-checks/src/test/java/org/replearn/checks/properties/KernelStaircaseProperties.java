package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.KernelStaircaseClaim;

/**
 * The kernel staircase (docs/math.md §8), per documented master seed: {@link KernelStaircaseClaim} holds, i.e. the
 * deterministic equivalent of ReLU-NTK ridge regression at {@code n = d^{ℓ+1/2}} is within its derived margin of the
 * plateau {@code P_ℓ} for {@code ℓ = 1, 2, 3} and {@code d = 64, 256, 1024}, and the negative control (every degree-2
 * eigenvalue zeroed) is rejected. The claim samples nothing, so every seed gives the same numbers.
 */
class KernelStaircaseProperties {
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void plateausWithinTheirMarginAndNoStepWithoutDegreeTwo(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new KernelStaircaseClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
        assertEquals(1, r.controls().size());
        assertTrue(r.controls().get(0).rejected(), r.controls().get(0).measured().text());
        assertTrue(ClaimRuns.number(r, "max_deviation_over_margin") <= 1, ClaimRuns.describe(r, seed));
        assertTrue(ClaimRuns.number(r, "control_min_deviation_over_margin") > 1, ClaimRuns.describe(r, seed));
    }
}
