package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.Intervals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Issue 20 item 6, the width: with {@code n = 16d²} samples (well above {@code n*(0.1) ≈ d²}, see
 * {@link SampleComplexityClaim}) the one-step network's exact error falls with the width {@code m} until what is left
 * is the head's estimation error from {@code n} samples, and the width needed for error ε does not grow with
 * {@code d}. Target {@code single-h2}, ridge head with validated λ.
 *
 * <p>Decomposition. For the learner's own stepped features {@code σ(W¹x + b)} (plus the linear part) the exact best
 * head ({@link BestHead}) gives the approximation error {@code E*(m)} these features allow with unlimited samples; the
 * fitted network's exact error {@code E(m, n) >= E*(m)} adds the head's estimation error. The share
 * {@code s(m) = E*(m)/E(m, n)} says what limits the network: the width ({@code s > 1/2}) or the samples
 * ({@code s < 1/2}). The paper's approximation argument (ReLUs with random biases on directions in {@code span(U)})
 * sends {@code E*(m)} to 0 as m grows, while the estimation error at fixed n does not vanish: the error falls to a
 * sample-limited level.
 *
 * <p>Checks, over {@code R} independent replicates per d (own frame, initialization and samples; the widths of one
 * replicate share them, so changes in m are paired). With the label noise of the paper's demo ({@code σ_ε² = 1},
 * docs/math.md §4), widths 16…256: (i) the error does not increase with the width: every mean paired change
 * {@code E(2m, n) − E(m, n)} is below {@code t_{0.975,K−1}·SE} (K = replicates × dims); (ii) the fall ends at the
 * sample-limited level: at m = 16 the network is width-limited ({@code mean s − t·SE > 1/2}), at m = 256
 * sample-limited ({@code mean s + t·SE < 1/2}). With noiseless labels (where only the width and the first step limit
 * the error): (iii) the paper's width requirement is polynomial in {@code r, κ, 1/ε} and free of d up to logarithms,
 * so the d-exponent of {@code m*(ε = 0.01)}, the first width (log-log interpolated on the doubling grid, continued to
 * 1024 until the replicate crosses) where {@code E(m, n) <= ε}, is 0 within {@code t·SE} plus the log-factor allowance
 * of {@link SampleComplexityClaim#logFactorAllowance}. The measured law {@code E ∝ m^{-γ}} over the widths where the
 * noisy-label network is still width-limited on average is reported, not judged.
 *
 * <p>History, stated because it bears on the design: a first version judged (iii) alone, without the log-factor
 * allowance and with widths only up to 256; on quick seeds 0–9 it held 7 of 10 (exponents 0.33 ± 0.11 and 0.60 ± 0.58,
 * and one replicate that had not reached ε at m = 256). This version adds the allowance the paper's {@code Õ(·)}
 * statement grants (the one the sample-complexity claim uses), continues the width grid until a replicate crosses
 * (sizes, not tolerance), and adds (i) and (ii). A pilot on master seed 100 (not one of the judged seeds) showed that
 * with noiseless labels the network is still width-limited at m = 256 (share 0.88): the sample-limited level is then
 * far below ε, so (i)–(ii) use the demo's label noise, where the share falls from 0.84 at m = 16 to 0.19–0.34 at
 * m = 256. Negative control: frozen random first layers of the same widths (exact best-head floor, i.e. random
 * features with unlimited samples) never reach ε.
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

    private static int[] dims(Scale scale) {
        return scale.pick(new int[] {16, 32}, new int[] {16, 32, 64});
    }

    private static int replicates(Scale scale) {
        return scale.pick(6, 8);
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
     * One cell's curves: with label noise, the exact error and best-head error at the common widths; noiseless, the
     * same and the random-feature floor at the widths up to the crossing of ε (or the grid's end).
     */
    record Curves(double[] noisyError, double[] noisyBest, double[] cleanError, double[] cleanBest,
            double[] randomFloor) implements java.io.Serializable {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        List<Run> cells = new ArrayList<>();
        for (int d : dims(ctx.scale())) {
            for (int s = 0; s < replicates(ctx.scale()); s++) {
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
        double[] noisyError = new double[COMMON];
        double[] noisyBest = new double[COMMON];
        for (int i = 0; i < COMMON; i++) {
            Width w = Width.fit(noisy, width(i), ctx.threads());
            noisyError[i] = w.error();
            noisyBest[i] = w.bestHead();
        }
        // noiseless labels: widths until the error reaches ε, for (iii), with the random-feature floor
        Problem clean = new Problem(f, 0.0, n, Conventions.VALIDATION_SAMPLES, sd);
        double[] errs = new double[GRID];
        double[] best = new double[GRID];
        double[] floor = new double[GRID];
        int points = 0;
        while (points < GRID && (points == 0 || errs[points - 1] > EPSILON)) {
            int m = width(points);
            Width w = Width.fit(clean, m, ctx.threads());
            TwoLayerNetwork frozen = SymmetricInit.initialize(m, d, sd, false);
            errs[points] = w.error();
            best[points] = w.bestHead();
            floor[points] = BestHead.of(frozen.weights(), frozen.biases(), f, true).relative();
            points++;
        }
        return new Curves(noisyError, noisyBest, Arrays.copyOf(errs, points), Arrays.copyOf(best, points),
                Arrays.copyOf(floor, points));
    }

    @Override
    public ClaimResult reduce(List<Curves> results, RunContext ctx) {
        int[] dims = dims(ctx.scale());
        int replicates = replicates(ctx.scale());
        int common = COMMON;
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = width(i);
        }
        Sweep.Builder sweep = Sweep.table("width", "d", "replicate", "n", "noise_variance", "m", "network_error",
                "best_head_error", "width_limited_share", "random_features_floor");
        int cells = dims.length * replicates;
        double[][] error = new double[cells][common];
        double[][] share = new double[cells][common];
        double[][] x = new double[replicates][dims.length];
        double[][] mStar = new double[replicates][dims.length];
        double[] randomMin = new double[cells];
        boolean reached = true;
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            long n = Math.round(N_OVER_D2 * d * d);
            for (int s = 0; s < replicates; s++) {
                int cell = di * replicates + s;
                Curves c = results.get(cell);
                for (int i = 0; i < common; i++) {
                    error[cell][i] = c.noisyError()[i];
                    share[cell][i] = c.noisyBest()[i] / c.noisyError()[i];
                    sweep.row(d, s, n, NOISE, width(i), c.noisyError()[i], c.noisyBest()[i], share[cell][i], "");
                }
                int points = c.cleanError().length;
                randomMin[cell] = Arrays.stream(c.randomFloor()).min().orElse(Double.NaN);
                for (int i = 0; i < points; i++) {
                    sweep.row(d, s, n, 0.0, width(i), c.cleanError()[i], c.cleanBest()[i],
                            c.cleanBest()[i] / c.cleanError()[i], c.randomFloor()[i]);
                }
                x[s][di] = d;
                mStar[s][di] = Grids.firstCrossing(Arrays.copyOf(grid, points), c.cleanError(), EPSILON);
                reached &= !Double.isNaN(mStar[s][di]);
            }
        }
        double tCells = Intervals.studentCritical(cells - 1);

        // (i) paired changes between consecutive common widths
        double[][] change = new double[common - 1][];
        boolean nonIncreasing = true;
        for (int i = 0; i + 1 < common; i++) {
            double[] diff = new double[cells];
            for (int c = 0; c < cells; c++) {
                diff[c] = error[c][i + 1] - error[c][i];
            }
            change[i] = Intervals.meanAndStandardError(diff);
            nonIncreasing &= change[i][0] <= tCells * change[i][1];
        }
        // (ii) width-limited at the smallest width, sample-limited at the largest common width
        double[] shareFirst = Intervals.meanAndStandardError(column(share, 0));
        double[] shareLast = Intervals.meanAndStandardError(column(share, common - 1));
        boolean widthLimited = shareFirst[0] - tCells * shareFirst[1] > LIMIT_SHARE;
        boolean sampleLimited = shareLast[0] + tCells * shareLast[1] < LIMIT_SHARE;
        // (iii) d-exponent of m*(ε)
        double allowance = SampleComplexityClaim.logFactorAllowance(dims[0], dims[dims.length - 1]);
        Exponents.SeedSlope exponent = reached ? Exponents.seedSlope(x, mStar) : null;
        boolean dFree = reached && exponent.agrees(0, allowance);
        // the measured law E ∝ m^-γ over the widths where the network is still width-limited on average
        int lawPoints = 0;
        while (lawPoints < common && Intervals.meanAndStandardError(column(share, lawPoints))[0] > LIMIT_SHARE) {
            lawPoints++;
        }
        double[] meanError = new double[common];
        double[] widths = new double[common];
        for (int i = 0; i < common; i++) {
            meanError[i] = Intervals.meanAndStandardError(column(error, i))[0];
            widths[i] = width(i);
        }
        double gamma = lawPoints >= 2
                ? -Exponents.powerLaw(Arrays.copyOf(widths, lawPoints), Arrays.copyOf(meanError, lawPoints)).slope()
                : Double.NaN;
        double randomFloor = Arrays.stream(randomMin).min().orElse(Double.NaN);
        boolean controlRejected = randomFloor > EPSILON;
        boolean holds = nonIncreasing && widthLimited && sampleLimited && dFree && controlRejected;

        StringBuilder changes = new StringBuilder();
        for (int i = 0; i + 1 < common; i++) {
            changes.append(i == 0 ? "" : ", ").append(width(i)).append("→").append(width(i + 1))
                    .append(": ").append(Format.fmt(change[i][0])).append(" (SE ").append(Format.fmt(change[i][1]))
                    .append(')');
        }
        String measured = "(i) mean paired change of the error " + changes + "; (ii) width-limited share E*/E "
                + Format.fmt(shareFirst[0]) + " (SE " + Format.fmt(shareFirst[1]) + ") at m = " + MIN_WIDTH + ", "
                + Format.fmt(shareLast[0]) + " (SE " + Format.fmt(shareLast[1]) + ") at m = " + COMMON_MAX_WIDTH
                + " (label noise σ² = " + Format.fmt(NOISE) + "); (iii, noiseless) " + (reached ? "d-exponent of m*(ε = " + Format.fmt(EPSILON) + ") " + Format.fmt(exponent.slope())
                        + " (SE " + Format.fmt(exponent.standardError()) + "; per replicate "
                        + Arrays.toString(Format.round2(exponent.perSeed())) + ")"
                        : "ε = " + Format.fmt(EPSILON) + " not reached within m <= " + MAX_WIDTH + " by some replicate")
                + ". Measured law, not judged: E ∝ m^-" + Format.fmt(gamma) + " over m = " + MIN_WIDTH + "…"
                + (lawPoints >= 1 ? width(Math.max(lawPoints - 1, 0)) : MIN_WIDTH)
                + " (width-limited widths), sample-limited mean error at m = " + COMMON_MAX_WIDTH + ": "
                + Format.fmt(meanError[common - 1]);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", TARGET);
        details.put("n_over_d2", N_OVER_D2);
        details.put("noise_variance", NOISE);
        details.put("epsilon", EPSILON);
        details.put("d", dims);
        details.put("replicates", replicates);
        details.put("widths", widths);
        details.put("mean_population_error", meanError);
        details.put("error_change_mean", column(change, 0));
        details.put("error_change_standard_error", column(change, 1));
        details.put("critical_value", tCells);
        details.put("width_limited_share_smallest", shareFirst);
        details.put("width_limited_share_largest", shareLast);
        details.put("m_star", mStar);
        Exponents.putExponent(details, exponent);
        details.put("log_factor_allowance", allowance);
        details.put("width_exponent_gamma", gamma);
        details.put("random_features_floor_min", randomFloor);

        List<PlotSpec.Series> series = new ArrayList<>();
        for (int di = 0; di < dims.length; di++) {
            double[] mean = new double[common];
            double[] bestMean = new double[common];
            for (int i = 0; i < common; i++) {
                for (int s = 0; s < replicates; s++) {
                    int c = di * replicates + s;
                    mean[i] += error[c][i] / replicates;
                    bestMean[i] += error[c][i] * share[c][i] / replicates;
                }
            }
            series.add(new PlotSpec.Series("network E(m, n), d = " + dims[di], widths, mean,
                    PlotSpec.Style.LINE_POINTS));
            series.add(new PlotSpec.Series("best head E*(m), d = " + dims[di], widths, bestMean,
                    PlotSpec.Style.DASHED));
        }
        series.add(new PlotSpec.Series("ε = " + EPSILON, new double[] {widths[0], widths[common - 1]},
                new double[] {EPSILON, EPSILON}, PlotSpec.Style.DASHED));
        PlotSpec plot = new PlotSpec("width", "Exact error vs width at n = 16d² (" + TARGET + ", σ² = " + NOISE + ")", "width m",
                "exact relative error (mean over " + replicates + " replicates)", true, true, series, List.of());

        return ClaimResult.builder(ID, statement())
                .predicted("(i) error non-increasing in m; (ii) width-limited (E*/E > 1/2) at m = " + MIN_WIDTH
                        + ", sample-limited (E*/E < 1/2) at m = " + COMMON_MAX_WIDTH + "; (iii) d-exponent of m*(ε) = 0"
                        + " (the paper's width is polynomial in r, κ, 1/ε, free of d up to logarithms)")
                .measured(measured)
                .tolerance("(i) each mean change <= t_{0.975," + (cells - 1) + "} " + Format.fmt(tCells) + " × SE;"
                        + " (ii) the share's 95 % interval (same t) on the stated side of 1/2; (iii) "
                        + Exponents.exponentTolerance(exponent, replicates, allowance, "log-factor"))
                .rationale("Errors are exact population errors, so the only randomness is the frame, the"
                        + " initialization and the samples, which the " + replicates + " replicates per d resample; the"
                        + " widths of one replicate share them, so width changes are paired. E*(m) is the exact best"
                        + " head on the learner's own stepped features: E − E* is the head's estimation error from n"
                        + " samples. n = 16d² keeps the first step's quality the same for every d, so a d-dependence"
                        + " of m* would come from the width requirement itself.")
                .holds(holds)
                .control("frozen random first layers of the same widths (exact best-head floor: random features with"
                        + " unlimited samples)", controlRejected, "smallest floor " + Format.fmt(randomFloor)
                                + " over every replicate and width: ε = " + EPSILON
                                + (controlRejected ? " not reached" : " reached"))
                .details(details)
                .sweeps(List.of(sweep.build()))
                .plots(List.of(plot))
                .build();
    }

    /** One width's fit: the network's exact error and the exact best head on its own stepped features. */
    private record Width(double error, double bestHead) {
        static Width fit(Problem problem, int m, int threads) {
            FitResult fit = new OneStepLearner(OneStepConfig.defaults(m, threads)).fit(problem);
            NetworkPredictor net = (NetworkPredictor) fit.predictor();
            Target f = problem.target();
            return new Width(net.populationError(f).relative(),
                    BestHead.of(net.network().weights(), net.network().biases(), f, true).relative());
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
