package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NtkKrrConfig;
import org.replearn.core.training.NtkKrrLearner;
import org.replearn.core.training.Problem;

/**
 * Claim 6 (docs/math.md §6 "Kernel regime", Ghorbani–Mei–Misiakiewicz–Montanari), two-sided: on {@code single-h4}
 * ({@code f* = (h₂ + h₄)(w*·x)/sqrt 2}, {@code E₂ = E₄ = 1/2}, no degree-3 energy) rotation-invariant kernel ridge
 * regression (ReLU NTK and Gaussian RBF, {@code ℓ = 1}) with {@code d² <= n ≪ d⁴} samples learns at most the
 * degree-{@code <= 2} part: its error lies between the plateau {@code Σ_{k>2} E_k = E₄} and the untrained level
 * {@code E₂ + E₄} (an error not below the untrained level is a broken baseline, not a confirmation); random features
 * of width {@code m = 256} have a floor of their own, computed exactly ({@link BestHead}), which must lie on or above
 * the plateau; and the one-step network reaches {@code <= E₄/2} at {@code n = 64d²}, more than half of the degree-4
 * energy the kernels cannot reach.
 *
 * <p>Kernel check at {@code n = 4d²}, {@code d >= 24} ({@code n} is 7 times the {@code N₂ = 1 + d + d(d+1)/2}
 * polynomials of degree {@code <= 2} and below 0.13 of the {@code N₄ = C(d+3, 4)} of degree 4; at {@code d = 12},
 * {@code n = 16d² > N₄}, the RBF kernel reached 0.29, below {@code E₄}): {@code E₄ − z·SE <= error} and
 * {@code error + z·SE < E₂ + E₄}, {@code z} the Bonferroni threshold of {@link Fits#COVERAGE} over every side of every
 * kernel cell. The test error uses the control variate {@code c = } the degree-{@code > 2} part of {@code f*}:
 * {@code mean((f̂ − f*)² − c²) + E c²} with {@code E c² = E₄} exact ({@link TestErrors}), which removes the heavy tail of
 * {@code c²} ({@code E h₄⁴ = 639}): on {@value #KERNEL_TEST} samples the standard error drops from about 0.3 to 0.04.
 * The plateau is approached, not reached, at affordable n: measured with that estimator at {@code d = 24} (one seed),
 * the NTK gives 0.73, 0.66, 0.59, 0.54 (SE 0.04 to 0.02) at {@code n = 2, 4, 8, 16 d²} and the RBF kernel 0.77, 0.71,
 * 0.65, 0.57; the finite-d plateau of rotation-invariant kernels is moreover below {@code E₄} (radial functions times
 * harmonics of degree {@code <= 2} carry part of {@code h₄}: about 0.39 at {@code d = 24}). Hence the upper side is
 * the untrained level, and the distance above {@code E₄} is reported, not judged.
 * Random features: floor {@code >= E₄ − 1e-9} (rounding of the exact moments) and fitted exact error
 * {@code >= floor − 1e-9} at every n (the fit cannot beat the population-optimal head). The one-step threshold
 * {@code E₄/2} is the separation claimed, fixed before any run; 64 is the constant of the multi-index acceptance run
 * ({@code n = 64·d²}; 16 was too small at {@code d <= 16} over several seeds). Negative control: the one-step check
 * applied to a frozen random first layer at {@code n = 64d²}. The control "λ chosen on the training set" has no honest
 * placement here: on the plateau the kernel's degree {@code > 2} part acts as the ridge, so near-interpolation is not
 * wrong there; measured at {@code d = 24, n = 4d²} (seeds 0, 1) the smallest λ gave the NTK 0.50 and 0.46 and the RBF
 * kernel 0.85 ± 0.07 and 0.77 ± 0.13.
 */
