package org.replearn.checks.claims.paper;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
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
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.ExponentPlot;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.LevelLine;
import org.replearn.checks.claims.stats.UpperExponent;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * Claim 7 (docs/math.md §6 "Sample complexity"): at fixed {@code r, p} the one-step network reaches a small test error
 * at {@code n ≍ d²}. Target {@code single-h2} (r = 1, p = 2), m = 128, noiseless labels.
 *
 * <p>Cells: one per (d, replicate s), with its own frame {@code U}, initialization and samples
 * ({@code seedsFor(ID).child(1000·d + s)}): the exact population relative error on the quarter-octave grid
 * {@code n/d² = 2^{k/4}} from 1/4 to 4, continued up to 8 until the replicate crosses {@code ε = 0.1}
 * ({@link GridWalk}); plus the negative control. Statistic: each replicate's crossing {@code n*(d)} (log-log
 * interpolation) and the exponent of {@code n* ∝ d^γ} fitted per replicate and averaged ({@link Exponents#seedSlope}).
 *
 * <p>Checks. (a) The rate is sufficient, an upper bound up to logarithmic factors: {@code γ − t_{0.975,R−1}·SE − δ
 * <= 2} ({@link UpperExponent}), {@code δ} = {@link Exponents#logFactorAllowance} over {@code [d_min, d_max]}; a
 * crossing at the first grid point, or none, is no measurement and fails. (b) The level ({@link AlignmentLevel}): at
 * {@code n = 2d²} the learner's first layer is no farther from span(U) than the first-order prediction. Control: the
 * same head on a frozen random first layer must stay above ε at {@code n = 8d²}, largest d.
 */
public final class SampleComplexityClaim
        implements Claim<SampleComplexityClaim.Run, SampleComplexityClaim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity";
    private static final String TARGET = "single-h2";
    private static final int WIDTH = 128;
    private static final double EPSILON = 0.1;
    private static final double PREDICTED_EXPONENT = 2;
    /** The grid {@code n/d² = 2^{k/4}} from 1/4 to 8. */
    private static final double[] RATIOS = Grids.octaveGrid(0.25, 8, 4);
    private static final double MAX_RATIO = RATIOS[RATIOS.length - 1];
    /** Every replicate runs the grid up to {@code n/d² = 4}, beyond only until it crosses. */
    private static final double COMMON_MAX = 4;
    private static final int COMMON = Grids.pointsUpTo(RATIOS, COMMON_MAX);
    /** The grid point {@code n/d²} of the level, and its index on the grid (inside the common prefix). */
    private static final double LEVEL_RATIO = 2;
    private static final int LEVEL_INDEX = Grids.pointsUpTo(RATIOS, LEVEL_RATIO) - 1;
    /** The replicate index of the negative control's cell. */
    private static final int CONTROL = -1;

    /** The dimensions and replicates of a scale. */
    private record Sizes(int[] dims, int replicates) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(new int[] {8, 16, 32, 64}, new int[] {8, 16, 32, 64, 128},
                    new int[] {8, 16, 32, 64, 128, 256}, new int[] {8, 16, 32, 64, 128, 256, 512, 1024}),
                    s.pick(8, 16, 16, 16));
        }

        int dMax() {
            return dims[dims.length - 1];
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The number of samples at which the one-step network first reaches test error ε = 0.1 grows at most like"
                + " d² (up to log factors), and its first layer is as close to span(U) at n = 2d² as the first-order"
                + " prediction";
    }

    /**
     * The claim's details.
     *
     * @param target              the link's spec
     * @param width               m
     * @param epsilon             the error level ε whose crossing n* is fitted
     * @param d                   the dimensions
     * @param replicates          replicates per d
     * @param nOverD2             the grid of {@code n/d²}
     * @param meanPopulationError mean exact error over the replicates per d ({@code "d<d>"}), on the common grid
     * @param nStar               each replicate's crossing {@code n*[s][i]} at {@code d[i]}
     * @param exponent            the fitted exponent of {@code n* ∝ d^γ}
     * @param logFactorAllowance  the allowance {@link Exponents#logFactorAllowance} over {@code [d_min, d_max]}
     * @param levelNOverD2        the grid point {@code n/d²} of the level
     * @param levelLogRatio       {@code log((1 − A)/(1 − A_pred))} per cell (d-major) at the level's n
     * @param levelMean           its mean
     * @param levelStandardError  its standard error over the cells
     * @param randomFeaturesError the control's exact error
     */
    record Details(String target, int width, double epsilon, int[] d, int replicates, double[] nOverD2,
            Map<String, double[]> meanPopulationError, double[][] nStar, @JsonUnwrapped Exponents.Fit exponent,
            double logFactorAllowance, double levelNOverD2, double[] levelLogRatio, double levelMean,
            double levelStandardError, double randomFeaturesError) {
    }

    /** One replicate's error curve at one d ({@code replicate >= 0}), or the control at the largest d. */
    record Run(int d, int replicate) implements Cell {
        @Override
        public String key() {
            return replicate == CONTROL ? "control" : "d" + d + "-r" + replicate;
        }

        /** Multiply-adds of the first steps, {@code Σ n·d·m} over the whole grid (the control: its one step). */
        @Override
        public double work() {
            return replicate == CONTROL ? MAX_RATIO * d * d * (double) d * WIDTH
                    : Grids.work(RATIOS, (double) d * d, (double) d * WIDTH);
        }

        /** Weights, one data block and the validation features: {@code 8(2md + B·d + 4096m)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (2L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d + Conventions.VALIDATION_SAMPLES * WIDTH);
        }
    }

    /** A cell's result: a replicate's curve, or the control's exact error. */
    sealed interface Outcome extends java.io.Serializable permits Curve, ControlError {
    }

    /** A replicate's points (n, exact relative error, alignment with span(U)) up to its crossing or the grid's end. */
    record Curve(List<GridWalk.SizePoint> points, double predictedAlignment) implements Outcome {
    }

    /** The exact error of the random-features control. */
    record ControlError(double error) implements Outcome {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = Grids.cells(sizes.dims().length, sizes.replicates(), (i, s) -> new Run(sizes.dims()[i], s));
        cells.add(new Run(sizes.dMax(), CONTROL));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        int d = cell.d();
        HermitePolynomial g = TargetSpec.resolve(TARGET);
        if (cell.replicate() == CONTROL) {
            Seeds sd = ctx.seedsFor(ID).child(1000L * d);
            Problem problem = new Problem(Target.random(g, d, sd.rng(Stream.FRAME)), 0.0, Math.round(MAX_RATIO * d * d),
                    Conventions.VALIDATION_SAMPLES, sd);
            return new ControlError(RandomFeatures.fittedError(problem, WIDTH, ctx.threads()));
        }
        Seeds sd = ctx.seedsFor(ID).child(1000L * d + cell.replicate());
        Problem base = new Problem(Target.random(g, d, sd.rng(Stream.FRAME)), 0.0, 1, Conventions.VALIDATION_SAMPLES,
                sd);
        OneStepConfig config = OneStepConfig.defaults(WIDTH, ctx.threads());
        OneStepLearner learner = new OneStepLearner(config);
        return new Curve(SampleSizeCurves.walk(base, RATIOS, COMMON, EPSILON,
                p -> SampleSizeCurves.network(learner, p)), AlignmentLevel.predicted(config, base,
                        Math.round(LEVEL_RATIO * d * d)));
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int[] dims = sizes.dims();
        int replicates = sizes.replicates();
        int dLast = sizes.dMax();
        List<Curve> all = Grids.results(results, 0, results.size() - 1, Curve.class);
        List<List<GridWalk.SizePoint>> curves = all.stream().map(Curve::points).toList();
        SampleSizeCurves.Gathered c = SampleSizeCurves.gather(ID, dims, RATIOS, curves, COMMON, EPSILON);
        AlignmentLevel level = AlignmentLevel.of(ID, cells(ctx).stream().map(Run::key).toList(), curves, all.stream()
                .mapToDouble(Curve::predictedAlignment).toArray(), LEVEL_INDEX);
        double allowance = Exponents.logFactorAllowance(dims[0], dLast);
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(c.d(), c.nStar());
        boolean holds = UpperExponent.holds(fit, PREDICTED_EXPONENT, allowance) && level.holds();
        double randomError = ((ControlError) results.get(results.size() - 1)).error();
        boolean rejected = randomError > EPSILON;
        Tolerance exponentTolerance = UpperExponent.tolerance(fit, replicates, allowance, "log-factor");
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.upperBound(PREDICTED_EXPONENT, "n* ≲ d^" + Format.fmt(PREDICTED_EXPONENT)
                        + " up to log factors (sufficient): the exponent of n* ∝ d^γ at most "
                        + Format.fmt(PREDICTED_EXPONENT) + "; level: at n = " + Format.fmt(LEVEL_RATIO) + "d² the"
                        + " learned layer no farther from span(U) than the first-order A_pred, mean log((1 − A)/(1 −"
                        + " A_pred)) <= 0"))
                .measured(Exponents.measurement(fit, replicates, (fit != null ? Exponents.describe(fit, "n* ∝ d^",
                        replicates, "") : "no crossing of test error ε = " + EPSILON + " on n/d² in ["
                        + Format.fmt(RATIOS[0]) + ", " + Format.fmt(MAX_RATIO) + "]: " + c.unmeasured()) + "; "
                        + level.text(LEVEL_RATIO)))
                .tolerance(Tolerance.of(exponentTolerance.value(), "exponent: " + exponentTolerance.derivation()
                        + "; " + level.tolerance()))
                .rationale("Each replicate (own U, initialization, samples) gives its own crossing n*(d) and exponent, so"
                        + " the standard error is the spread of " + replicates + " independent exponents (Student t, "
                        + (replicates - 1) + " df). The rate n ≍ d² holds up to log factors: a factor log d over d in ["
                        + dims[0] + ", " + dLast + "] shifts a fitted exponent by log(log " + dLast + "/log " + dims[0]
                        + ")/log(" + dLast + "/" + dims[0] + ") = " + Format.fmt(allowance) + ", added to the interval."
                        + " The exponent alone lets a uniformly less sample-efficient learner pass; the level pins the"
                        + " learned layer to the first-order prediction (docs/math.md §6) at n = "
                        + Format.fmt(LEVEL_RATIO) + "d², where a step needing c times the samples leaves about c times"
                        + " the noise energy in 1 − A; the cells are independent, so the SE is their spread.")
                .holds(holds)
                .control("frozen random first layer in place of the stepped one (random features, same head)", rejected,
                        Measurement.exact(randomError, "exact error " + Format.fmt(randomError) + " at n = "
                                + Format.fmt(MAX_RATIO) + "d², d = " + dLast + ": ε = " + EPSILON
                                + (rejected ? " not reached" : " reached")))
                .details(new Details(TARGET, WIDTH, EPSILON, dims, replicates, RATIOS, c.meanErrors(), c.nStar(),
                        Exponents.Fit.of(fit), allowance, LEVEL_RATIO, level.logRatio(), level.mean(), level.se(),
                        randomError))
                .sweeps(List.of(c.curves(), c.crossings(), level.table()))
                .plots(plots(c, sizes, fit))
                .build();
    }

    /** Mean error curves against n with the level ε, and the exponent's figure when every replicate crossed. */
    private static List<PlotSpec> plots(SampleSizeCurves.Gathered c, Sizes sizes, Exponents.SeedSlope fit) {
        int[] dims = sizes.dims();
        List<PlotSpec.Series> series = new ArrayList<>(c.meanSeries(true));
        series.add(LevelLine.of("ε = " + EPSILON, Math.round(RATIOS[0] * dims[0] * dims[0]),
                Math.round(COMMON_MAX * sizes.dMax() * sizes.dMax()), EPSILON));
        List<PlotSpec> plots = new ArrayList<>();
        plots.add(new PlotSpec(ID, "One-step exact error vs n (" + TARGET + ", m = " + WIDTH + ")", "n (samples)",
                "exact relative error (mean over " + sizes.replicates() + " replicates)", true, true, series,
                List.of()));
        if (fit != null) {
            plots.add(ExponentPlot.of(ID + "-exponent", "n*(d): samples to reach exact error " + EPSILON, "d", dims,
                    c.nStar(), fit, PREDICTED_EXPONENT, "d"));
        }
        return plots;
    }
}
