package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.theory.PopulationError;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.HeadConfig;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;
import org.replearn.core.training.RidgeHead;

/**
 * Algorithm 1 step 5 as the paper writes it (docs/math.md §4): the second layer trained by {@code T} steps of gradient
 * descent with step {@code η₂ = 1/(2(tr G + λ₂))} and weight decay {@code λ₂} on the frozen features reaches the
 * error of the closed-form ridge head (λ chosen on validation). {@code T} is chosen on the same validation set among
 * {@code T_max·2^{-k/4}}, {@code T_max = 32m} ({@link RidgeHead#stoppingGrid}).
 *
 * <p>Problem: the reference demo of docs/math.md §4 scaled down, {@code single-h2}, {@code σ_ε² = 1}, {@code n = d²},
 * {@code m = 8d}. Cells: one per replicate ({@code ctx.seedsFor(ID).child(rep)}: own frame, initialization, samples);
 * every head is fitted on the same problem and judged by its exact population error ({@link PopulationError}).
 * Checks, both must hold: (i) the 95 % Student-t interval of the paired differences {@code Δ = E_GD − E_ridge} lies
 * within {@code ±SE(E_ridge)} (an equivalence test); (ii) the heads' frozen first layer is Algorithm 1's step: in every
 * replicate its relative distance to {@link GdHeadFirstLayer} (the step recomputed from its definition) is within the
 * rounding bound; (iii) the ridge head's weights are the ridge solution at the λ it reports: in every replicate their
 * relative distance to {@link GdHeadRidge}'s solve is within its rounding bound. Controls: by check (i), the GD head
 * stopped at a tenth of its validated {@code T}, and a ridge head whose λ is chosen on its own training samples
 * (docs/math.md §7), its margin the standard error of that head's error; by check (ii), the step without weight decay
 * ({@link Controls}) and the frozen random layer {@code W⁰}; by check (iii), the solution at the grid's next λ. Reported:
 * the exact best-head errors ({@link BestHead}) of the learned, the no-weight-decay and the random layer.
 */
