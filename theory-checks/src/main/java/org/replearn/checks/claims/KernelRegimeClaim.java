package org.replearn.checks.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.Problem;

/**
 * Claim 6 (THEORY §6 "Kernel regime failure", Ghorbani–Mei–Misiakiewicz–Montanari): on {@code single-h4}
 * ({@code f* = (h₂ + h₄)(w*·x)/sqrt 2}, so {@code E₂ = E₄ = 1/2}), kernel ridge regression with the ReLU NTK on
 * {@code n <= 4d² <= d^{3−δ}} samples and random features with {@code m = 256 <= d^{3−δ}} frozen neurons learn at most
 * the degree-≤2 part: relative test error {@code >= E₄ − tol}. The one-step network of the same width reaches
 * {@code <= E₄/2} at {@code n = 64d²}: it learns more than half of the degree-4 energy the kernels cannot reach.
 * The constant 64 is the one of the training issue's multi-index acceptance run ({@code n = 64·d²}); an earlier
 * version used 16, which the property test over several master seeds showed to be too small at {@code d <= 16}
 * (one-step error 0.27 and 0.38 for two of three seeds): the paper's {@code n ≍ d²} hides a constant.
 *
 * <p>Tolerance for the kernel lower bound: {@code tol = 0.1}, the finite-d {@code o(1)} term of the asymptotic
 * theorem, taken as 20% of {@code E₄} (its size is not pinned by the theorem; the test error's own Monte Carlo SE on
 * 10⁴ samples is below 0.02). The one-step threshold {@code E₄/2} is the separation the claim is about, fixed before
 * any run. Also plotted: the error of all three methods against n with {@code n = d²} and {@code n = d^p} marked.
 */
