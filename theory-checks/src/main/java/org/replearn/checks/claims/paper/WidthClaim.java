package org.replearn.checks.claims.paper;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.stats.Equivalence;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The width (docs/math.md §6): with {@code n = 16d²} samples (well above {@code n*(0.1) ≈ d²}) the one-step
 * network's exact error falls with the width {@code m} until what is left is the head's estimation error from
 * {@code n} samples, and the width needed for error ε does not grow with {@code d}. Target {@code single-h2}, ridge
 * head with validated λ.
 *
 * <p>Decomposition. For the learner's own stepped features {@code σ(W¹x + b)} (plus the linear part) the exact best
 * head ({@link BestHead}) gives the approximation error {@code E*(m)} these features allow with unlimited samples; the
 * fitted network's exact error {@code E(m, n) >= E*(m)} adds the head's estimation error. The share
 * {@code s(m) = E*(m)/E(m, n)} says what limits the network: the width ({@code s > 1/2}) or the samples
 * ({@code s < 1/2}).
 *
 * <p>Cells: one per (d, replicate) (own frame, initialization and samples; its widths share them, so changes in m are
 * paired). With the label noise of the paper's demo ({@code σ_ε² = 1}, docs/math.md §4), widths 16…256: (i) every mean
 * paired change {@code E(2m, n) − E(m, n)} is below {@code t_{0.975,K−1}·SE} (K = replicates × dims); (ii) at m = 16
 * the network is width-limited ({@code mean s − t·SE > 1/2}), at m = 256 sample-limited ({@code mean s + t·SE < 1/2}).
 * Noiseless, the widths doubled from 16 until {@code E <= ε = 0.01} (up to 1024, {@link GridWalk}; a crossing at
 * m = 16 is not a measurement): (iii) the d-exponent of {@code m*(ε)} (log-log interpolated) is 0 as an
 * {@link Equivalence} against the margin 1/2: the paper's width is polynomial in {@code r, κ, 1/ε}, free of d up to
 * logarithms. The law {@code E ∝ m^{-γ}} over the width-limited widths is reported, not judged. Controls: frozen
 * random first layers of the same widths (exact best-head floor) never reach ε; check (iii) on the exact best head
 * of a first step on a fixed budget of {@code 16·16²} samples for every d (16d² at d = 16, d² at d = 64) fails.
 */
