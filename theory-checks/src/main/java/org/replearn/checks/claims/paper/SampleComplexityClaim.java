package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Grids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * Claim 7 (docs/math.md §6 "Sample complexity"): at fixed {@code r, p} the one-step network reaches a small test error at
 * {@code n ≍ d²}. Target {@code single-h2} (r = 1, p = 2), m = 128, noiseless labels.
 *
 * <p>Statistic. For each of {@code R} independent replicates (own frame {@code U}, initialization and samples) and
 * each d, the exact population relative error ({@link org.replearn.core.theory.PopulationError}: no test-set noise) on
 * the quarter-octave grid {@code n/d² = 2^{k/4}} from 1/4 to 4 (continued up to 8 until the replicate crosses), and
 * that replicate's own {@code n*(d)}: the first n where its error drops to {@code ε = 0.1} (log-log interpolation
 * between the bracketing grid points). The exponent of {@code n* ∝ d^γ} is fitted per replicate (least squares of
 * {@code log n*} on {@code log d}) and averaged ({@link Fits#seedSlope}): replicates are independent, so the spread of
 * their exponents gives the standard error, and the verdict cannot hinge on one lucky frame.
 *
 * <p>Prediction {@code γ = 2}; tolerance {@code t_{0.975,R−1}·SE + δ}, where {@code δ = log(log d_max/log d_min) /
 * log(d_max/d_min)} is the shift a factor {@code log d} in {@code n*} makes on an exponent fitted over
 * {@code [d_min, d_max]}: the paper's rate holds up to logarithmic factors (0.33 over 8…64, 0.31 over 8…128). It is
 * taken two-sided because the lower-order term {@code d·r^p} of {@code n ≍ d²r + d r^p} bends the fit the other way.
 * Earlier versions judged the exponent of seed-averaged errors from 2 replicates against a fixed ±0.4, which flipped
 * with the master seed; this version changes the statistic (per-replicate crossings, 8 replicates at quick scale and
 * 16 at full, d up to 64 and 128) and derives the tolerance from the data. Measured exponents lie between 1.8 and 2.0,
 * at full scale several SE below 2: there the allowance, not the SE, carries the verdict. Negative control: the same
 * head on a frozen random first layer must stay above ε at {@code n = 8d²}, largest d.
 *
 * <p>Cells ({@link Claim}): one per (d, replicate), its error curve, plus the control; the reduction fits the
 * crossings. Paper scale ({@code replearn sweep --scale paper}): d = 8…256, 16 replicates, where the log-factor
 * allowance is 0.28 and the lower-order term {@code d·r^p} weighs a quarter as much at the top as at d = 64.
 */
public final class SampleComplexityClaim
        implements Claim<SampleComplexityClaim.Run, SampleComplexityClaim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity";
    private static final String TARGET = "single-h2";
    private static final int WIDTH = 128;
    private static final double EPSILON = 0.1;
    private static final double PREDICTED_EXPONENT = 2;
    /** Grid points per octave of n. */
    private static final int PER_OCTAVE = 4;
    /** The grid spans {@code n/d² ∈ [1/4, 8]}; every replicate runs up to {@code COMMON_MAX}, beyond only until it crosses. */
    private static final double MIN_RATIO = 0.25;
    private static final double COMMON_MAX = 4;
    private static final double MAX_RATIO = 8;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The number of samples at which the one-step network first reaches test error ε = 0.1 grows like d²";
    }

    /** The dimensions of the sweep at {@code scale}. */
    private static int[] dims(Scale scale) {
        return scale.pick(new int[] {8, 16, 32, 64}, new int[] {8, 16, 32, 64, 128},
                new int[] {8, 16, 32, 64, 128, 256});
    }

    private static int replicates(Scale scale) {
        return scale.pick(8, 16, 16);
    }

    /**
     * One replicate's error curve at one d ({@code replicate >= 0}), or the negative control at the largest d
     * ({@link #CONTROL}).
     */
    record Run(int d, int replicate) implements Cell {
        @Override
        public String key() {
            return replicate == CONTROL ? "control" : "d" + d + "-r" + replicate;
        }

        /** Multiply-adds of the first steps, {@code Σ n·d·m} over the grid up to {@code MAX_RATIO d²}. */
        @Override
        public double work() {
            double sum = 0;
            for (double ratio : Grids.octaveGrid(MIN_RATIO, MAX_RATIO, PER_OCTAVE)) {
                sum += Math.round(ratio * d * d) * (double) d * WIDTH;
            }
            return replicate == CONTROL ? MAX_RATIO * d * d * (double) d * WIDTH : sum;
        }

        /** Weights, one data block per thread and the validation features: {@code 8(2md + 1024d + 4096m)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (2L * WIDTH * d + 1024L * d + Conventions.VALIDATION_SAMPLES * WIDTH);
        }
    }

    /** The replicate index of the negative control's cell. */
    private static final int CONTROL = -1;

    /** A cell's result: a replicate's curve, or the control's exact error. */
    sealed interface Outcome extends java.io.Serializable permits Curve, ControlError {
    }

    /** Grid sizes, exact relative errors and alignments of one replicate, up to its crossing (or the grid's end). */
    record Curve(long[] n, double[] error, double[] alignment) implements Outcome {
    }

    /** The exact error of the random-features control. */
    record ControlError(double error) implements Outcome {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        int[] dims = dims(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int d : dims) {
            for (int s = 0; s < replicates(ctx.scale()); s++) {
                cells.add(new Run(d, s));
            }
        }
        cells.add(new Run(dims[dims.length - 1], CONTROL));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        int d = cell.d();
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        if (cell.replicate() == CONTROL) {
            // negative control: the same head on a frozen random first layer, at the largest d and the top of the grid
            Seeds sdLast = ctx.seedsFor(ID).child(1000L * d);
            Problem controlProblem = new Problem(Target.random(g, d, sdLast.rng(Stream.FRAME)), 0.0,
                    Math.round(MAX_RATIO * d * d), Conventions.VALIDATION_SAMPLES, sdLast);
            return new ControlError(Experiment.run(Experiment.Method.RANDOM_FEATURES, controlProblem,
                    new Experiment.Settings(WIDTH, TestErrors.MIN_SAMPLES, ctx.threads())).populationError());
        }
        double[] ratios = Grids.octaveGrid(MIN_RATIO, MAX_RATIO, PER_OCTAVE);
        int common = common(ratios);
        OneStepLearner learner = new OneStepLearner(OneStepConfig.defaults(WIDTH, ctx.threads()));
        Seeds sd = ctx.seedsFor(ID).child(1000L * d + cell.replicate());
        Problem base = new Problem(Target.random(g, d, sd.rng(Stream.FRAME)), 0.0, 1, Conventions.VALIDATION_SAMPLES, sd);
        long[] ns = new long[ratios.length];
        double[] errors = new double[ratios.length];
        double[] alignments = new double[ratios.length];
        int points = 0;
        while (points < ratios.length && (points < common || errors[points - 1] > EPSILON)) {
            long n = Math.round(ratios[points] * d * d);
            Problem problem = base.withN(n);
            FitResult fit = learner.fit(problem);
            NetworkPredictor net = (NetworkPredictor) fit.predictor();
            ns[points] = n;
            errors[points] = net.populationError(problem.target()).relative();
            alignments[points] = Alignment.energyFraction(fit.firstLayer(), problem.target().frame());
            points++;
        }
        return new Curve(Arrays.copyOf(ns, points), Arrays.copyOf(errors, points), Arrays.copyOf(alignments, points));
    }

    /** The number of grid points every replicate runs ({@code n/d² <= COMMON_MAX}). */
    private static int common(double[] ratios) {
        int common = 0;
        while (common < ratios.length && ratios[common] <= COMMON_MAX * (1 + 1e-12)) {
            common++;
        }
        return common;
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        int[] dims = dims(ctx.scale());
        int replicates = replicates(ctx.scale());
        double[] ratios = Grids.octaveGrid(MIN_RATIO, MAX_RATIO, PER_OCTAVE);
        int common = common(ratios);
        Sweep.Builder sweep = Sweep.table("sample-complexity", "d", "replicate", "n", "n_over_d2", "population_error",
                "alignment");
        Sweep.Builder crossings = Sweep.table("sample-complexity-crossings", "d", "replicate", "n_star",
                "n_star_over_d2");
        double[][] x = new double[replicates][dims.length];
        double[][] nStar = new double[replicates][dims.length];
        List<PlotSpec.Series> series = new ArrayList<>();
        Map<String, Object> meanErrors = new LinkedHashMap<>();
        boolean reached = true;
        int next = 0;
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            double[] commonN = new double[common];
            double[] mean = new double[common];
            for (int s = 0; s < replicates; s++) {
                Curve curve = (Curve) results.get(next++);
                int points = curve.n().length;
                double[] ns = new double[points];
                for (int i = 0; i < points; i++) {
                    ns[i] = curve.n()[i];
                    sweep.row(d, s, curve.n()[i], ratios[i], curve.error()[i], curve.alignment()[i]);
                }
                for (int i = 0; i < common; i++) {
                    commonN[i] = ns[i];
                    mean[i] += curve.error()[i] / replicates;
                }
                x[s][di] = d;
                nStar[s][di] = Grids.firstCrossing(ns, curve.error(), EPSILON);
                reached &= !Double.isNaN(nStar[s][di]);
                crossings.row(d, s, nStar[s][di], nStar[s][di] / ((double) d * d));
            }
            meanErrors.put("d" + d, mean);
            series.add(new PlotSpec.Series("one-step d = " + d, commonN, mean, PlotSpec.Style.LINE_POINTS));
        }
        double allowance = logFactorAllowance(dims[0], dims[dims.length - 1]);
        Exponents.SeedSlope fit = reached ? Exponents.seedSlope(x, nStar) : null;
        double gamma = fit == null ? Double.NaN : fit.slope();
        boolean holds = reached && fit.agrees(PREDICTED_EXPONENT, allowance);
        int dLast = dims[dims.length - 1];
        double randomError = ((ControlError) results.get(next)).error();

        List<PlotSpec> plots = new ArrayList<>();
        double lo = Math.round(MIN_RATIO * dims[0] * dims[0]);
        double hi = Math.round(COMMON_MAX * dLast * dLast);
        series.add(new PlotSpec.Series("ε = " + EPSILON, new double[] {lo, hi}, new double[] {EPSILON, EPSILON},
                PlotSpec.Style.DASHED));
        plots.add(new PlotSpec("sample-complexity", "One-step exact error vs n (" + TARGET + ", m = " + WIDTH + ")",
                "n (samples)", "exact relative error (mean over " + replicates + " replicates)", true, true, series,
                List.of()));
        if (reached) {
            plots.add(exponentPlot(dims, nStar, fit));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("width", WIDTH);
        details.put("epsilon", EPSILON);
        details.put("d", dims);
        details.put("replicates", replicates);
        details.put("n_over_d2", ratios);
        details.put("mean_population_error", meanErrors);
        details.put("n_star", nStar);
        Exponents.putExponent(details, fit);
        details.put("log_factor_allowance", allowance);
        details.put("random_features_error", randomError);
        String tolerance = Exponents.exponentTolerance(fit, replicates, allowance, "log-factor");
        return ClaimResult.builder(ID, statement())
                .predicted("n* ∝ d^" + Format.fmt(PREDICTED_EXPONENT))
                .measured(reached ? "n* ∝ d^" + Format.fmt(gamma) + " (SE " + Format.fmt(fit.standardError()) + " over "
                        + replicates + " replicates; per-replicate exponents "
                        + Arrays.toString(Format.round2(fit.perSeed()))
                        + ")" : "test error ε = " + EPSILON + " not reached within n = " + Format.fmt(MAX_RATIO)
                                + "d² by some replicate")
                .tolerance(tolerance)
                .rationale("Each replicate (own U, initialization, samples) gives its own crossing n*(d) and exponent, so"
                        + " the standard error is the spread of " + replicates + " independent exponents (Student t, "
                        + (replicates - 1) + " df). The rate n ≍ d² holds up to log factors: a factor log d over d in ["
                        + dims[0] + ", " + dLast + "] shifts a fitted exponent by log(log " + dLast + "/log " + dims[0]
                        + ")/log(" + dLast + "/" + dims[0] + ") = " + Format.fmt(allowance) + ", added to the interval.")
                .holds(holds)
                .control("frozen random first layer in place of the stepped one (random features, same head)",
                        randomError > EPSILON, "exact error " + Format.fmt(randomError) + " at n = "
                                + Format.fmt(MAX_RATIO) + "d², d = " + dLast + ": ε = " + EPSILON
                                + (randomError > EPSILON ? " not reached" : " reached"))
                .details(details)
                .sweeps(List.of(sweep.build(), crossings.build()))
                .plots(plots)
                .build();
    }

    /**
     * The exponent shift {@code log(log dMax/log dMin)/log(dMax/dMin)} a factor {@code log d} in {@code n*} makes on a
     * power law fitted over {@code [dMin, dMax]}.
     */
    static double logFactorAllowance(int dMin, int dMax) {
        return Math.log(Math.log(dMax) / Math.log(dMin)) / Math.log((double) dMax / dMin);
    }

    /** Per-replicate n* against d, with the geometric mean per d, the fitted {@code d^γ} and the predicted {@code d²}. */
    private static PlotSpec exponentPlot(int[] dims, double[][] nStar, Exponents.SeedSlope fit) {
        int replicates = nStar.length;
        double[] dArr = new double[dims.length];
        double[] geo = new double[dims.length];
        double[] allD = new double[replicates * dims.length];
        double[] allN = new double[replicates * dims.length];
        double offset = 0;
        for (int i = 0; i < dims.length; i++) {
            dArr[i] = dims[i];
            double logMean = 0;
            for (int s = 0; s < replicates; s++) {
                allD[i * replicates + s] = dims[i];
                allN[i * replicates + s] = nStar[s][i];
                logMean += Math.log(nStar[s][i]) / replicates;
            }
            geo[i] = Math.exp(logMean);
            offset += (logMean - fit.slope() * Math.log(dims[i])) / dims.length;
        }
        double[] fitted = new double[dims.length];
        double[] quadratic = new double[dims.length];
        for (int i = 0; i < dims.length; i++) {
            fitted[i] = Math.exp(offset + fit.slope() * Math.log(dims[i]));
            quadratic[i] = geo[0] * Math.pow(dArr[i] / dArr[0], 2);
        }
        return new PlotSpec("sample-complexity-exponent", "n*(d): samples to reach exact error " + EPSILON, "d", "n*",
                true, true, List.of(new PlotSpec.Series("n* per replicate", allD, allN, PlotSpec.Style.POINTS),
                        new PlotSpec.Series("geometric mean n*", dArr, geo, PlotSpec.Style.LINE_POINTS),
                        new PlotSpec.Series("fit d^" + Format.fmt(fit.slope()) + " ± " + Format.fmt(fit.halfWidth()), dArr,
                                fitted, PlotSpec.Style.DASHED),
                        new PlotSpec.Series("d² (predicted)", dArr, quadratic, PlotSpec.Style.DASHED)),
                List.of());
    }

}