public final class GdHeadClaim implements Claim<GdHeadClaim.Run, GdHeadClaim.Heads> {
    /** The claim id. */
    public static final String ID = "gd-head";
    /** Label noise variance {@code σ_ε²} of the reference demo. */
    static final double NOISE = Conventions.LABEL_NOISE;
    /** Width per input dimension ({@code m = 8d}). */
    static final int WIDTH_PER_DIMENSION = 8;
    /** Most gradient steps per hidden unit ({@code T_max = 32m}); {@code T} is chosen on validation below it. */
    static final int STEPS_PER_WIDTH = 32;
    /** The weight decay {@code λ₂}. */
    static final double LAMBDA = 0.01;
    /** The control runs {@code T̂ / CONTROL_DIVISOR} steps, {@code T̂} the replicate's validated {@code T}. */
    static final int CONTROL_DIVISOR = 10;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Algorithm 1's second stage as T steps of gradient descent (η₂, λ₂) on the frozen features reaches the"
                + " error of the closed-form ridge head with validated λ";
    }

    /** The sizes at a scale: d and the replicates. */
    private record Sizes(int d, int replicates) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(32, 64), s.pick(8, 8));
        }
    }

    /** One replicate: the four heads on one problem. */
    record Run(int replicate, int d) implements Cell {
        @Override
        public String key() {
            return "r" + replicate;
        }

        /**
         * Multiply-adds of six first steps and feature maps ({@code 6n·d·m}, the reference step included), the GD
         * head's {@code T_max·m²} and three best heads' Grams ({@code 3m²}, a few hundred operations per entry).
         */
        @Override
        public double work() {
            double m = WIDTH_PER_DIMENSION * d;
            return 6.0 * d * d * d * m + STEPS_PER_WIDTH * m * m * m + 3 * 300 * m * m;
        }

        /** The training features and their Gram, the validation features, the training samples, one data block. */
        @Override
        public long memoryBytes() {
            long m = (long) WIDTH_PER_DIMENSION * d;
            return 8L * ((long) d * d * m + m * m + Conventions.VALIDATION_SAMPLES * m + (long) d * d * d
                    + DataSource.BLOCK_ROWS * d);
        }
    }

    /** One head's fit: its exact error, λ and gradient steps (no wall time: a cell result is a pure function). */
    record Head(double error, double lambda, int steps) implements java.io.Serializable {
        static Head of(FitResult fit, Target f) {
            NetworkPredictor net = (NetworkPredictor) fit.predictor();
            return new Head(net.populationError(f).relative(), fit.lambda(), fit.headSteps());
        }
    }

    /**
     * One replicate: ridge, GD with validated T, GD with a tenth of it, ridge with λ on training; the first layers;
     * the ridge head against its solve.
     */
    record Heads(Head ridge, Head gd, Head stopped, Head trainingRidge, GdHeadLayers layers, GdHeadRidge ridgeSolve)
            implements java.io.Serializable {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int rep = 0; rep < sizes.replicates(); rep++) {
            cells.add(new Run(rep, sizes.d()));
        }
        return cells;
    }

    @Override
    public Heads compute(Run cell, RunContext ctx) {
        int d = cell.d();
        int m = WIDTH_PER_DIMENSION * d;
        Seeds seeds = ctx.seedsFor(ID).child(cell.replicate());
        OneStepConfig ridgeConfig = OneStepConfig.defaults(m, ctx.threads());
        OneStepConfig gdConfig = ridgeConfig.withHead(new HeadConfig.GradientDescent(LAMBDA, STEPS_PER_WIDTH * m,
                0.0, true));
        Target f = Target.random(TargetSpec.resolve("single-h2"), d, seeds.rng(Stream.FRAME));
        Problem p = new Problem(f, NOISE, (long) d * d, Conventions.VALIDATION_SAMPLES, seeds);
        Head gd = Head.of(new OneStepLearner(gdConfig).fit(p), f);
        int controlSteps = Math.max(1, gd.steps() / CONTROL_DIVISOR);
        Head stopped = Head.of(new OneStepLearner(ridgeConfig.withHead(new HeadConfig.GradientDescent(LAMBDA,
                controlSteps))).fit(p), f);
        TwoLayerNetwork init = SymmetricInit.initialize(m, d, seeds, ridgeConfig.network().unitSphere());
        FitResult ridge = new OneStepLearner(ridgeConfig).fit(p);
        GdHeadRidge solve = GdHeadRidge.of(p.train().materialize(), ((NetworkPredictor) ridge.predictor()).network(),
                ridge.lambda(), ((HeadConfig.Ridge) ridgeConfig.network().head()).lambdaGrid());
        return new Heads(Head.of(ridge, f), gd, stopped, Head.of(new OneStepLearner(ridgeConfig).fit(p, p.train()), f),
                GdHeadLayers.of(p, init, new OneStepLearner(ridgeConfig).firstStep(p)), solve);
    }

    @Override
    public ClaimResult reduce(List<Heads> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int replicates = sizes.replicates();
        double[] ridge = column(results, h -> h.ridge().error());
        double[] ridgeMean = Intervals.meanAndStandardError(ridge);
        double t = Intervals.studentCritical(replicates - 1);
        double margin = ridgeMean[1];
        PairedEquivalence main = PairedEquivalence.of(difference(results, Heads::gd, Heads::ridge), t, margin);
        PairedEquivalence stopped = PairedEquivalence.of(difference(results, Heads::stopped, Heads::ridge), t, margin);
        // the same check with the ridge head replaced by one whose λ was chosen on its own training samples
        PairedEquivalence onTraining = PairedEquivalence.of(difference(results, Heads::gd, Heads::trainingRidge), t,
                Intervals.meanAndStandardError(column(results, h -> h.trainingRidge().error()))[1]);
        GdHeadLayerCheck layer = GdHeadLayerCheck.layer(results, GdHeadLayers::distance);
        GdHeadLayerCheck noDecay = GdHeadLayerCheck.layer(results, GdHeadLayers::noDecayDistance);
        GdHeadLayerCheck random = GdHeadLayerCheck.layer(results, GdHeadLayers::randomDistance);
        GdHeadLayerCheck solve = GdHeadLayerCheck.ridge(results, GdHeadRidge::distance);
        GdHeadLayerCheck neighbor = GdHeadLayerCheck.ridge(results, GdHeadRidge::neighborDistance);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(0, "(i) E_GD = E_ridge within the ridge error's standard error: the"
                        + " 95 % interval of the paired difference E_GD − E_ridge lies in ±SE(E_ridge); (ii) the heads'"
                        + " first layer is Algorithm 1's step; (iii) the ridge head's weights are the ridge solution at the λ it"
                        + " reports (relative distances 0 up to rounding)"))
                .measured(Measurement.of(main.mean(), main.standardError(), replicates,
                        GdHeadReport.measured(results, ridgeMean, main, layer, solve)))
                .tolerance(Tolerance.of(margin, "(i) |mean Δ| + t·SE(Δ) <= SE(E_ridge) (t = " + Format.fmt(t)
                        + ", " + replicates + " replicates); (ii) relative distance <= the rounding bound of the two"
                        + " computations (γ_{2n+d+2}, smallest " + Format.fmt(layer.minBound()) + "); (iii) likewise (the"
                        + " perturbation bound of the two solves, smallest " + Format.fmt(solve.minBound()) + ")"))
                .rationale("d = " + sizes.d() + ", n = d², m = 8d, σ² = 1, single-h2 (the reference demo scaled); η₂ ="
                        + " 1/(2(tr G + λ₂)) (the library default), λ₂ = " + LAMBDA + ", T chosen on validation among"
                        + " 32m·2^(−k/4) as ridge chooses λ (GD's cut-off ln2·tr G/T reaches 0.022, tr G ≈ m). Paired"
                        + " replicates"
                        + " (same first layer for both heads), exact population errors; equivalence margin ="
                        + " the standard error of the ridge error's own mean. The first layer is checked against"
                        + " Algorithm 1's step recomputed from its definition (de-linearized labels, the network"
                        + " gradient, ||W¹||_F² = m) on the same samples, so a learner whose first layer is broken"
                        + " fails (ii) even where the heads still agree; the ridge head against a Cholesky solve of its"
                        + " normal equations at its λ (features, Gram and de-linearized labels recomputed), (iii).")
                .holds(main.holds() && layer.holds() && solve.holds())
                .control("the same gradient-descent head stopped at a tenth of its validated T (cut-off ten times"
                        + " higher)", !stopped.holds(), stopped.measurement(replicates, ""))
                .control("the ridge head with λ chosen on the training set instead of the validation set (docs/math.md"
                        + " §7), compared with the same gradient-descent head", !onTraining.holds(),
                        onTraining.measurement(replicates, "GD − ridge(training λ) "))
                .control("the first step without weight decay (W⁰ kept) as the heads' first layer, check (ii)",
                        !noDecay.holds(), noDecay.measurement(""))
                .control("the frozen random layer W⁰ (random features) as the heads' first layer, check (ii)",
                        !random.holds(), random.measurement(""))
                .control("the ridge solution at the grid's next λ as the ridge head's weights, check (iii)",
                        !neighbor.holds(), neighbor.measurement(""))
                .details(GdHeadDetails.of(sizes.d(), sizes.replicates(), results, ridgeMean, t, main, stopped,
                        onTraining, layer, solve))
                .sweeps(List.of(GdHeadReport.sweep(sizes.d(), results)))
                .plots(List.of(GdHeadReport.plot(sizes.d(), sizes.replicates(), results)))
                .build();
    }

    static double[] column(List<Heads> results, ToDoubleFunction<Heads> f) {
        return results.stream().mapToDouble(f).toArray();
    }

    /** The paired differences of the errors of heads {@code a} and {@code b}. */
    private static double[] difference(List<Heads> results, Function<Heads, Head> a, Function<Heads, Head> b) {
        return column(results, h -> a.apply(h).error() - b.apply(h).error());
    }
}
