package org.replearn.checks.claims.paper;

import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.ExponentPlot;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.UpperExponent;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * docs/math.md §6 "Sample complexity": at fixed {@code d ≫ r} and {@code κ = 1}, the samples the first step needs grow
 * like {@code r}. Target {@code g_r(z) = r^{-1/2} Σ_{i≤r} h₂(z_i)} ({@code G₂ = sqrt(2/r) I_r}, unit variance),
 * r in {1, 2, 4}, m = 256, noiseless labels.
 *
 * <p>The head's {@code d r^p} share of {@code n ≍ d² r κ² + d r^p} is taken out exactly: the error of each learned
 * first layer {@code W¹} ({@link OneStepLearner#firstStep}) is the exact population error of the best head on its
 * features ({@link BestHead}), so what remains is the representation's {@code d² r}. The ridge head's excess over the
 * best head at each crossing is reported, not judged.
 *
 * <p>Cells: one per (replicate s, r) ({@code seedsFor(ID).child(s).child(r)}): the best-head error on the half-octave
 * grid {@code n/d² = 2^{k/2}} from 1/2 to 32, walked until it drops to {@code ε = 0.03} ({@link GridWalk}), the width
 * floor (best head on the oracle layer {@code W¹UᵀU}) and the fitted head's error at the last point; plus the control.
 * Statistic ({@link RankCrossings}): the crossings {@code n*(r)} (log-log interpolation) and the exponent of
 * {@code n* ∝ r^γ} fitted per replicate and averaged ({@link Exponents#seedSlope}); the crossings at ε = 0.1 and 0.05
 * are reported, not judged (near {@code n ≈ d²} the onset of alignment is r-free, so large ε mixes an r-free offset
 * into n*).
 *
 * <p>The rate {@code n ≳ d²r} is sufficient, an upper bound: check {@code γ − t_{0.975,R−1}·SE − δ_floor <= 1}
 * (one-sided, {@link UpperExponent}; a crossing at the first grid point or none is no measurement and fails), and
 * the level ({@link AlignmentLevel}): at {@code n = d²} the learned layer is no farther from span(U) than predicted;
 * {@code δ_floor = log(ε/(ε − f₄))/log(r_max/r_min)} the most the measured width floor {@code f₄} (mean over replicates
 * at r_max) can raise the exponent if the error behaves as {@code f + C/n}. Control: the best head on the frozen random first layer {@code W⁰}, largest r, must stay above ε.
 */
public final class SampleComplexityRankClaim
        implements Claim<SampleComplexityRankClaim.Run, SampleComplexityRankClaim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity-r";
    private static final int WIDTH = 256;
    private static final double EPSILON = 0.03;
    /** The ε at which crossings are reported, the judged {@link #EPSILON} last. */
    static final double[] REPORTED_EPSILONS = {0.1, 0.05, EPSILON};
    private static final double PREDICTED_EXPONENT = 1;
    static final int[] RANKS = {1, 2, 4};
    /** The grid {@code n/d² = 2^{k/2}} from 1/2 to 32. */
    static final double[] RATIOS = Grids.octaveGrid(0.5, 32, 2);
    /** The grid point {@code n/d²} of the level and its index on the grid (every curve is walked up to it). */
    private static final double LEVEL_RATIO = 1;
    private static final int LEVEL_INDEX = Grids.pointsUpTo(RATIOS, LEVEL_RATIO) - 1;
    /** The replicate index of the negative control's cell. */
    private static final int CONTROL = -1;

    /** The dimension and replicates of a scale: the claim is about r, so d only grows with the scale. */
    private record Sizes(int d, int replicates) {
        static Sizes of(Scale scale) {
            return switch (scale) {
                case QUICK -> new Sizes(32, 4);
                case FULL -> new Sizes(64, 8);
                case PAPER -> new Sizes(128, 10);
                case CLUSTER -> new Sizes(512, 16);
            };
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "At fixed d ≫ r and κ = 1, the samples n*(ε) the first step needs for error ε = 0.03 (best head on the"
                + " learned layer, head share separated) grow at most like r, and the learned layer is as close to"
                + " span(U) at n = d² as the first-order prediction";
    }

    /** One replicate at one rank ({@code replicate >= 0}), or the negative control at the largest rank. */
    record Run(int d, int r, int replicate) implements Cell {
        @Override
        public String key() {
            return replicate == CONTROL ? "control" : "r" + r + "-s" + replicate;
        }

        /** Multiply-adds of the first steps over the whole grid, {@code Σ n·d·m} (an upper bound: it stops at ε). */
        @Override
        public double work() {
            return replicate == CONTROL ? (double) WIDTH * WIDTH * d : Grids.work(RATIOS, (double) d * d,
                    (double) d * WIDTH);
        }

        /** Weights, one data block, the validation features and a Gram: {@code 8(2md + B·d + 4096m + m²)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (2L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d + Conventions.VALIDATION_SAMPLES * WIDTH
                    + (long) WIDTH * WIDTH);
        }
    }

    /** A cell's result: one replicate's curve and its figures at the crossing, or the control's error. */
    sealed interface Outcome extends java.io.Serializable permits Replicate, ControlError {
    }

    /**
     * One replicate at one rank: its points (n, best-head error, alignment), and at the last point the oracle floor
     * and the fitted head's exact error.
     */
    record Replicate(List<SizePoint> points, double floor, double fitted, double predictedAlignment)
            implements Outcome {
    }

    /** The best-head error of the frozen random first layer. */
    record ControlError(double error) implements Outcome {
    }

    /** A walked grid point with the first layer it was measured on. */
    private record Step(SizePoint point, TwoLayerNetwork layer) implements GridWalk.Point {
        @Override
        public double x() {
            return point.x();
        }

        @Override
        public double error() {
            return point.error();
        }
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = Grids.cells(sizes.replicates(), RANKS.length, (s, i) -> new Run(sizes.d(), RANKS[i], s));
        cells.add(new Run(sizes.d(), RANKS[RANKS.length - 1], CONTROL));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        int d = cell.d();
        Seeds seeds = ctx.seedsFor(ID);
        if (cell.replicate() == CONTROL) {
            Seeds sd = seeds.child(Sizes.of(ctx.scale()).replicates()).child(cell.r());
            return new ControlError(RandomFeatures.bestHeadError(Target.random(rankTarget(cell.r()), d,
                    sd.rng(Stream.FRAME)), WIDTH, sd));
        }
        OneStepConfig config = OneStepConfig.defaults(WIDTH, ctx.threads());
        OneStepLearner learner = new OneStepLearner(config);
        Seeds sd = seeds.child(cell.replicate()).child(cell.r());
        Problem base = new Problem(Target.random(rankTarget(cell.r()), d, sd.rng(Stream.FRAME)), 0.0, 1,
                Conventions.VALIDATION_SAMPLES, sd);
        List<Step> steps = SampleSizeCurves.walk(base, RATIOS, LEVEL_INDEX + 1, EPSILON, problem -> {
            TwoLayerNetwork layer = learner.firstStep(problem);
            return new Step(new SizePoint(problem.n(), BestHead.of(layer.weights(), layer.biases(), problem.target(),
                    true).relative(), Alignment.energyFraction(layer.weights(), problem.target().frame())), layer);
        });
        // width floor and head share at the last grid point (the upper bracket of the crossing)
        Step last = steps.get(steps.size() - 1);
        Problem top = base.withN(last.point().n());
        Target f = top.target();
        double floor = BestHead.of(f.projectRows(last.layer().weights()), last.layer().biases(), f, true).relative();
        double fitted = ((NetworkPredictor) learner.fit(top).predictor()).populationError(f).relative();
        return new Replicate(steps.stream().map(Step::point).toList(), floor, fitted, AlignmentLevel.predicted(config,
                base, Math.round(LEVEL_RATIO * d * d)));
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int d = sizes.d();
        int replicates = sizes.replicates();
        List<Replicate> reps = Grids.results(results, 0, results.size() - 1, Replicate.class);
        RankCrossings g = RankCrossings.of(reps, d, replicates);
        AlignmentLevel level = AlignmentLevel.of(ID, cells(ctx).stream().map(Run::key).toList(), reps.stream()
                .map(Replicate::points).toList(), reps.stream().mapToDouble(Replicate::predictedAlignment).toArray(),
                LEVEL_INDEX);
        int rMax = RANKS[RANKS.length - 1];
        double meanFloor = g.meanFloorAtRMax();
        double allowance = Exponents.floorAllowance(EPSILON, meanFloor, RANKS[0], rMax);
        double[][] judged = g.judged();
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(g.r(), judged);
        boolean holds = UpperExponent.holds(fit, PREDICTED_EXPONENT, allowance) && level.holds();
        Tolerance exponentTolerance = UpperExponent.tolerance(fit, replicates, allowance, "width-floor");
        double randomError = ((ControlError) results.get(results.size() - 1)).error();
        boolean rejected = randomError > EPSILON;
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.upperBound(PREDICTED_EXPONENT, "n* ≲ r^" + Format.fmt(PREDICTED_EXPONENT)
                        + " (sufficient): the exponent of n* ∝ r^γ at most " + Format.fmt(PREDICTED_EXPONENT)
                        + "; level: at n = d² the learned layer no farther from span(U) than the first-order A_pred"))
                .measured(Exponents.measurement(fit, replicates, g.measuredText(fit, d, replicates, EPSILON) + "; "
                        + level.text(LEVEL_RATIO)))
                .tolerance(Tolerance.of(exponentTolerance.value(), "exponent: " + exponentTolerance.derivation()
                        + "; " + level.tolerance()))
                .rationale("Each replicate gives its own crossings n*(r) and exponent, so the SE is the spread of "
                        + replicates + " independent exponents (Student t, " + (replicates - 1) + " df). The best head"
                        + " (infinite head samples) removes the head's d r^p share; the width floor f = "
                        + Format.fmt(meanFloor) + " (oracle layer W¹UᵀU, r = " + rMax + ") can raise n*(r_max) by"
                        + " at most ε/(ε − f), i.e. the exponent by log(ε/(ε − f))/log(" + rMax + "/" + RANKS[0]
                        + ") = " + Format.fmt(allowance) + ", added to the interval. The level pins the learned layer"
                        + " at n = d² to the first-order prediction (docs/math.md §6), so that a uniformly less"
                        + " sample-efficient first step fails; its cells are independent, its SE their spread.")
                .holds(holds)
                .control("frozen random first layer W⁰ (no step), best head at r = " + rMax, rejected,
                        Measurement.exact(randomError, "best-head error " + Format.fmt(randomError) + ": ε = " + EPSILON
                                + (rejected ? " not reached" : " reached")))
                .details(new RankCrossings.Details("r^{-1/2} Σ_{i≤r} h2(z_i)", WIDTH, d, RANKS, EPSILON, replicates, RATIOS, judged,
                        Exponents.Fit.of(fit), g.byEpsilon(), g.floors(), meanFloor, allowance, g.headShare(),
                        level.logRatio(), level.mean(), level.se(), randomError))
                .sweeps(List.of(g.sweep(), g.table(), level.table()))
                .plots(fit == null ? List.of() : List.of(ExponentPlot.of(ID + "-exponent", "n*(r): samples for"
                        + " best-head error " + EPSILON + " (d = " + d + ", m = " + WIDTH + ")", "r", RANKS, judged,
                        fit, PREDICTED_EXPONENT, "r")))
                .build();
    }

    /** {@code g_r = r^{-1/2} Σ_{i≤r} h₂(z_i)}, built from its spec. */
    static HermitePolynomial rankTarget(int r) {
        StringBuilder spec = new StringBuilder("(");
        for (int i = 1; i <= r; i++) {
            spec.append(i > 1 ? "+" : "").append("h2(z").append(i).append(')');
        }
        return TargetSpec.resolve(spec.append(")/sqrt(").append(r).append(')').toString());
    }
}