public final class KernelRegimeClaim extends SingleRun {
    /** The claim id. */
    public static final String ID = "kernel-regime";
    private static final String TARGET = "single-h4";
    private static final int WIDTH = 256;
    private static final double ONE_STEP_RATIO = 64;
    private static final double PLATEAU_RATIO = 4;
    private static final long KERNEL_TEST = 20_000;
    private static final double ROUNDING = 1e-9;
    private static final List<NtkKrrConfig.KernelChoice> KERNELS = List.of(new NtkKrrConfig.ReluNtkKernel(),
            new NtkKrrConfig.GaussianRbfKernel(1));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Rotation-invariant kernel ridge regression (ReLU NTK, Gaussian RBF) with d² <= n ≪ d⁴ stays between the"
                + " plateau E₄ and the untrained level E₂ + E₄, random features of width 256 have an exact floor >= E₄,"
                + " and the one-step network reaches <= E₄/2 at n = 64d²";
    }

    @Override
    ClaimResult run(RunContext ctx) {
        int[] netDims = ctx.scale().pick(new int[] {12, 16}, new int[] {16, 24});
        int[] kernelDims = ctx.scale().pick(new int[] {24}, new int[] {24, 32});
        double[] oneStepRatios = {1, 4, 16, ONE_STEP_RATIO};
        double[] rfRatios = {1, 4, 16};
        double[] kernelRatios = {1, PLATEAU_RATIO};
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        double[] energy = g.energyByDegree();
        double e4 = energy[4];
        double untrained = g.withoutDegreesBelow(2).secondMoment() / g.secondMoment();
        int p = g.degree();
        double z = Intervals.bonferroniThreshold(1 - Coverage.COVERAGE, 2 * KERNELS.size() * kernelDims.length);
        Seeds seeds = ctx.seedsFor(ID);
        Sweep.Builder sweep = Sweep.table("kernel-regime", "method", "d", "n", "n_over_d2", "width", "error",
                "error_standard_error", "error_kind", "plateau", "untrained_level", "rf_floor", "role", "test_error",
                "alignment", "lambda");
        int total = netDims.length * (oneStepRatios.length + rfRatios.length)
                + kernelDims.length * KERNELS.size() * kernelRatios.length + 1;
        int runs = 0;
        double maxOneStep = 0;
        boolean rfOk = true;
        boolean kernelOk = true;
        List<String> failures = new ArrayList<>();
        List<PlotSpec.Series> series = new ArrayList<>();
        List<PlotSpec.Marker> markers = new ArrayList<>();
        Set<Integer> markerDims = new TreeSet<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        Map<String, Object> floors = new LinkedHashMap<>();
        Map<String, Object> plateau = new LinkedHashMap<>();
        StringBuilder measured = new StringBuilder();
        Experiment.Settings settings = new Experiment.Settings(WIDTH, TestErrors.MIN_SAMPLES, ctx.threads());
        for (int d : netDims) {
            Seeds sd = seeds.child(d);
            Target target = Target.random(g, d, sd.rng(Stream.FRAME));
            Problem base = new Problem(target, 0.0, d * d, Conventions.VALIDATION_SAMPLES, sd);
            // the first layer RandomFeaturesLearner freezes: the same seeds, width and initialization
            TwoLayerNetwork frozen = SymmetricInit.initialize(WIDTH, d, sd, false);
            double floor = BestHead.of(frozen.weights(), frozen.biases(), target, true).relative();
            floors.put("d" + d, floor);
            if (floor < e4 - ROUNDING) {
                rfOk = false;
                failures.add("random-features floor " + Format.fmt(floor) + " < E₄ at d = " + d);
            }
            for (Experiment.Method method : new Experiment.Method[] {Experiment.Method.ONE_STEP,
                Experiment.Method.RANDOM_FEATURES}) {
                boolean rf = method == Experiment.Method.RANDOM_FEATURES;
                double[] ratios = rf ? rfRatios : oneStepRatios;
                double[] ns = new double[ratios.length];
                double[] errs = new double[ratios.length];
                for (int i = 0; i < ratios.length; i++) {
                    long n = Math.round(ratios[i] * d * d);
                    Experiment e = Experiment.run(method, base.withN(n), settings);
                    ns[i] = n;
                    errs[i] = e.populationError();
                    boolean separation = !rf && ratios[i] == ONE_STEP_RATIO;
                    sweep.row(method.label(), d, n, ratios[i], WIDTH, errs[i], 0, "exact", e4, "",
                            rf ? floor : "", rf ? "floor" : separation ? "separation" : "curve", e.testError(),
                            e.alignment(), e.lambda());
                    if (separation) {
                        maxOneStep = Math.max(maxOneStep, errs[i]);
                    }
                    if (rf && errs[i] < floor - ROUNDING) {
                        rfOk = false;
                        failures.add("random-features error " + Format.fmt(errs[i]) + " below its floor at d = " + d);
                    }
                    ctx.progress().update(++runs, total);
                }
                errors.put(method.label() + "_d" + d, errs);
                series.add(new PlotSpec.Series(method.label() + " d = " + d, ns, errs, PlotSpec.Style.LINE_POINTS));
            }
            markerDims.add(d);
        }
        for (int d : kernelDims) {
            Seeds sd = seeds.child(d);
            Target target = Target.random(g, d, sd.rng(Stream.FRAME));
            Problem base = new Problem(target, 0.0, d * d, Conventions.VALIDATION_SAMPLES, sd);
            // the control variate: the part of f* above degree 2, which no kernel learns at n ≪ d³ (exact E c² = E₄)
            Target unreachable = target.withLink(g.withoutDegreesBelow(3));
            for (NtkKrrConfig.KernelChoice kernel : KERNELS) {
                String label = kernel.learnerName();
                NtkKrrConfig config = new NtkKrrConfig(kernel, NtkKrrConfig.defaults(1).lambdaGrid(), ctx.threads());
                double[] ns = new double[kernelRatios.length];
                double[] errs = new double[kernelRatios.length];
                for (int i = 0; i < kernelRatios.length; i++) {
                    long n = Math.round(kernelRatios[i] * d * d);
                    Problem problem = base.withN(n);
                    FitResult fit = new NtkKrrLearner(config).fit(problem);
                    TestErrors test = TestErrors.evaluate(fit.predictor(), problem.test(KERNEL_TEST), unreachable,
                            ctx.threads());
                    ns[i] = n;
                    errs[i] = test.relativeError();
                    double se = test.relativeErrorStandardError();
                    boolean onPlateau = kernelRatios[i] == PLATEAU_RATIO;
                    sweep.row(label, d, n, kernelRatios[i], "", errs[i], se, "test set, control variate", e4,
                            untrained, "", onPlateau ? "plateau" : "curve", "", "", fit.lambda());
                    if (onPlateau) {
                        boolean below = errs[i] + z * se < e4;
                        boolean above = errs[i] - z * se > untrained;
                        if (below || above) {
                            kernelOk = false;
                            failures.add(label + " at d = " + d + (below ? " below the plateau E₄"
                                    : " not below the untrained level: a failure of the baseline"));
                        }
                        Map<String, Object> cell = new LinkedHashMap<>();
                        cell.put("n", n);
                        cell.put("error", errs[i]);
                        cell.put("standard_error", se);
                        cell.put("above_plateau", errs[i] - e4);
                        cell.put("lambda", fit.lambda());
                        plateau.put(label + "_d" + d, cell);
                        measured.append(measured.length() == 0 ? "" : "; ").append(label).append(" d = ")
                                .append(d).append(": ").append(Format.fmt(errs[i])).append(" ± ").append(Format.fmt(se))
                                .append(" (E₄ + ").append(Format.fmt(errs[i] - e4)).append(")");
                    }
                    ctx.progress().update(++runs, total);
                }
                errors.put(label + "_d" + d, errs);
                series.add(new PlotSpec.Series(label + " d = " + d, ns, errs, PlotSpec.Style.POINTS));
            }
            markerDims.add(d);
        }
        for (int d : markerDims) {
            markers.add(new PlotSpec.Marker("n = d² (d = " + d + ")", (double) d * d));
            markers.add(new PlotSpec.Marker("n = d^" + p + " (d = " + d + ")", Math.pow(d, p)));
        }
        boolean oneStepOk = maxOneStep <= e4 / 2;
        if (!oneStepOk) {
            failures.add("one-step error " + Format.fmt(maxOneStep) + " > E₄/2 at n = 64d²");
        }
        // negative control: the one-step check on a frozen random first layer (random features) at n = 64d²
        int dLast = netDims[netDims.length - 1];
        Seeds sdLast = seeds.child(dLast);
        Problem controlProblem = new Problem(Target.random(g, dLast, sdLast.rng(Stream.FRAME)), 0.0,
                Math.round(ONE_STEP_RATIO * dLast * dLast), Conventions.VALIDATION_SAMPLES, sdLast);
        double randomAt64 = Experiment.run(Experiment.Method.RANDOM_FEATURES, controlProblem, settings)
                .populationError();
        ctx.progress().update(++runs, total);
        double nMin = (double) netDims[0] * netDims[0];
        double nMax = ONE_STEP_RATIO * dLast * dLast;
        series.add(new PlotSpec.Series("plateau E₄", new double[] {nMin, nMax}, new double[] {e4, e4},
                PlotSpec.Style.DASHED));
        PlotSpec plot = new PlotSpec("test-error-vs-n", "Error vs n (" + TARGET + ", m = " + WIDTH + ")",
                "n (samples)", "relative error (networks exact, kernels test set)", true, true, series, markers);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("energy_by_degree", energy);
        details.put("width", WIDTH);
        details.put("d", netDims);
        details.put("kernel_d", kernelDims);
        details.put("kernel_n_over_d2", PLATEAU_RATIO);
        details.put("validation", Conventions.VALIDATION_SAMPLES);
        details.put("test", TestErrors.MIN_SAMPLES);
        details.put("kernel_test", KERNEL_TEST);
        details.put("z", z);
        details.put("plateau", e4);
        details.put("kernel_plateau", plateau);
        details.put("kernels_on_plateau", kernelOk);
        details.put("random_feature_floor", floors);
        details.put("random_features_ok", rfOk);
        details.put("one_step_ratio_n_over_d2", ONE_STEP_RATIO);
        details.put("max_one_step_error", maxOneStep);
        details.put("failures", failures);
        details.put("errors", errors);
        return ClaimResult.builder(ID, statement())
                .predicted("kernel ridge at n = 4d²: between E₄ = " + Format.fmt(e4) + " and E₂ + E₄ = "
                        + Format.fmt(untrained) + "; random-feature floor >= E₄; one-step error at n = 64d² <= E₄/2 = "
                        + Format.fmt(e4 / 2))
                .measured(measured + "; random-feature floors " + floors.values().stream().map(v -> Format.fmt(
                        (Double) v)).toList() + "; max one-step error at 64d² " + Format.fmt(maxOneStep)
                        + (failures.isEmpty() ? "" : "; FAILED: " + String.join(", ", failures)))
                .tolerance("kernels: " + Format.fmt(z) + " SE on each side; random features: rounding " + ROUNDING)
                .rationale("Kernel errors are test errors on " + KERNEL_TEST + " fresh samples with the degree > 2 part"
                        + " of f* as a control variate of exact mean E₄ (it removes the heavy tail E h₄⁴ = 639 from the"
                        + " estimate), standard errors from the sample; z is the Bonferroni threshold for "
                        + Format.fmt(Coverage.COVERAGE) + " coverage over all " + 2 * KERNELS.size() * kernelDims.length
                        + " sides. At these n the kernels approach E₄ from above (the distance is reported). Network"
                        + " errors (one-step, random features) and the random-feature floor (the population-optimal head"
                        + " on the frozen features) are exact, so only rounding is allowed. E₄/2 is the separation"
                        + " claimed.")
                .holds(kernelOk && rfOk && oneStepOk)
                .control("frozen random first layer in place of the learned one (random features, same head) at"
                        + " n = " + Format.fmt(ONE_STEP_RATIO) + "d², d = " + dLast, randomAt64 > e4 / 2,
                        "exact error " + Format.fmt(randomAt64) + " against E₄/2 = " + Format.fmt(e4 / 2))
                .details(details)
                .sweeps(List.of(sweep.build()))
                .plots(List.of(plot))
                .build();
    }
}
