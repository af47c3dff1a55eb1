package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
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
 * Noiseless, the widths doubled from 16 until {@code E <= ε = 0.01} (up to 1024, {@link GridWalk}): (iii) the
 * d-exponent of {@code m*(ε)} (log-log interpolated) is 0 within {@code t·SE} plus
 * {@link Exponents#logFactorAllowance}: the paper's width is polynomial in {@code r, κ, 1/ε}, free of d up to
 * logarithms. The law {@code E ∝ m^{-γ}} over the width-limited widths is reported, not judged. Control: frozen
 * random first layers of the same widths (exact best-head floor) never reach ε.
 */
public final class WidthClaim implements Claim<WidthClaim.Run, WidthClaim.Curves> {
    /** The claim id. */
    public static final String ID = "width";
    private static final String TARGET = "single-h2";
    private static final double N_OVER_D2 = 16;
    private static final double EPSILON = 0.01;
    private static final int MIN_WIDTH = 16;
    private static final int COMMON_MAX_WIDTH = 256;
    private static final int MAX_WIDTH = 1024;
    private static final double LIMIT_SHARE = 0.5;
    private static final Prediction PREDICTION = Prediction.equality(0, "(i) error non-increasing in m; (ii)"
            + " width-limited (E*/E > 1/2) at m = " + MIN_WIDTH + ", sample-limited (E*/E < 1/2) at m = "
            + COMMON_MAX_WIDTH + "; (iii) d-exponent of m*(ε) = 0 (the paper's width is polynomial in r, κ, 1/ε, free"
            + " of d up to logarithms)");
    /** Label noise variance of (i) and (ii): the paper's demo (docs/math.md §4), as in {@link GdHeadClaim}. */
    private static final double NOISE = Conventions.LABEL_NOISE;

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
            return scale == Scale.QUICK ? new Sizes(new int[] {16, 32}, 6) : new Sizes(new int[] {16, 32, 64}, 8);
        }
    }

    /** The width of grid point i: {@code 16·2^i}, up to {@link #MAX_WIDTH}. */
    private static int width(int i) {
        return MIN_WIDTH << i;
    }

    private static final int GRID = Integer.numberOfTrailingZeros(MAX_WIDTH / MIN_WIDTH) + 1;
    private static final int COMMON = Integer.numberOfTrailingZeros(COMMON_MAX_WIDTH / MIN_WIDTH) + 1;

    /** One replicate at one d: both label settings on its own frame, initialization and samples. */
    record Run(int d, int replicate) implements Cell {
        @Override
        public String key() {
            return "d" + d + "-r" + replicate;
        }

        /** Multiply-adds of the feature Grams, {@code Σ n·m²} over the noisy grid and the whole noiseless one. */
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
     * floor at the widths up to the crossing of ε (or the grid's end).
     */
    record Curves(List<Width> noisy, List<Width> clean) implements java.io.Serializable {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int d : sizes.dims()) {
            for (int s = 0; s < sizes.replicates(); s++) {
                cells.add(new Run(d, s));
            }
        }
        return cells;
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
            TwoLayerNetwork frozen = SymmetricInit.initialize(width(i), d, sd, false);
            return new Width(w.m(), w.error(), w.bestHead(), BestHead.of(frozen.weights(), frozen.biases(), f, true)
                    .relative());
        });
        return new Curves(noisyWidths, clean);
    }

    /** The cells gathered: paired errors and shares on the common widths, crossings m*(ε), control floors, table. */
    private record Gathered(double[][] error, double[][] share, double[][] d, double[][] mStar, double randomFloor,
            Sweep sweep) {
    }

    private static Gathered gather(List<Curves> results, Sizes sizes) {
        int[] dims = sizes.dims();
        int replicates = sizes.replicates();
        Sweep.Builder sweep = Sweep.table(ID, "d", "replicate", "n", "noise_variance", "m", "network_error",
                "best_head_error", "width_limited_share", "random_features_floor");
        int cells = dims.length * replicates;
        double[][] error = new double[cells][COMMON];
        double[][] share = new double[cells][COMMON];
        double[][] x = new double[replicates][dims.length];
        double[][] mStar = new double[replicates][dims.length];
        double[] randomMin = new double[cells];
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            long n = Math.round(N_OVER_D2 * d * d);
            for (int s = 0; s < replicates; s++) {
                int cell = di * replicates + s;
                Curves c = results.get(cell);
                for (int i = 0; i < COMMON; i++) {
                    Width w = c.noisy().get(i);
                    error[cell][i] = w.error();
                    share[cell][i] = w.bestHead() / w.error();
                    sweep.row(d, s, n, NOISE, w.m(), w.error(), w.bestHead(), share[cell][i], "");
                }
                randomMin[cell] = c.clean().stream().mapToDouble(Width::randomFloor).min().orElse(Double.NaN);
                for (Width w : c.clean()) {
                    sweep.row(d, s, n, 0.0, w.m(), w.error(), w.bestHead(), w.bestHead() / w.error(), w.randomFloor());
                }
                x[s][di] = d;
                mStar[s][di] = GridWalk.crossing(c.clean(), EPSILON);
            }
        }
        return new Gathered(error, share, x, mStar, Arrays.stream(randomMin).min().orElse(Double.NaN), sweep.build());
    }

    @Override
    public ClaimResult reduce(List<Curves> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int[] dims = sizes.dims();
        int replicates = sizes.replicates();
        Gathered g = gather(results, sizes);
        double tCells = Intervals.studentCritical(dims.length * replicates - 1);
        // (i) paired changes between consecutive common widths
        double[][] change = pairedChanges(g.error());
        boolean nonIncreasing = Arrays.stream(change).allMatch(c -> c[0] <= tCells * c[1]);
        // (ii) width-limited at the smallest width, sample-limited at the largest common width
        double[] shareFirst = Intervals.meanAndStandardError(column(g.share(), 0));
        double[] shareLast = Intervals.meanAndStandardError(column(g.share(), COMMON - 1));
        boolean widthLimited = shareFirst[0] - tCells * shareFirst[1] > LIMIT_SHARE;
        boolean sampleLimited = shareLast[0] + tCells * shareLast[1] < LIMIT_SHARE;
        // (iii) d-exponent of m*(ε)
        double allowance = Exponents.logFactorAllowance(dims[0], dims[dims.length - 1]);
        Exponents.SeedSlope exponent = Exponents.seedSlopeIfComplete(g.d(), g.mStar());
        boolean dFree = exponent != null && exponent.agrees(0, allowance);
        Law law = Law.of(g.error(), g.share());
        boolean controlRejected = g.randomFloor() > EPSILON;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("n_over_d2", N_OVER_D2);
        details.put("noise_variance", NOISE);
        details.put("epsilon", EPSILON);
        details.put("d", dims);
        details.put("replicates", replicates);
        details.put("widths", law.widths());
        details.put("mean_population_error", law.meanError());
        details.put("error_change_mean", column(change, 0));
        details.put("error_change_standard_error", column(change, 1));
        details.put("critical_value", tCells);
        details.put("width_limited_share_smallest", shareFirst);
        details.put("width_limited_share_largest", shareLast);
        details.put("m_star", g.mStar());
        Exponents.putExponent(details, exponent);
        details.put("log_factor_allowance", allowance);
        details.put("width_exponent_gamma", law.gamma());
        details.put("random_features_floor_min", g.randomFloor());
        Tolerance exponentTolerance = Exponents.tolerance(exponent, replicates, allowance, "log-factor");
        return ClaimResult.builder(ID, statement())
                .prediction(PREDICTION)
                .measured(Exponents.measurement(exponent, replicates, measuredText(change, shareFirst, shareLast,
                        exponent, law)))
                .tolerance(Tolerance.of(exponentTolerance.value(), "(i) each mean change <= t_{0.975,"
                        + (dims.length * replicates - 1)
                        + "} " + Format.fmt(tCells) + " × SE; (ii) the share's 95 % interval (same t) on the stated"
                        + " side of 1/2; (iii) " + exponentTolerance.derivation()))
                .rationale(rationale(replicates))
                .holds(nonIncreasing && widthLimited && sampleLimited && dFree)
                .control("frozen random first layers of the same widths (exact best-head floor: random features with"
                        + " unlimited samples)", controlRejected, Measurement.exact(g.randomFloor(), "smallest floor "
                                + Format.fmt(g.randomFloor()) + " over every replicate and width: ε = " + EPSILON
                                + (controlRejected ? " not reached" : " reached")))
                .details(details)
                .sweeps(List.of(g.sweep()))
                .plots(List.of(plot(g, sizes, law.widths())))
                .build();
    }

    /** Why the tolerances are what they are. */
    private static String rationale(int replicates) {
        return "Errors are exact population errors, so the only randomness is the frame, the initialization and the"
                + " samples, which the " + replicates + " replicates per d resample; the widths of one replicate share"
                + " them, so width changes are paired. E*(m) is the exact best head on the learner's own stepped"
                + " features: E − E* is the head's estimation error from n samples. n = 16d² keeps the first step's"
                + " quality the same for every d, so a d-dependence of m* would come from the width requirement"
                + " itself.";
    }

    /** Mean and SE over the cells of {@code E(2m, n) − E(m, n)}, for each pair of consecutive common widths. */
    private static double[][] pairedChanges(double[][] error) {
        double[][] change = new double[COMMON - 1][];
        for (int i = 0; i + 1 < COMMON; i++) {
            double[] diff = new double[error.length];
            for (int c = 0; c < error.length; c++) {
                diff[c] = error[c][i + 1] - error[c][i];
            }
            change[i] = Intervals.meanAndStandardError(diff);
        }
        return change;
    }

    /**
     * The measured law {@code E ∝ m^{-γ}} of the mean noisy-label error over the leading common widths where the mean
     * width-limited share is above 1/2 ({@code points} of them; γ NaN below two).
     */
    private record Law(double[] widths, double[] meanError, int points, double gamma) {
        static Law of(double[][] error, double[][] share) {
            double[] meanError = new double[COMMON];
            double[] widths = new double[COMMON];
            for (int i = 0; i < COMMON; i++) {
                meanError[i] = Intervals.meanAndStandardError(column(error, i))[0];
                widths[i] = width(i);
            }
            int points = 0;
            while (points < COMMON && Intervals.meanAndStandardError(column(share, points))[0] > LIMIT_SHARE) {
                points++;
            }
            return new Law(widths, meanError, points, points >= 2
                    ? -Exponents.powerLaw(Arrays.copyOf(widths, points), Arrays.copyOf(meanError, points)).slope()
                    : Double.NaN);
        }
    }

    /** The measured text of the three checks and the reported law. */
    private static String measuredText(double[][] change, double[] shareFirst, double[] shareLast,
            Exponents.SeedSlope exponent, Law law) {
        StringBuilder changes = new StringBuilder();
        for (int i = 0; i + 1 < COMMON; i++) {
            changes.append(i == 0 ? "" : ", ").append(width(i)).append("→").append(width(i + 1))
                    .append(": ").append(Format.fmt(change[i][0])).append(" (SE ").append(Format.fmt(change[i][1]))
                    .append(')');
        }
        return "(i) mean paired change of the error " + changes + "; (ii) width-limited share E*/E "
                + Format.fmt(shareFirst[0]) + " (SE " + Format.fmt(shareFirst[1]) + ") at m = " + MIN_WIDTH + ", "
                + Format.fmt(shareLast[0]) + " (SE " + Format.fmt(shareLast[1]) + ") at m = " + COMMON_MAX_WIDTH
                + " (label noise σ² = " + Format.fmt(NOISE) + "); (iii, noiseless) " + (exponent != null
                        ? "d-exponent of m*(ε = " + Format.fmt(EPSILON) + ") " + Format.fmt(exponent.slope())
                        + " (SE " + Format.fmt(exponent.standardError()) + "; per replicate "
                        + Arrays.toString(Format.round2(exponent.perSeed())) + ")"
                        : "ε = " + Format.fmt(EPSILON) + " not reached within m <= " + MAX_WIDTH + " by some replicate")
                + ". Measured law, not judged: E ∝ m^-" + Format.fmt(law.gamma()) + " over m = " + MIN_WIDTH + "…"
                + (law.points() >= 1 ? width(Math.max(law.points() - 1, 0)) : MIN_WIDTH)
                + " (width-limited widths), sample-limited mean error at m = " + COMMON_MAX_WIDTH + ": "
                + Format.fmt(law.meanError()[COMMON - 1]);
    }

    /** Mean network error and best-head error against the width, per d, with the level ε. */
    private static PlotSpec plot(Gathered g, Sizes sizes, double[] widths) {
        int replicates = sizes.replicates();
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int di = 0; di < sizes.dims().length; di++) {
            double[] mean = new double[COMMON];
            double[] bestMean = new double[COMMON];
            for (int i = 0; i < COMMON; i++) {
                for (int s = 0; s < replicates; s++) {
                    int c = di * replicates + s;
                    mean[i] += g.error()[c][i] / replicates;
                    bestMean[i] += g.error()[c][i] * g.share()[c][i] / replicates;
                }
            }
            series.add(new PlotSpec.Series("network E(m, n), d = " + sizes.dims()[di], widths, mean,
                    PlotSpec.Style.LINE_POINTS));
            series.add(new PlotSpec.Series("best head E*(m), d = " + sizes.dims()[di], widths, bestMean,
                    PlotSpec.Style.DASHED));
        }
        series.add(new PlotSpec.Series("ε = " + EPSILON, new double[] {widths[0], widths[COMMON - 1]},
                new double[] {EPSILON, EPSILON}, PlotSpec.Style.DASHED));
        return new PlotSpec(ID, "Exact error vs width at n = 16d² (" + TARGET + ", σ² = " + NOISE + ")", "width m",
                "exact relative error (mean over " + replicates + " replicates)", true, true, series, List.of());
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

        @Override
        public double x() {
            return m;
        }
    }

    private static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }
}