public final class KernelRegimeClaim implements Claim {
    /** The claim id. */
    public static final String ID = "kernel-regime";
    private static final String TARGET = "single-h4";
    private static final int WIDTH = 256;
    private static final double TOL = 0.1;
    private static final double ONE_STEP_RATIO = 64;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Random features and ReLU-NTK kernel ridge regression with n, m <= d^(3-δ) stay above the degree > 2 energy"
                + " E₄ (minus tol), while the one-step network reaches <= E₄/2 at n = 64d²";
    }

    @Override
    public ClaimResult run(RunContext ctx) {
        int[] dims = ctx.scale().pick(new int[] {12, 16}, new int[] {16, 24});
        double[] oneStepRatios = {1, 4, 16, ONE_STEP_RATIO};
        double[] rfRatios = {1, 4, 16};
        double[] krrRatios = {1, 4};
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        double[] energy = g.energyByDegree();
        double e4 = energy[4];
        int p = g.degree();
        Seeds seeds = ctx.seedsFor(ID);
        Sweep.Builder sweep = Sweep.table("kernel-regime", "method", "d", "n", "n_over_d2", "width", "error",
                "error_standard_error", "error_kind", "test_error", "alignment", "lambda");
        int total = dims.length * (oneStepRatios.length + rfRatios.length + krrRatios.length);
        int runs = 0;
        double minKernel = Double.POSITIVE_INFINITY;
        double maxOneStep = 0;
        List<PlotSpec.Series> series = new ArrayList<>();
        List<PlotSpec.Marker> markers = new ArrayList<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        for (int d : dims) {
            Seeds sd = seeds.child(d);
            Target target = Target.random(g, d, sd.rng(Stream.FRAME));
            Problem base = new Problem(target, 0.0, d * d, Claims.VALIDATION_SAMPLES, sd);
            for (Experiment.Method method : new Experiment.Method[] {Experiment.Method.ONE_STEP,
                Experiment.Method.RANDOM_FEATURES, Experiment.Method.NTK_KRR}) {
                double[] ratios = method == Experiment.Method.ONE_STEP ? oneStepRatios
                        : method == Experiment.Method.RANDOM_FEATURES ? rfRatios : krrRatios;
                double[] ns = new double[ratios.length];
                double[] errs = new double[ratios.length];
                for (int i = 0; i < ratios.length; i++) {
                    long n = Math.round(ratios[i] * d * d);
                    Experiment e = Experiment.run(method, base.withN(n),
                            new Experiment.Settings(WIDTH, TestErrors.MIN_SAMPLES, ctx.threads()));
                    ns[i] = n;
                    // networks: the exact population error; kernel ridge: the test error with its own SE
                    boolean exact = !Double.isNaN(e.populationError());
                    errs[i] = exact ? e.populationError() : e.testError();
                    double se = exact ? 0 : e.testErrorStandardError();
                    sweep.row(method.label(), d, n, ratios[i], WIDTH, errs[i], se, exact ? "exact" : "test set",
                            e.testError(), Double.isNaN(e.alignment()) ? "" : e.alignment(), e.lambda());
                    if (method == Experiment.Method.ONE_STEP) {
                        if (ratios[i] == ONE_STEP_RATIO) {
                            maxOneStep = Math.max(maxOneStep, errs[i]);
                        }
                    } else {
                        minKernel = Math.min(minKernel, errs[i] + Fits.SE_ALLOWANCE * se);
                    }
                    ctx.progress().update(++runs, total);
                }
                errors.put(method.label() + "_d" + d, errs);
                series.add(new PlotSpec.Series(method.label() + " d = " + d, ns, errs, PlotSpec.Style.LINE_POINTS));
            }
            markers.add(new PlotSpec.Marker("n = d² (d = " + d + ")", (double) d * d));
            markers.add(new PlotSpec.Marker("n = d^" + p + " (d = " + d + ")", Math.pow(d, p)));
        }
        boolean holds = minKernel >= e4 - TOL && maxOneStep <= e4 / 2;
        // negative control: the one-step check on a frozen random first layer (random features) at n = 64d²
        int dLast = dims[dims.length - 1];
        Seeds sdLast = seeds.child(dLast);
        Problem controlProblem = new Problem(Target.random(g, dLast, sdLast.rng(Stream.FRAME)), 0.0,
                Math.round(ONE_STEP_RATIO * dLast * dLast), Claims.VALIDATION_SAMPLES, sdLast);
        double randomAt64 = Experiment.run(Experiment.Method.RANDOM_FEATURES, controlProblem,
                new Experiment.Settings(WIDTH, TestErrors.MIN_SAMPLES, ctx.threads())).populationError();
        PlotSpec plot = new PlotSpec("test-error-vs-n", "Test error vs n (" + TARGET + ", m = " + WIDTH + ")",
                "n (samples)", "relative test error", true, true, series, markers);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("energy_by_degree", energy);
        details.put("width", WIDTH);
        details.put("d", dims);
        details.put("validation", Claims.VALIDATION_SAMPLES);
        details.put("test", TestErrors.MIN_SAMPLES);
        details.put("min_kernel_or_rf_error", minKernel);
        details.put("one_step_ratio_n_over_d2", ONE_STEP_RATIO);
        details.put("max_one_step_error", maxOneStep);
        details.put("errors", errors);
        return ClaimResult.builder(ID, statement())
                .predicted("kernel/RF error >= E₄ − tol = " + Fits.fmt(e4 - TOL) + "; one-step error at n = 64d² <= E₄/2 = "
                        + Fits.fmt(e4 / 2))
                .measured("min kernel/RF error (+" + Fits.fmt(Fits.SE_ALLOWANCE) + " SE for kernel ridge) "
                        + Fits.fmt(minKernel) + "; max one-step error at 64d² " + Fits.fmt(maxOneStep))
                .tolerance("tol = " + TOL + " on the kernel lower bound")
                .rationale("The kernel bound is asymptotic; tol = 0.1 (20% of E₄) stands for its finite-d o(1) term. The"
                        + " errors of the networks (one-step, random features) are exact population errors, with no"
                        + " test-set noise; kernel ridge's is a test error on " + TestErrors.MIN_SAMPLES + " samples, whose"
                        + " standard error is computed from the sample (heavy-tailed: E h₄⁴ = 639) and allowed "
                        + Fits.fmt(Fits.SE_ALLOWANCE) + " times. E₄/2 is the separation claimed.")
                .holds(holds)
                .control("frozen random first layer in place of the learned one (random features, same head) at"
                        + " n = " + Fits.fmt(ONE_STEP_RATIO) + "d², d = " + dLast, randomAt64 > e4 / 2,
                        "exact error " + Fits.fmt(randomAt64) + " against E₄/2 = " + Fits.fmt(e4 / 2))
                .details(details)
                .sweeps(List.of(sweep.build()))
                .plots(List.of(plot))
                .build();
    }
}