public final class WidthClaim implements Claim<WidthClaim.Run, WidthClaim.Curves> {
    /** The claim id. */
    public static final String ID = "width";
    static final String TARGET = "single-h2";
    static final double N_OVER_D2 = 16;
    static final double EPSILON = 0.01;
    static final int MIN_WIDTH = 16;
    static final int COMMON_MAX_WIDTH = 256;
    static final int MAX_WIDTH = 1024;
    static final double LIMIT_SHARE = 0.5;
    /** The first step's sample budget of the second control, the same for every d. */
    static final long FIXED_STEP_SAMPLES = 16L * 16 * 16;
    private static final double MARGIN = Equivalence.D_EXPONENT_MARGIN;
    private static final Prediction PREDICTION = Prediction.band(-MARGIN, MARGIN, "(i) error non-increasing in m;"
            + " (ii) width-limited (E*/E > 1/2) at m = " + MIN_WIDTH + ", sample-limited (E*/E < 1/2) at m = "
            + COMMON_MAX_WIDTH + "; (iii) d-exponent of m*(ε) equivalent to 0 within ±" + MARGIN + " (the paper's"
            + " width is polynomial in r, κ, 1/ε, free of d up to logarithms)");
    /** Label noise variance of (i) and (ii): the paper's demo (docs/math.md §4), as in {@link GdHeadClaim}. */
    static final double NOISE = Conventions.LABEL_NOISE;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "With n = 16d² samples the one-step network's error falls with the width m to the level the samples"
                + " allow, and the width needed for error ε = 0.01 does not grow with d";
    }

    /** The dimensions and replicates of a scale. */
    private record Sizes(int[] dims, int replicates) {
        static Sizes of(Scale scale) {
            return new Sizes(new int[] {16, 32, 64}, scale.pick(8, 12));
        }
    }

    /** The width of grid point i: {@code 16·2^i}, up to {@link #MAX_WIDTH}. */
    static int width(int i) {
        return MIN_WIDTH << i;
    }

    private static final int GRID = Integer.numberOfTrailingZeros(MAX_WIDTH / MIN_WIDTH) + 1;
    static final int COMMON = Integer.numberOfTrailingZeros(COMMON_MAX_WIDTH / MIN_WIDTH) + 1;

    /** One replicate at one d: both label settings on its own frame, initialization and samples. */
    record Run(int d, int replicate) implements Cell {
        @Override
        public String key() {
            return "d" + d + "-r" + replicate;
        }

        /**
         * Multiply-adds of the feature Grams, {@code Σ n·m²} over the noisy grid and the whole noiseless one (the
         * control's exact best heads need no samples).
         */
        @Override
        public double work() {
            double n = N_OVER_D2 * d * d;
            double sum = 0;
            for (int i = 0; i < GRID; i++) {
                sum += n * width(i) * (double) width(i) * (i < COMMON ? 2 : 1);
            }
            return sum;
        }

        /** The widest features on the validation set and the best head's Gram: {@code 8(4096 m + 2m² + md)}. */
        @Override
        public long memoryBytes() {
            return 8L * (Conventions.VALIDATION_SAMPLES * MAX_WIDTH + 2L * MAX_WIDTH * MAX_WIDTH + (long) MAX_WIDTH * d);
        }
    }

    /**
     * One cell's curves: with label noise, the fits at the common widths; noiseless, the fits and the random-feature
     * floor at the widths up to the crossing of ε (or the grid's end), and the control's best heads after a first
     * step on {@link #FIXED_STEP_SAMPLES} samples, likewise.
     */
    record Curves(List<Width> noisy, List<Width> clean, List<Width> fixedStep) implements java.io.Serializable {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        return Grids.cells(sizes.dims().length, sizes.replicates(), (i, s) -> new Run(sizes.dims()[i], s));
    }

    @Override
    public Curves compute(Run cell, RunContext ctx) {
        int d = cell.d();
        long n = Math.round(N_OVER_D2 * d * d);
        Seeds sd = ctx.seedsFor(ID).child(1000L * d + cell.replicate());
        Target f = Target.random(TargetSpec.resolve(TARGET), d, sd.rng(Stream.FRAME));
        // noisy labels (the paper's demo): the widths up to COMMON_MAX_WIDTH, for (i) and (ii)
        Problem noisy = new Problem(f, NOISE, n, Conventions.VALIDATION_SAMPLES, sd);
        List<Width> noisyWidths = IntStream.range(0, COMMON).mapToObj(i -> Width.fit(noisy, width(i), ctx.threads()))
                .toList();
        // noiseless labels: widths until the error reaches ε, for (iii), with the random-feature floor
        Problem cleanProblem = new Problem(f, 0.0, n, Conventions.VALIDATION_SAMPLES, sd);
        List<Width> clean = GridWalk.walk(GRID, 1, EPSILON, i -> {
            Width w = Width.fit(cleanProblem, width(i), ctx.threads());
            return new Width(w.m(), w.error(), w.bestHead(), RandomFeatures.bestHeadError(f, width(i), sd));
        });
        Problem budget = new Problem(f, 0.0, FIXED_STEP_SAMPLES, Conventions.VALIDATION_SAMPLES, sd);
        List<Width> fixedStep = GridWalk.walk(GRID, 1, EPSILON, i -> Width.bestHeadAfterStep(budget, width(i),
                ctx.threads()));
        return new Curves(noisyWidths, clean, fixedStep);
    }

    @Override
    public ClaimResult reduce(List<Curves> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int[] dims = sizes.dims();
        int replicates = sizes.replicates();
        WidthCurves.Gathered g = WidthCurves.gather(results, dims, replicates);
        double tCells = Intervals.studentCritical(dims.length * replicates - 1);
        // (i) paired changes between consecutive common widths
        double[][] change = g.pairedChanges();
        boolean nonIncreasing = Arrays.stream(change).allMatch(c -> c[0] <= tCells * c[1]);
        // (ii) width-limited at the smallest width, sample-limited at the largest common width
        double[] shareFirst = g.shareAt(0);
        double[] shareLast = g.shareAt(COMMON - 1);
        boolean widthLimited = shareFirst[0] - tCells * shareFirst[1] > LIMIT_SHARE;
        boolean sampleLimited = shareLast[0] + tCells * shareLast[1] < LIMIT_SHARE;
        // (iii) d-exponent of m*(ε): equivalence to 0
        double logShift = Exponents.logFactorAllowance(dims[0], dims[dims.length - 1]);
        Equivalence exponent = Equivalence.of(Exponents.seedSlopeIfComplete(g.d(), g.mStar()), MARGIN);
        Equivalence fixedStep = Equivalence.of(Exponents.seedSlopeIfComplete(g.d(), g.mStarFixedStep()), MARGIN);
        WidthCurves.Law law = g.law();
        boolean controlRejected = g.randomFloor() > EPSILON;
        return ClaimResult.builder(ID, statement())
                .prediction(PREDICTION)
                .measured(exponent.measurement(replicates, WidthReport.measuredText(change, shareFirst, shareLast,
                        exponent, law)))
                .tolerance(exponent.tolerance("half the exponent 1 of a width growing like d; a factor log d would"
                        + " shift it by " + Format.fmt(logShift) + "; (i) each mean change <= t_{0.975,"
                        + (dims.length * replicates - 1) + "} " + Format.fmt(tCells) + " × SE; (ii) the share's 95 %"
                        + " interval (same t) on the stated side of 1/2"))
                .rationale(WidthReport.rationale(replicates))
                .holds(nonIncreasing && widthLimited && sampleLimited && exponent.holds())
                .control("frozen random first layers of the same widths (exact best-head floor: random features with"
                        + " unlimited samples)", controlRejected, Measurement.exact(g.randomFloor(), "smallest floor "
                                + Format.fmt(g.randomFloor()) + " over every replicate and width: ε = " + EPSILON
                                + (controlRejected ? " not reached" : " reached")))
                .control("check (iii) on the exact best head after a first step on a fixed budget of "
                        + FIXED_STEP_SAMPLES + " samples for every d (16d² at d = 16, d² at d = 64): too few samples"
                        + " at large d, so the width needed grows with d or ε is never reached", !fixedStep.holds(),
                        fixedStep.measurement(replicates, WidthReport.describe(fixedStep)))
                .details(new WidthReport.Details(TARGET, N_OVER_D2, NOISE, EPSILON, dims, replicates, law.widths(),
                        law.meanError(), WidthCurves.column(change, 0), WidthCurves.column(change, 1), tCells,
                        shareFirst, shareLast, g.mStar(), Exponents.Fit.of(exponent.fit()), exponent.critical(),
                        new double[] {exponent.lower(), exponent.upper()}, MARGIN, logShift, law.gamma(),
                        g.randomFloor(), FIXED_STEP_SAMPLES, g.mStarFixedStep()))
                .sweeps(List.of(g.sweep()))
                .plots(List.of(WidthReport.plot(g, dims, replicates, law.widths())))
                .build();
    }

    /**
     * One width's fit: the network's exact error, the exact best head on its own stepped features and (noiseless
     * walk) the best head on the frozen random first layer of that width (NaN where not computed).
     */
    record Width(int m, double error, double bestHead, double randomFloor) implements GridWalk.Point,
            java.io.Serializable {
        static Width fit(Problem problem, int m, int threads) {
            FitResult fit = new OneStepLearner(OneStepConfig.defaults(m, threads)).fit(problem);
            NetworkPredictor net = (NetworkPredictor) fit.predictor();
            Target f = problem.target();
            return new Width(m, net.populationError(f).relative(),
                    BestHead.of(net.network().weights(), net.network().biases(), f, true).relative(), Double.NaN);
        }

        /** The control's point: the exact best head (as error) after a first step on {@code problem}. */
        static Width bestHeadAfterStep(Problem problem, int m, int threads) {
            TwoLayerNetwork stepped = new OneStepLearner(OneStepConfig.defaults(m, threads)).firstStep(problem);
            double best = BestHead.of(stepped.weights(), stepped.biases(), problem.target(), true).relative();
            return new Width(m, best, best, Double.NaN);
        }

        @Override
        public double x() {
            return m;
        }
    }
}
