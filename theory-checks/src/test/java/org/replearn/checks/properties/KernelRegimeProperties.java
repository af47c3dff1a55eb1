package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.KernelRegimeClaim;

/**
 * Claim group 6 (docs/math.md §6 "Kernel regime"), per documented master seed: {@link KernelRegimeClaim} holds, i.e. kernel
 * ridge (ReLU NTK, Gaussian RBF) at {@code n = 4d²} is on the plateau {@code E₄} within its derived two-sided band,
 * the exact random-feature floor is on or above it, the one-step network reaches {@code <= E₄/2} at {@code n = 64d²},
 * and the negative control (frozen random first layer) is rejected.
 */
class KernelRegimeProperties {
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void kernelsOnThePlateauWhileOneStepLearnsDegreeFour(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new KernelRegimeClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
