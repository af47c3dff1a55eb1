package org.replearn.checks.properties;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/** Generators of the problems the properties quantify over. */
final class Problems {
    private Problems() {
    }

    /** A generated target: dimension, rank, degree and a seed from which U and the coefficients are drawn. */
    record TargetCase(int d, int r, int p, long seed) {
        /** Coefficients uniform in [-1, 1] on every α with |α| <= p, normalized to unit second moment. */
        Target build() {
            Seeds seeds = new Seeds(seed);
            var rng = seeds.rng(Stream.CHECK);
            HermitePolynomial.Builder b = HermitePolynomial.builder(r);
            for (MultiIndex alpha : MultiIndex.upToDegree(r, p)) {
                b.add(alpha, 2 * rng.nextDouble() - 1);
            }
            return Target.random(b.build().normalized(), d, seeds.rng(Stream.FRAME));
        }

        @Override
        public String toString() {
            return "target(d=" + d + ", r=" + r + ", p=" + p + ", seed=" + seed + ")";
        }
    }

    static Arbitrary<TargetCase> targets(int maxD, int maxR, int maxP) {
        return Combinators.combine(Arbitraries.integers().between(1, maxR), Arbitraries.integers().between(0, maxD),
                Arbitraries.integers().between(1, maxP), Arbitraries.longs().between(0, 1_000_000))
                .as((r, extra, p, seed) -> new TargetCase(Math.min(maxD, r + extra), r, p, seed));
    }
}
