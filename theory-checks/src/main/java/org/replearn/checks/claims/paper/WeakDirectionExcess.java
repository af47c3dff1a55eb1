package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.theory.PopulationGradient;
import org.replearn.core.training.OneStepLearner;

/**
 * The statistic of {@link SampleComplexityKappaClaim}, exact in the population: for
 * {@code g_κ = (κ h₂(z₁) + h₂(z₂))/sqrt(κ² + 1)}, {@code ΔR_w = R_w(W) − R_w(W UᵀU)}, where
 * {@code R_w(W) = min_a E(Σ_j a_j σ(w_j·x + b_j) + α − h₂(u₂·x))² / E h₂²} is the best head ({@link BestHead}) for the
 * weak component alone on a first layer W (the learner's own, {@link OneStepLearner#firstStep}) and {@code W UᵀU}
 * ({@link Target#projectRows}) the oracle layer with the same directions inside span(U): the cost of the step's error
 * outside span(U), the part the samples control. A weak component, not a test error ε fixed across κ: the weak part
 * carries {@code 1/(κ²+1)} of the energy, so a fixed ε would ask a different fraction of it at each κ.
 */
final class WeakDirectionExcess {
    private WeakDirectionExcess() {
    }

    /** The spec of {@code g_κ}: {@code (κ h₂(z₁) + h₂(z₂))/sqrt(κ² + 1)}. */
    static String link(double kappa) {
        return "(" + kappa + "*h2(z1) + h2(z2))/sqrt(" + (kappa * kappa + 1) + ")";
    }

    /** The weak component {@code h₂(u₂·x)} on replicate {@code sd}'s frame. */
    static Target weakComponent(int d, Seeds sd) {
        return Target.random(TargetSpec.parse("h2(z2)", 2), d, sd.rng(Stream.FRAME));
    }

    /** {@code g_κ} on the frame of {@code weak}. */
    static Target target(Target weak, double kappa) {
        return weak.withLink(TargetSpec.parse(link(kappa), 2));
    }

    /** {@code ΔR_w = R_w(W) − R_w(W UᵀU)}: the weak component's best-head error on W over that on the oracle layer. */
    static double of(DMatrixRMaj w, double[] b, Target f, Target weak) {
        return BestHead.of(w, b, weak, false).relative() - BestHead.of(f.projectRows(w), b, weak, false).relative();
    }

    /**
     * {@code ΔR_w} of the population first step ({@code n = ∞}): row j of {@code W} is
     * {@code a_j E[f*(x) 1[w⁰_j·x + b_j > 0] x]} ({@link PopulationGradient#correlation}; the sign and direction of
     * {@code −η₁∇_{w_j}L} at the symmetric initialization, whose output is 0; f* has no constant or linear part here),
     * scaled to {@code ||W||_F² = m} as the learner's η₁ does, biases kept. What is left at infinite n is the part of
     * the gradient along {@code w⁰_j} (docs/math.md §5's w-term), outside span(U) and larger for larger κ.
     */
    static double population(Target f, Target weak, TwoLayerNetwork init) {
        DMatrixRMaj w = PopulationGradient.correlations(f, init.weights(), init.biases());
        double[] a = init.outputWeights();
        int d = w.numCols;
        double norm2 = 0;
        for (int j = 0; j < w.numRows; j++) {
            for (int k = 0; k < d; k++) {
                double g = w.data[j * d + k];
                norm2 += g * g;
                w.data[j * d + k] = a[j] * g;
            }
        }
        CommonOps_DDRM.scale(Math.sqrt(w.numRows / norm2), w);
        return of(w, init.biases(), f, weak);
    }
}
