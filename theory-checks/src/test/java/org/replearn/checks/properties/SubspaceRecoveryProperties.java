package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.SubspaceRecoveryClaim;

/**
 * Claim group 5 (docs/math.md §6 "Subspace recovery"): the energy {@code A} inside span(U) of the first layer the
 * one-step learner produces matches the first-order prediction
 * {@code Σ_j(||P_U G_j||² + r v_j/n)/Σ_j(||G_j||² + d v_j/n)}: the mean over replicates of
 * {@code (1 − A)/(1 − A_pred)} is 1 within {@code t·SE} plus a derived allowance for {@code n >= 4d²} and on a target
 * with constant and linear parts, with the predicted slope in n; the learner without weight decay is rejected. The
 * experiment and its tolerances are {@link SubspaceRecoveryClaim}'s (its Javadoc and docs/claims.md derive them).
 */
class SubspaceRecoveryProperties {

    /** The claim holds (the claim's own check and its negative controls), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void alignmentMatchesThePrediction(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new SubspaceRecoveryClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
