package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Coverage;
import org.replearn.checks.claims.stats.ExponentPlot;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.NtkKrrConfig;
import org.replearn.core.training.NtkKrrLearner;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * docs/math.md §6 "Sample complexity" and "Kernel regime": the separation the paper is about. On {@code single-h4}
 * ({@code f* = (h₂ + h₄)(w*·x)/sqrt 2}, {@code E₂ = E₄ = 1/2}, r = 1, non-degenerate {@code H}), m = 256, noiseless
 * labels, the one-step network reaches {@code ε = E₄/2} (more than half of the degree-4 energy learned) with
 * {@code n*(ε) ∝ d²} samples, while ReLU-NTK kernel ridge and random features given those samples stay on the plateau
 * {@code E₄}.
 *
 * <p>(a) Exponent. Cells per (d, replicate s) ({@code seedsFor(ID).child(1000·d + s)}): Algorithm 1's exact population
 * error on the half-octave grid {@code n/d² = 2^{k/2}} from 2 to 64, walked until it is {@code <= ε}
 * ({@link GridWalk}); the crossing {@code n*(d)} by log-log interpolation (one at the first grid point is not
 * bracketed and counts as not reached). Check {@code |γ − 2| <= t_{0.975,R−1}·SE + δ} for the per-replicate exponent
 * of {@code n* ∝ d^γ} ({@link Exponents#seedSlope}), {@code δ} = {@link Exponents#logFactorAllowance}; two-sided, as the
 * lower-order terms bend the fit below 2. The kernels' rate, {@code d⁴}, is far outside.
 *
 * <p>(b) Separation at the same n. A kernel cell per replicate k at {@code d_K = 24} walks the network's curves there
 * again (the same seeds) to get {@code n_K = ⌈exp(L + t_{0.975,R−1}·SE_L)⌉}, the 95 % upper bound of the mean
 * {@code L} of {@code log n*_s(d_K)}, then fits on replicate k's problem at {@code n_K} the ReLU-NTK KRR
 * ({@link NtkKrrConfig#defaults}), whose test error (degree {@code > 2} part of {@code f*} as control variate,
 * {@link TestErrors}) must satisfy {@code error + z·SE >= E₄}, {@code error − z·SE > ε} and {@code error − z·SE < E₂ + E₄}
 * ({@code z} Bonferroni over the two sides of every NTK cell, as in {@link KernelRegimeClaim}), and random features,
 * whose exact error must lie in {@code [E₄ − 1e-9, E₂ + E₄)}.
 *
 * <p>(c) Control: the first step without weight decay ({@link Controls#firstStepWithoutWeightDecay}), replicate 0 at
 * the largest d and {@code n = 64d²}: even its population-optimal head ({@link BestHead}) must stay above ε.
 */
public final class SampleComplexityDegree4Claim
        implements Claim<SampleComplexityDegree4Claim.Run, SampleComplexityDegree4Claim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity-p4";
    private static final String TARGET = "single-h4";
    private static final int WIDTH = 256;
    private static final double PREDICTED_EXPONENT = 2;
    /** The grid {@code n/d² = 2^{k/2}} from 2 to 64. */
    private static final double[] RATIOS = Grids.octaveGrid(2, 64, 2);
    private static final double TOP_RATIO = RATIOS[RATIOS.length - 1];
    /** The d at which the kernels are compared with the network. */
    private static final int KERNEL_DIMENSION = 24;
    /** {@code n_K/d_K²} of the work and memory model of a kernel cell (the network's typical crossing). */
    private static final double KERNEL_RATIO_MODEL = 10;
    private static final double ROUNDING = 1e-9;

    /** The dimensions, network replicates and kernel replicates of a scale. */
    private record Sizes(int[] dims, int replicates, int kernelReplicates) {
        static Sizes of(Scale scale) {
            return scale == Scale.QUICK ? new Sizes(new int[] {12, 24, 48, 96}, 6, 1)
                    : new Sizes(new int[] {12, 24, 48, 96, 192}, 10, 2);
        }
    }

    /** The plateau {@code E₄}, the untrained level {@code E₂ + E₄} and {@code ε = E₄/2}, relative to {@code E f*²}. */
    private record Levels(double e4, double untrained, double eps) {
        static Levels of(HermitePolynomial g) {
            double e4 = g.energyByDegree()[4] / g.secondMoment();
            return new Levels(e4, g.withoutDegreesBelow(2).secondMoment() / g.secondMoment(), e4 / 2);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "On single-h4 (degree 4, non-degenerate H) the samples n*(ε) the one-step network needs for error"
                + " ε = E₄/2 grow like d², while ReLU-NTK kernel ridge and random features given the same n stay on"
                + " the plateau E₄";
    }

    /** What a cell computes. */
    enum Kind { CURVE, KERNEL, CONTROL }

    /** A network curve (d, replicate), the kernels on replicate k at {@code d_K}, or the control at the largest d. */
    record Run(Kind kind, int d, int replicate) implements Cell {
        @Override
        public String key() {
            return switch (kind) {
                case CURVE -> "d" + d + "-r" + replicate;
                case KERNEL -> "kernel-r" + replicate;
                case CONTROL -> "control";
            };
        }

        /**
         * Multiply-adds: {@code Σ n·d·m} over the whole grid (a curve), {@code 8n³/3 + n·d·10⁴} of the NTK's
         * factorizations and test at {@code n = 10d²} (the kernels), {@code n·d·m} at {@code n = 64d²} (the control).
         */
        @Override
        public double work() {
            double n = kind == Kind.KERNEL ? KERNEL_RATIO_MODEL * d * d : TOP_RATIO * d * d;
            return switch (kind) {
                case CURVE -> Grids.work(RATIOS, (double) d * d, (double) d * WIDTH);
                case KERNEL -> 8 * n * n * n / 3 + n * d * TestErrors.MIN_SAMPLES;
                case CONTROL -> n * d * WIDTH;
            };
        }

        /** The NTK's kernel matrix and factor {@code 16n²} (kernels), else weights, a data block, validation features. */
        @Override
        public long memoryBytes() {
            long n = Math.round(KERNEL_RATIO_MODEL * d * d);
            return kind == Kind.KERNEL ? 16L * n * n : 8L * (2L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d
                    + Conventions.VALIDATION_SAMPLES * WIDTH + (long) WIDTH * WIDTH);
        }
    }

    /** A cell's result. */
    sealed interface Outcome extends java.io.Serializable permits Curve, KernelFit, ControlError {
    }

    /** A replicate's points (n, exact relative error, alignment) up to its crossing or the grid's end. */
    record Curve(List<SizePoint> points) implements Outcome {
    }

    /** At {@code n_K} (0 if not run): the NTK's test error, its SE and λ, the random features' exact error. */
    record KernelFit(long n, double ntkError, double ntkStandardError, double lambda, double randomFeaturesError)
            implements Outcome {
    }

    /** The best-head error on the first step without weight decay. */
    record ControlError(double error) implements Outcome {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int d : sizes.dims()) {
            for (int s = 0; s < sizes.replicates(); s++) {
                cells.add(new Run(Kind.CURVE, d, s));
            }
        }
        for (int k = 0; k < sizes.kernelReplicates(); k++) {
            cells.add(new Run(Kind.KERNEL, KERNEL_DIMENSION, k));
        }
        cells.add(new Run(Kind.CONTROL, sizes.dims()[sizes.dims().length - 1], 0));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        int d = cell.d();
        return switch (cell.kind()) {
            case CURVE -> new Curve(walk(g, d, cell.replicate(), ctx));
            case KERNEL -> kernelFit(g, cell.replicate(), ctx);
            case CONTROL -> {
                Problem problem = replicateProblem(g, d, ctx.seedsFor(ID).child(1000L * d)).withN(Math.round(TOP_RATIO * d * d));
                TwoLayerNetwork noDecay = Controls.firstStepWithoutWeightDecay(OneStepConfig.defaults(WIDTH,
                        ctx.threads()), problem);
                yield new ControlError(BestHead.of(noDecay.weights(), noDecay.biases(), problem.target(), true)
                        .relative());
            }
        };
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int[] dims = sizes.dims();
        int replicates = sizes.replicates();
        int dLast = dims[dims.length - 1];
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        Levels lv = Levels.of(g);
        double eps = lv.eps();
        Network net = network(results, sizes, eps);
        double allowance = Exponents.logFactorAllowance(dims[0], dLast);
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(net.d(), net.nStar());
        boolean exponentOk = fit != null && fit.agrees(PREDICTED_EXPONENT, allowance);
        Kernels kern = kernels(results, sizes, lv, net.nStar());
        double controlError = ((ControlError) results.get(results.size() - 1)).error();
        double[] ratioMeans = ratioMeans(net.nStar(), dims);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("energy_by_degree", g.energyByDegree());
        details.put("width", WIDTH);
        details.put("epsilon", eps);
        details.put("d", dims);
        details.put("replicates", replicates);
        details.put("n_over_d2", RATIOS);
        details.put("mean_population_error", net.meanErrors());
        details.put("n_star", net.nStar());
        details.put("n_star_over_d2_geometric_mean", ratioMeans);
        Exponents.putExponent(details, fit);
        details.put("log_factor_allowance", allowance);
        details.putAll(kern.details());
        details.put("no_weight_decay_best_head_error", controlError);
        Tolerance exponentTolerance = Exponents.tolerance(fit, replicates, allowance, "log-factor");
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(PREDICTED_EXPONENT, "n*(ε = " + Format.fmt(eps) + ") ∝ d^"
                        + Format.fmt(PREDICTED_EXPONENT) + "; at n*: ReLU-NTK KRR and random features >= E₄ = "
                        + Format.fmt(lv.e4()) + " > ε"))
                .measured(Exponents.measurement(fit, replicates, measuredText(fit, replicates, ratioMeans, dims, eps,
                        kern)))
                .tolerance(Tolerance.of(exponentTolerance.value(), "exponent: " + exponentTolerance.derivation()
                        + "; kernels: " + Format.fmt(kern.z()) + " SE; random features: rounding " + ROUNDING))
                .rationale("Each replicate (own U, initialization, samples) gives its own crossing n*(d) of the exact"
                        + " error and its own exponent; the SE is their spread (Student t, " + (replicates - 1)
                        + " df), plus the shift log(log " + dLast + "/log " + dims[0] + ")/log(" + dLast + "/"
                        + dims[0] + ") = " + Format.fmt(allowance) + " a log d factor makes. ε = E₄/2 cannot be reached"
                        + " without learning more than half of the degree-4 energy. The kernels get the 95 % upper"
                        + " confidence bound of the network's geometric-mean n* at d = " + KERNEL_DIMENSION
                        + " (n ≪ d⁴ there); their test error uses the degree > 2 part of f* as a control variate of"
                        + " exact mean E₄, z is the Bonferroni threshold over " + 2 * sizes.kernelReplicates()
                        + " sides; random-feature errors are exact.")
                .holds(exponentOk && kern.failures().isEmpty())
                .control("first step without weight decay (W⁰ kept), population-optimal head, n = "
                        + Format.fmt(TOP_RATIO) + "d², d = " + dLast, controlError > eps, Measurement.exact(controlError,
                                "best-head error " + Format.fmt(controlError) + ": ε = " + Format.fmt(eps)
                                        + (controlError > eps ? " not reached" : " reached")))
                .details(details)
                .sweeps(List.of(net.sweep(), net.table(), kern.sweep()))
                .plots(plots(net, kern, lv, fit, sizes))
                .build();
    }

    /** Mean error curves against n/d² with the kernels' points and the levels, and the exponent's figure. */
    private static List<PlotSpec> plots(Network net, Kernels kern, Levels lv, Exponents.SeedSlope fit, Sizes sizes) {
        List<PlotSpec.Series> series = new ArrayList<>(net.series());
        if (kern.ntk().length > 0) {
            double[] at = new double[kern.ntk().length];
            Arrays.fill(at, kern.ratio());
            series.add(new PlotSpec.Series("ReLU-NTK KRR d = " + KERNEL_DIMENSION, at, kern.ntk(),
                    PlotSpec.Style.POINTS));
            series.add(new PlotSpec.Series("random features d = " + KERNEL_DIMENSION, at.clone(), kern.rf(),
                    PlotSpec.Style.POINTS));
        }
        double[] ends = {RATIOS[0], TOP_RATIO};
        series.add(new PlotSpec.Series("ε = E₄/2", ends, new double[] {lv.eps(), lv.eps()}, PlotSpec.Style.DASHED));
        series.add(new PlotSpec.Series("plateau E₄", ends.clone(), new double[] {lv.e4(), lv.e4()},
                PlotSpec.Style.DASHED));
        List<PlotSpec> plots = new ArrayList<>();
        plots.add(new PlotSpec(ID, "Exact error vs n/d² (" + TARGET + ", m = " + WIDTH + "), kernels at the network's"
                + " n*", "n/d²", "relative error (network: exact, mean over " + sizes.replicates() + " replicates)",
                true, false, series, List.of()));
        if (fit != null) {
            plots.add(ExponentPlot.of(ID + "-exponent", "n*(d): samples to reach exact error " + Format.fmt(lv.eps())
                    + " (" + TARGET + ", m = " + WIDTH + ")", "d", sizes.dims(), net.nStar(), fit, PREDICTED_EXPONENT,
                    "d"));
        }
        return plots;
    }

    /** The measured text: the exponent, the kernels' errors at {@code n_K} and any failure. */
    private static String measuredText(Exponents.SeedSlope fit, int replicates, double[] ratioMeans, int[] dims,
            double eps, Kernels kern) {
        String kernelText = kern.ntk().length == 0 ? "kernels not run"
                : "at d = " + KERNEL_DIMENSION + ", n = " + kern.n() + " = " + Format.fmt(kern.ratio())
                        + "d² (95 % upper bound of the network's geometric-mean n* there): ReLU-NTK KRR "
                        + pairs(kern.ntk(), kern.ntkSe()) + ", random features "
                        + Arrays.stream(kern.rf()).mapToObj(Format::fmt).toList() + " (exact)";
        return (fit != null ? "n* ∝ d^" + Format.fmt(fit.slope()) + " (SE " + Format.fmt(fit.standardError()) + " over "
                + replicates + " replicates; per replicate " + Arrays.toString(Format.round2(fit.perSeed()))
                + "; n*/d² (geometric mean) " + Arrays.toString(Format.round2(ratioMeans)) + " at d = "
                + Arrays.toString(dims) + ")"
                : "ε = " + Format.fmt(eps) + " not reached by n = " + Format.fmt(TOP_RATIO) + "d² in some replicate")
                + "; " + kernelText + (kern.failures().isEmpty() ? "" : "; FAILED: " + String.join(", ", kern.failures()));
    }

    /** What kernel replicate k fails of the plateau, separation and baseline checks, in words. */
    private static List<String> failures(int k, double ntk, double se, double rf, double z, Levels lv) {
        List<String> failures = new ArrayList<>();
        if (ntk + z * se < lv.e4()) {
            failures.add("NTK replicate " + k + " below the plateau E₄");
        }
        if (!(ntk - z * se > lv.eps())) {
            failures.add("NTK replicate " + k + " not above ε");
        }
        if (!(ntk - z * se < lv.untrained())) {
            failures.add("NTK replicate " + k + " not below the untrained level: a failure of the baseline");
        }
        if (rf < lv.e4() - ROUNDING || !(rf < lv.untrained())) {
            failures.add("random features replicate " + k + " off the plateau [E₄, E₂ + E₄)");
        }
        return failures;
    }

    /** Geometric mean over replicates of {@code n*_s(d)/d²}, per d. */
    private static double[] ratioMeans(double[][] nStar, int[] dims) {
        double[] geo = Exponents.geometricMeans(nStar, 1);
        for (int i = 0; i < dims.length; i++) {
            geo[i] /= (double) dims[i] * dims[i];
        }
        return geo;
    }

    /** {@code [v₀ ± se₀, …]} for report text. */
    private static String pairs(double[] v, double[] se) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Format.fmt(v[i])).append(" ± ").append(Format.fmt(se[i]));
        }
        return sb.append(']').toString();
    }

    /** Replicate s's exact error curve at d, walked up the grid until it is at most ε. */
    private static List<SizePoint> walk(HermitePolynomial g, int d, int s, RunContext ctx) {
        OneStepLearner learner = new OneStepLearner(OneStepConfig.defaults(WIDTH, ctx.threads()));
        Problem base = replicateProblem(g, d, ctx.seedsFor(ID).child(1000L * d + s));
        return GridWalk.walk(RATIOS.length, 1, Levels.of(g).eps(), i -> {
            Problem problem = base.withN(Math.round(RATIOS[i] * d * d));
            FitResult fit = learner.fit(problem);
            return new SizePoint(problem.n(), ((NetworkPredictor) fit.predictor()).populationError(problem.target())
                    .relative(), Alignment.energyFraction(fit.firstLayer(), problem.target().frame()));
        });
    }

    /** The kernels on replicate k's problem at {@code d_K}, given {@link #kernelN} of the network's crossings there. */
    private static KernelFit kernelFit(HermitePolynomial g, int k, RunContext ctx) {
        double[] crossings = new double[Sizes.of(ctx.scale()).replicates()];
        for (int s = 0; s < crossings.length; s++) {
            crossings[s] = GridWalk.bracketedCrossing(walk(g, KERNEL_DIMENSION, s, ctx), Levels.of(g).eps());
        }
        long nK = kernelN(crossings);
        if (nK == 0) {
            return new KernelFit(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Problem problem = replicateProblem(g, KERNEL_DIMENSION, ctx.seedsFor(ID).child(1000L * KERNEL_DIMENSION + k))
                .withN(nK);
        FitResult ntk = new NtkKrrLearner(NtkKrrConfig.defaults(ctx.threads())).fit(problem);
        TestErrors test = TestErrors.evaluate(ntk.predictor(), problem.test(TestErrors.MIN_SAMPLES),
                problem.target().withLink(g.withoutDegreesBelow(3)), ctx.threads());
        double rf = Experiment.run(Experiment.Method.RANDOM_FEATURES, problem,
                new Experiment.Settings(WIDTH, TestErrors.MIN_SAMPLES, ctx.threads())).populationError();
        return new KernelFit(nK, test.relativeError(), test.relativeErrorStandardError(), ntk.lambda(), rf);
    }

    /**
     * {@code n_K = ⌈exp(L + t_{0.975,R−1}·SE_L)⌉} of the crossings {@code n*_s(d_K)} ({@code L} the mean of their logs),
     * or 0 when some replicate has no bracketed crossing (the kernels are then not run).
     */
    private static long kernelN(double[] crossings) {
        boolean bracketed = true;
        double[] logs = new double[crossings.length];
        for (int s = 0; s < crossings.length; s++) {
            bracketed &= !Double.isNaN(crossings[s]);
            logs[s] = Math.log(crossings[s]);
        }
        double[] logMean = Intervals.meanAndStandardError(logs);
        return bracketed ? (long) Math.ceil(Math.exp(logMean[0] + Intervals.studentCritical(crossings.length - 1)
                * logMean[1])) : 0;
    }

    /** The noiseless problem of one replicate at dimension d (training size set by {@link Problem#withN}). */
    private static Problem replicateProblem(HermitePolynomial g, int d, Seeds sd) {
        return new Problem(Target.random(g, d, sd.rng(Stream.FRAME)), 0.0, 1, Conventions.VALIDATION_SAMPLES, sd);
    }
    /** The network's curves gathered: crossings per (replicate, d), tables, mean errors and their series. */
    private record Network(double[][] d, double[][] nStar, Sweep sweep, Sweep table, Map<String, Object> meanErrors,
            List<PlotSpec.Series> series) {
    }

    private static Network network(List<Outcome> results, Sizes sizes, double eps) {
        int[] dims = sizes.dims();
        int replicates = sizes.replicates();
        Sweep.Builder sweep = Sweep.table(ID, "d", "replicate", "n", "n_over_d2", "population_error", "alignment");
        Sweep.Builder table = Sweep.table(ID + "-crossings", "d", "replicate", "n_star", "n_star_over_d2");
        double[][] x = new double[replicates][dims.length];
        double[][] nStar = new double[replicates][dims.length];
        List<PlotSpec.Series> series = new ArrayList<>();
        Map<String, Object> meanErrors = new LinkedHashMap<>();
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            List<List<SizePoint>> curves = new ArrayList<>();
            int common = RATIOS.length;
            for (int s = 0; s < replicates; s++) {
                List<SizePoint> points = ((Curve) results.get(di * replicates + s)).points();
                for (int i = 0; i < points.size(); i++) {
                    sweep.row(d, s, points.get(i).n(), RATIOS[i], points.get(i).error(), points.get(i).alignment());
                }
                curves.add(points);
                common = Math.min(common, points.size());
                x[s][di] = d;
                nStar[s][di] = GridWalk.bracketedCrossing(points, eps);
                table.row(d, s, nStar[s][di], nStar[s][di] / ((double) d * d));
            }
            double[] mean = new double[common];
            for (List<SizePoint> curve : curves) {
                for (int i = 0; i < common; i++) {
                    mean[i] += curve.get(i).error() / replicates;
                }
            }
            meanErrors.put("d" + d, mean);
            series.add(new PlotSpec.Series("one-step d = " + d, Arrays.copyOf(RATIOS, common), mean,
                    PlotSpec.Style.LINE_POINTS));
        }
        return new Network(x, nStar, sweep.build(), table.build(), meanErrors, series);
    }

    /** The kernel cells judged: {@code n_K}, z, the errors, the failures found, the table and their details. */
    private record Kernels(long n, double z, double[] ntk, double[] ntkSe, double[] rf, List<String> failures,
            Sweep sweep, Map<String, Object> details) {
        double ratio() {
            return n / ((double) KERNEL_DIMENSION * KERNEL_DIMENSION);
        }
    }

    private static Kernels kernels(List<Outcome> results, Sizes sizes, Levels lv, double[][] nStar) {
        int kernelIndex = Arrays.binarySearch(sizes.dims(), KERNEL_DIMENSION);
        double[] atKernel = new double[sizes.replicates()];
        for (int s = 0; s < atKernel.length; s++) {
            atKernel[s] = nStar[s][kernelIndex];
        }
        long nK = kernelN(atKernel);
        double ratio = nK / ((double) KERNEL_DIMENSION * KERNEL_DIMENSION);
        double z = Intervals.bonferroniThreshold(1 - Coverage.COVERAGE, 2 * sizes.kernelReplicates());
        List<String> failures = new ArrayList<>();
        if (nK == 0) {
            failures.add("the network did not reach ε on the grid at d = " + KERNEL_DIMENSION
                    + " in every replicate: kernels not run");
        }
        int run = nK == 0 ? 0 : sizes.kernelReplicates();
        double[][] v = new double[4][run];
        Sweep.Builder sweep = Sweep.table(ID + "-kernels", "method", "d", "replicate", "n", "n_over_d2", "error",
                "standard_error", "error_kind", "lambda");
        Map<String, Object> cells = new LinkedHashMap<>();
        for (int k = 0; k < run; k++) {
            KernelFit fit = (KernelFit) results.get(sizes.dims().length * sizes.replicates() + k);
            if (fit.n() != nK) {
                throw new IllegalStateException("kernel cell " + k + " ran at n = " + fit.n() + ", the curves give n_K = "
                        + nK + ": the cells' walks at d = " + KERNEL_DIMENSION + " disagree");
            }
            double ntk = fit.ntkError();
            double se = fit.ntkStandardError();
            double rf = fit.randomFeaturesError();
            v[0][k] = ntk;
            v[1][k] = se;
            v[2][k] = rf;
            sweep.row("ntk-krr", KERNEL_DIMENSION, k, nK, ratio, ntk, se, "test set, control variate", fit.lambda());
            sweep.row("random-features", KERNEL_DIMENSION, k, nK, ratio, rf, 0, "exact", "");
            failures.addAll(failures(k, ntk, se, rf, z, lv));
            Map<String, Object> cell = new LinkedHashMap<>();
            cell.put("ntk_error", ntk);
            cell.put("ntk_standard_error", se);
            cell.put("ntk_lambda", fit.lambda());
            cell.put("random_features_error", rf);
            cells.put("replicate" + k, cell);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kernel_d", KERNEL_DIMENSION);
        details.put("kernel_n", nK);
        details.put("kernel_n_over_d2", ratio);
        details.put("plateau", lv.e4());
        details.put("untrained_level", lv.untrained());
        details.put("z", z);
        details.put("kernel_cells", cells);
        details.put("failures", failures);
        return new Kernels(nK, z, v[0], v[1], v[2], failures, sweep.build(), details);
    }
}
