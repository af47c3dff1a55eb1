package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.KernelLearningCurveClaim;

/**
 * docs/math.md §8, per documented master seed: {@link KernelLearningCurveClaim} holds, i.e. measured kernel ridge
 * regression (ReLU NTK, Gaussian) equals its deterministic equivalent at every point of the learning curve within
 * {@code t·SE} plus the calibrated allowance, and every control (the linear predictor, the kernel of {@code Ux}, the
 * equivalent on Hermite-degree energies) is rejected. The claim takes about a minute at quick scale, so the fast tier
 * runs master seed 1 only (seed 0 is the contract test's run, {@code ClaimContractTest}); {@code -Pfull} runs all.
 */
class KernelLearningCurveProperties {
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void kernelRidgeFollowsItsDeterministicEquivalent(@ForAll(supplier = MasterSeeds.class) long seed) {
        Assume.that(Tier.full() || seed == 1);
        ClaimResult r = ClaimRuns.run(new KernelLearningCurveClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
