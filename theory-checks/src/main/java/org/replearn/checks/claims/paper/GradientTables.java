package org.replearn.checks.claims.paper;

import java.util.List;
import org.replearn.checks.claims.api.Sweep;

/**
 * The sweeps of {@link GradientCorrectnessClaim} and its worst error/tolerance per block: {@code worst} is ∇f*, ∇²f*;
 * network a, W, b; fused a, W, b, loss; first step W¹. The controls: the worst of {@code −∂L/∂a}, and the worst and
 * smallest over cases of the first step on raw labels.
 */
record GradientTables(double[] worst, double wrongSign, double rawLabels, double rawLabelsMin, List<Sweep> sweeps) {
    private static final String[] BLOCKS = {"a", "W", "b", "fused a", "fused W", "fused b", "fused loss"};

    /** The tables of the results, in cell order (targets, networks, first steps). */
    static GradientTables of(List<GradientCorrectnessClaim.CaseResult> results) {
        Sweep.Builder tSweep = Sweep.table("gradient-target", "case", "d", "r", "p", "block", "max_abs_error",
                "max_error_over_tolerance");
        Sweep.Builder nSweep = Sweep.table("gradient-network", "case", "d", "m", "n", "kept", "block",
                "max_abs_error", "max_error_over_tolerance");
        Sweep.Builder fSweep = Sweep.table("gradient-first-step", "case", "d", "m", "n", "eta", "max_abs_error",
                "max_error_over_tolerance", "raw_labels_max_error_over_tolerance");
        double[] worst = new double[10];
        double wrongSign = 0;
        double raw = 0;
        double rawMin = Double.POSITIVE_INFINITY;
        int networks = 0;
        int firstSteps = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof GradientCorrectnessClaim.TargetCase t) {
                FiniteDifferences.TargetErrors e = t.errors();
                tSweep.row(i, t.d(), t.r(), t.p(), "gradient", e.gradientError(), e.gradientRatio());
                tSweep.row(i, t.d(), t.r(), t.p(), "hessian", e.hessianError(), e.hessianRatio());
                worst[0] = Math.max(worst[0], e.gradientRatio());
                worst[1] = Math.max(worst[1], e.hessianRatio());
            } else if (results.get(i) instanceof GradientCorrectnessClaim.NetworkCase c) {
                FiniteDifferences.NetworkErrors e = c.errors();
                for (int k = 0; k < (e.kept() == 0 ? 1 : BLOCKS.length); k++) {
                    double error = k < 3 ? e.error()[k] : e.fusedError()[k - 3];
                    double ratio = k < 3 ? e.ratio()[k] : e.fusedRatio()[k - 3];
                    nSweep.row(networks, c.d(), c.m(), c.n(), e.kept(), e.kept() == 0 ? "none" : BLOCKS[k], error,
                            ratio);
                    worst[2 + k] = Math.max(worst[2 + k], ratio);
                }
                wrongSign = Math.max(wrongSign, e.wrongSignRatio());
                networks++;
            } else if (results.get(i) instanceof GradientCorrectnessClaim.FirstStepCase f) {
                FirstStepIdentity.Errors e = f.errors();
                fSweep.row(firstSteps++, f.draw().d(), f.draw().m(), f.draw().n(), f.draw().eta(), e.error(),
                        e.ratio(), e.rawLabelsRatio());
                worst[9] = Math.max(worst[9], e.ratio());
                raw = Math.max(raw, e.rawLabelsRatio());
                rawMin = Math.min(rawMin, e.rawLabelsRatio());
            }
        }
        return new GradientTables(worst, wrongSign, raw, rawMin, List.of(tSweep.build(), nSweep.build(),
                fSweep.build()));
    }
}
