package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.AlignmentPrediction;

class AlignmentAllowanceTest {

    /** Without constant and linear parts the de-linearization residual vanishes: A_pred is AlignmentPrediction's. */
    @Test
    void predictionIsAlignmentPredictionForATargetWithoutLinearPart() {
        Seeds seeds = new Seeds(3);
        Target target = Target.random(TargetSpec.resolve("multi-deg4"), 24, seeds.rng(Stream.FRAME));
        TwoLayerNetwork init = SymmetricInit.initialize(64, 24, seeds, false);
        AlignmentAllowance a = AlignmentAllowance.of(target, init.weights(), init.biases(), 0.25, 2304);
        assertEquals(AlignmentPrediction.predict(target, init.weights(), init.biases(), 0.25, 2304), a.predicted(),
                1e-12);
        assertEquals(2.0 * 24 / 2304, a.linearPart(), 1e-15);
        assertTrue(a.sd() > 0 && a.total() > a.linearPart());
    }

    /** A constant and a linear part add noise the first-order formula of AlignmentPrediction does not count. */
    @Test
    void linearPartLowersThePrediction() {
        Seeds seeds = new Seeds(5);
        Target target = Target.random(TargetSpec.parse(Conventions.MIXED_TARGET), 24, seeds.rng(Stream.FRAME));
        TwoLayerNetwork init = SymmetricInit.initialize(64, 24, seeds, false);
        double without = AlignmentPrediction.predict(target, init.weights(), init.biases(), 0.25, 2304);
        assertTrue(AlignmentAllowance.of(target, init.weights(), init.biases(), 0.25, 2304).predicted() < without);
    }

    /** {@code c_w(0) = 1 − 2/π}: at β = 0, {@code pq = 1/4} and {@code φ(0)² = 1/(2π)}. */
    @Test
    void alongWeightFactorAtZeroBias() {
        assertEquals(1 - 2 / Math.PI, AlignmentAllowance.alongWeightFactor(0), 1e-15);
    }

    /** For {@code g = h₂}, σ² = 0: {@code E[h₂² z²] = (15 − 6 + 1)/2 = 5} and {@code E h₂⁴ = 15}. */
    @Test
    void labelMomentsOfH2() {
        LabelMoments m = LabelMoments.of(TargetSpec.parse("h2(z1)"), 0);
        assertEquals(5, m.inSpanFactor(), 1e-12);
        assertEquals(14, m.squareVariance(), 1e-11);
    }

    /** The truncated Mehler expansion agrees with Genz's bivariate normal for {@code |ρ| <= 0.5}. */
    @Test
    void mehlerMatchesGenz() {
        for (double bj : new double[] {-1.5, 0, 0.7}) {
            for (double bl : new double[] {-0.3, 1.2}) {
                for (double rho : new double[] {-0.5, -0.1, 0.2, 0.5}) {
                    assertEquals(AlignmentAllowance.activationCorrelation(bj, bl, rho), AlignmentAllowance.mehler(
                            AlignmentAllowance.mehlerCoefficients(bj), AlignmentAllowance.mehlerCoefficients(bl), rho),
                            1e-4);
                }
            }
        }
    }
}
