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
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.UpperExponent;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * docs/math.md §6 "Sample complexity", the {@code κ²} in {@code n ≍ d² r κ²}: for
 * {@code g_κ = (κ h₂(z₁) + h₂(z₂))/sqrt(κ² + 1)} (unit variance; {@code G₂} has eigenvalues
 * {@code sqrt 2 κ/sqrt(κ²+1)} and {@code λ_w = sqrt 2/sqrt(κ²+1)}, condition number κ) the samples the first step needs
 * to recover the weak direction {@code u₂} grow at most like {@code κ²}: the paper's {@code d²rκ²} is sufficient, an
 * upper bound.
 *
 * <p>Statistic: the weak-direction excess {@code ΔR_w} ({@link WeakDirectionExcess}) of the learner's own first layer,
 * exact in the population; its value at {@code n = ∞} ({@link WeakDirectionExcess#population}) is reported.
 *
 * <p>Cells: one per (replicate s, κ in {1, 2, 4}); the replicate's frame, initialization and samples
 * ({@code seedsFor(ID).child(s)}) are shared by the three κ (only the labels differ), so the κ-comparison is paired.
 * Each walks the same half-octave grid {@code n/d² = 2^{k/2}} from 1/8 to 512 for every κ (a grid that scaled with
 * κ² would turn crossings at its first point into the exponent 1) until {@code ΔR_w <= ρ = 0.1} ({@link GridWalk});
 * crossing {@code n_w*(κ)} by log-log interpolation ({@link Grids#crossing}: one at the first grid point, or none, is
 * no measurement and fails). The exponent of {@code n_w* ∝ (κ²)^γ} is fitted per replicate and averaged
 * ({@link Exponents#seedSlope}).
 *
 * <p>Checks: {@code γ − t_{0.975,R−1}·SE <= 1} (one-sided, {@link UpperExponent}); the eigenvalue reading
 * {@code 1/λ_w² ∝ κ² + 1} grows more slowly and is allowed. Level ({@link AlignmentLevel}): at {@code n = d²} (every
 * curve is walked up to it) the learned layer is no farther from span(U) than the first-order prediction, one unit per
 * replicate. Control: the same excess on the frozen random first layer
 * {@code W⁰} (no step) must stay above ρ.
 */
public final class SampleComplexityKappaClaim
        implements Claim<SampleComplexityKappaClaim.Run, SampleComplexityKappaClaim.Outcome> {
    /** The claim id. */
    public static final String ID = "sample-complexity-kappa";
    private static final int WIDTH = 256;
    static final double[] KAPPAS = {1, 2, 4};
    static final double RHO = 0.1;
    /** The bound on the exponent in κ²: the abstract's κ². */
    private static final double UPPER_EXPONENT = 1;
    /** The grid {@code n/d² = 2^{k/2}} from 1/8 to 512, the same for every κ. */
    static final double[] RATIOS = Grids.octaveGrid(0.125, 512, 2);
    /** The grid point {@code n/d²} of the level and its index (every curve is walked up to it). */
    private static final double LEVEL_RATIO = 1;
    private static final int LEVEL_INDEX = Grids.pointsUpTo(RATIOS, LEVEL_RATIO) - 1;
    /** The replicate index of the negative control's cell. */
    private static final int CONTROL = -1;

    /** The dimension and replicates of a scale. */
    private record Sizes(int d, int replicates) {
        static Sizes of(Scale scale) {
            return scale == Scale.QUICK ? new Sizes(32, 4) : new Sizes(48, 6);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "The samples the first step needs to recover the weak direction of H grow with the condition number κ at"
                + " most like κ²";
    }

    /** One replicate at one κ ({@code KAPPAS[k]}), or the control over every replicate at the largest κ. */
    record Run(int d, int replicate, int k, int replicates) implements Cell {
        @Override
        public String key() {
            return replicate == CONTROL ? "control" : "r" + replicate + "-kappa" + (int) KAPPAS[k];
        }

        /**
         * Multiply-adds of the first steps {@code Σ n·d·m} over the whole grid (an upper bound: it stops at ρ); the
         * control: {@code R·m²·d}.
         */
        @Override
        public double work() {
            return replicate == CONTROL ? replicates * (double) WIDTH * WIDTH * d
                    : Grids.work(RATIOS, (double) d * d, (double) d * WIDTH);
        }

        /** Weights, one data block, the validation features and a Gram: {@code 8(2md + B·d + 4096m + m²)} bytes. */
        @Override
        public long memoryBytes() {
            return 8L * (2L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d + Conventions.VALIDATION_SAMPLES * WIDTH
                    + (long) WIDTH * WIDTH);
        }
    }

    /** A cell's result. */
    sealed interface Outcome extends java.io.Serializable permits Curve, ControlExcess {
    }

    /**
     * One grid point: n, the weak component's best-head error on the learned layer, its excess {@code ΔR_w} over the
     * oracle layer, the best-head error for the whole target and the learned layer's alignment with span(U).
     */
    record Point(long n, double learned, double excess, double bestHead, double alignment)
            implements GridWalk.AlignedPoint, java.io.Serializable {
        @Override
        public double x() {
            return n;
        }

        @Override
        public double error() {
            return excess;
        }
    }

    /**
     * A replicate's points at one κ, the weak eigenvalue of {@code g_κ}, the population floor of the excess and the
     * first-order alignment {@code A_pred} at the level's n.
     */
    record Curve(List<Point> points, double weakEigenvalue, double floor, double predictedAlignment)
            implements Outcome {
    }

    /** The smallest excess of the frozen random first layer over the replicates. */
    record ControlExcess(double min) implements Outcome {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = Grids.cells(sizes.replicates(), KAPPAS.length,
                (s, k) -> new Run(sizes.d(), s, k, sizes.replicates()));
        cells.add(new Run(sizes.d(), CONTROL, KAPPAS.length - 1, sizes.replicates()));
        return cells;
    }

    @Override
    public Outcome compute(Run cell, RunContext ctx) {
        int d = cell.d();
        double kappa = KAPPAS[cell.k()];
        OneStepConfig config = OneStepConfig.defaults(WIDTH, ctx.threads());
        if (cell.replicate() == CONTROL) {
            double min = Double.POSITIVE_INFINITY;
            for (int s = 0; s < cell.replicates(); s++) {
                Seeds sd = ctx.seedsFor(ID).child(s);
                Target weak = WeakDirectionExcess.weakComponent(d, sd);
                TwoLayerNetwork frozen = SymmetricInit.initialize(WIDTH, d, sd, config.network().unitSphere());
                min = Math.min(min, WeakDirectionExcess.of(frozen.weights(), frozen.biases(),
                        WeakDirectionExcess.target(weak, kappa), weak));
            }
            return new ControlExcess(min);
        }
        OneStepLearner learner = new OneStepLearner(config);
        Seeds sd = ctx.seedsFor(ID).child(cell.replicate());
        Target weak = WeakDirectionExcess.weakComponent(d, sd);
        Target f = WeakDirectionExcess.target(weak, kappa);
        double scale = (double) d * d;
        List<Point> points = GridWalk.walk(RATIOS.length, LEVEL_INDEX + 1, RHO, i -> {
            long n = Math.round(RATIOS[i] * scale);
            TwoLayerNetwork stepped = learner.firstStep(new Problem(f, 0.0, n, Conventions.VALIDATION_SAMPLES, sd));
            return new Point(n, BestHead.of(stepped.weights(), stepped.biases(), weak, false).relative(),
                    WeakDirectionExcess.of(stepped.weights(), stepped.biases(), f, weak),
                    BestHead.of(stepped.weights(), stepped.biases(), f, true).relative(),
                    Alignment.energyFraction(stepped.weights(), f.frame()));
        });
        Problem base = new Problem(f, 0.0, 1, Conventions.VALIDATION_SAMPLES, sd);
        double floor = WeakDirectionExcess.population(f, weak, SymmetricInit.initialize(WIDTH, d, sd,
                config.network().unitSphere()));
        return new Curve(points, f.hessianEigenvalues()[0], floor, AlignmentLevel.predicted(config, base,
                points.get(LEVEL_INDEX).n()));
    }

    @Override
    public ClaimResult reduce(List<Outcome> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int d = sizes.d();
        int replicates = sizes.replicates();
        List<Curve> curves = Grids.results(results, 0, results.size() - 1, Curve.class);
        KappaCrossings c = KappaCrossings.of(curves, d, replicates);
        double controlMin = ((ControlExcess) results.get(results.size() - 1)).min();
        Exponents.SeedSlope fit = Exponents.seedSlopeIfComplete(c.kappa2(), c.nWeak());
        AlignmentLevel level = AlignmentLevel.of(ID, cells(ctx).subList(0, curves.size()).stream().map(Run::key)
                .toList(), curves.stream().map(Curve::points).toList(), curves.stream()
                .mapToDouble(Curve::predictedAlignment).toArray(), LEVEL_INDEX, KAPPAS.length);
        boolean agrees = UpperExponent.holds(fit, UPPER_EXPONENT, 0) && level.holds();
        boolean controlRejected = controlMin > RHO;
        Tolerance exponentTolerance = UpperExponent.tolerance(fit, replicates, 0, "no");
        double kappaMax = KAPPAS[KAPPAS.length - 1];
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.upperBound(UPPER_EXPONENT, "n_w* ≲ κ² (sufficient): the exponent of n_w* ∝"
                        + " (κ²)^γ at most " + Format.fmt(UPPER_EXPONENT) + " (1/λ_w² ∝ κ² + 1 grows more slowly);"
                        + " level: at n = d² the learned layer no farther from span(U) than the first-order A_pred"))
                .measured(Exponents.measurement(fit, replicates, (fit != null ? Exponents.describe(fit,
                        "n_w* ∝ (κ²)^", replicates, "") + "; population floor of the excess at κ = "
                        + Format.fmt(kappaMax) + ": " + Format.fmt(c.maxFloorAtKappaMax())
                        : "no crossing of ρ = " + RHO + " on n/d² in [" + Format.fmt(RATIOS[0]) + ", "
                                + Format.fmt(RATIOS[RATIOS.length - 1]) + "]: " + Grids.Crossing.unmeasured(
                                        c.outcomes())) + "; " + level.text(LEVEL_RATIO)))
                .tolerance(Tolerance.of(exponentTolerance.value(), "exponent: " + exponentTolerance.derivation()
                        + "; " + level.tolerance()))
                .rationale("Each replicate has its own frame, initialization and samples, shared by the three κ (only"
                        + " the labels differ), so the per-replicate exponents are independent and the standard error"
                        + " is their spread (Student t, " + (replicates - 1) + " df). R_w is an exact population"
                        + " quantity of the learned first layer: the only randomness is the step's sample. The level"
                        + " pins the learned layer to the first-order prediction (docs/math.md §6) at n = d², so that a"
                        + " uniformly less sample-efficient learner fails; its unit is a replicate (the mean over its"
                        + " three κ, which share the replicate's randomness).")
                .holds(agrees && controlRejected)
                .control("frozen random first layer W⁰ (no step), the same excess for the weak component",
                        controlRejected, Measurement.exact(controlMin, "ΔR_w = " + Format.fmt(controlMin) + " at κ = "
                                + Format.fmt(kappaMax) + (controlRejected ? ": above ρ, not resolved" : ": below ρ")))
                .details(c.details(d, WIDTH, UPPER_EXPONENT, fit, controlMin, LEVEL_RATIO, level))
                .sweeps(List.of(c.sweep(), c.crossings(), level.table()))
                .plots(List.of(c.plot(d, WIDTH)))
                .build();
    }

}
