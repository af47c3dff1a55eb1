package org.replearn.checks.properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.paper.HermiteIdentitiesClaim;
import org.replearn.checks.claims.paper.SteinsLemma;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.QuadratureRule;

/** Claim group 1: the Hermite identities everything else rests on (docs/math.md §1). */
class HermiteIdentitiesProperties {

    /**
     * Claim: {@code He_{k+1}(z) = z He_k(z) - k He_{k-1}(z)}, i.e. in normalized form
     * {@code sqrt(k+1) h_{k+1} = z h_k - sqrt(k) h_{k-1}}. Prediction: holds to rounding. Tolerance: each side is a
     * sum of two terms, so the residual is bounded by 4ε(|z h_k| + sqrt(k)|h_{k-1}| + sqrt(k+1)|h_{k+1}|) plus the
     * accumulated recurrence error 4kε·A (A the local amplitude), the forward-error bound of the evaluation.
     */
    @Property(tries = 300, seed = "101")
    void threeTermRecurrence(@ForAll @IntRange(min = 1, max = 80) int k, @ForAll @DoubleRange(min = -12, max = 12) double z) {
        double[] h = new double[k + 2];
        Hermite.values(z, k + 1, h);
        double lhs = Math.sqrt(k + 1) * h[k + 1];
        double rhs = z * h[k] - Math.sqrt(k) * h[k - 1];
        double scale = Math.abs(z * h[k]) + Math.sqrt(k) * Math.abs(h[k - 1]) + Math.sqrt(k + 1) * Math.abs(h[k + 1]);
        double tol = 4 * Math.ulp(1.0) * (k + 2) * scale + Double.MIN_NORMAL;
        assertTrue(Math.abs(lhs - rhs) <= tol,
                "measured |lhs - rhs| = " + Math.abs(lhs - rhs) + ", predicted 0, tolerance " + tol);
    }

    /**
     * Claim: {@code E[h_j h_k] = δ_jk} under N(0,1). Measured by an N-point Gauss–Hermite rule with N = max(j,k)+1
     * (exact for degree 2N-1 >= j+k). Tolerance 1e-12: the sum of |terms| is <= 1 (Cauchy–Schwarz), rounding
     * is N·ε, and the rule's nodes and weights are accurate to ~1e-14.
     */
    @Property(tries = 200, seed = "102")
    void orthonormality(@ForAll @IntRange(min = 0, max = 60) int j, @ForAll @IntRange(min = 0, max = 60) int k) {
        QuadratureRule rule = QuadratureRule.gaussHermite(Math.max(j, k) + 1);
        double s = rule.expectation(z -> Hermite.value(j, z) * Hermite.value(k, z));
        double predicted = j == k ? 1 : 0;
        assertTrue(Math.abs(s - predicted) <= 1e-12,
                "E[h_" + j + " h_" + k + "]: measured " + s + ", predicted " + predicted + ", tolerance 1e-12");
    }

    @Provide
    Arbitrary<double[]> coefficients() {
        return Arbitraries.doubles().between(-2, 2).array(double[].class).ofMinSize(2).ofMaxSize(31);
    }

    /**
     * Claim (Stein's lemma): {@code E[z F(z)] = E[F'(z)] = c_1} for polynomials {@code F = Σ c_k h_k}, checked by the
     * claim's own code ({@link SteinsLemma#check}) with the claim's floating-point tolerance, on random
     * coefficients of every size the claim may meet.
     */
    @Property(tries = 200, seed = "103")
    void steinsLemma(@ForAll("coefficients") double[] c) {
        SteinsLemma.Check check = SteinsLemma.check(c);
        assertTrue(check.error() <= check.tolerance(), "E[zF] = " + check.ezf() + ", E[F'] = " + check.edf()
                + ", predicted c_1 = " + (c.length > 1 ? c[1] : 0) + ", error " + check.error() + " > tolerance "
                + check.tolerance());
    }

    /** The claim holds (the claim's own check and its negative controls), for each documented master seed. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void claimHoldsForTheMasterSeeds(@ForAll(supplier = MasterSeeds.class) long seed) {
        ClaimResult r = ClaimRuns.run(new HermiteIdentitiesClaim(), seed);
        assertTrue(r.holds(), ClaimRuns.describe(r, seed));
    }
}
