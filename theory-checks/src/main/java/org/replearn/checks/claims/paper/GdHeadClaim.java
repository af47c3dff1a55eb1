package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
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
 * Check: the 95 % Student-t interval of the paired differences {@code Δ = E_GD − E_ridge} lies within
 * {@code ±SE(E_ridge)} (an equivalence test). Controls, by the same check: the GD head stopped at a tenth of its
 * validated {@code T}; and a ridge head whose λ is chosen on its own training samples (docs/math.md §7), its margin
 * the standard error of that head's error.
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

        /** Multiply-adds of four first steps and feature maps, {@code 4n·d·m}, and the GD head's {@code T_max·m²}. */
        @Override
        public double work() {
            double m = WIDTH_PER_DIMENSION * d;
            return 4.0 * d * d * d * m + STEPS_PER_WIDTH * m * m * m;
        }

        /** The training features and their Gram, the validation features, one data block. */
        @Override
        public long memoryBytes() {
            long m = (long) WIDTH_PER_DIMENSION * d;
            return 8L * ((long) d * d * m + m * m + Conventions.VALIDATION_SAMPLES * m + DataSource.BLOCK_ROWS * d);
        }
    }

    /** One head's fit: its exact error, λ and gradient steps (no wall time: a cell result is a pure function). */
    record Head(double error, double lambda, int steps) implements java.io.Serializable {
        static Head of(FitResult fit, Target f) {
            NetworkPredictor net = (NetworkPredictor) fit.predictor();
            return new Head(net.populationError(f).relative(), fit.lambda(), fit.headSteps());
        }
    }

    /** One replicate's heads: ridge, GD with validated T, GD with a tenth of it, ridge with λ on training. */
    record Heads(Head ridge, Head gd, Head stopped, Head trainingRidge) implements java.io.Serializable {
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
        return new Heads(Head.of(new OneStepLearner(ridgeConfig).fit(p), f), gd, stopped,
                Head.of(new OneStepLearner(ridgeConfig).fit(p, p.train()), f));
    }

    @Override
    public ClaimResult reduce(List<Heads> results, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        int replicates = sizes.replicates();
        double[] ridge = column(results, h -> h.ridge().error());
        double[] lambdas = column(results, h -> h.ridge().lambda());
        int[] validatedSteps = results.stream().mapToInt(h -> h.gd().steps()).toArray();
        double[] ridgeMean = Intervals.meanAndStandardError(ridge);
        double t = Intervals.studentCritical(replicates - 1);
        double margin = ridgeMean[1];
        PairedEquivalence main = PairedEquivalence.of(difference(results, Heads::gd, Heads::ridge), t, margin);
        PairedEquivalence stopped = PairedEquivalence.of(difference(results, Heads::stopped, Heads::ridge), t, margin);
        // the same check with the ridge head replaced by one whose λ was chosen on its own training samples
        PairedEquivalence onTraining = PairedEquivalence.of(difference(results, Heads::gd, Heads::trainingRidge), t,
                Intervals.meanAndStandardError(column(results, h -> h.trainingRidge().error()))[1]);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(0, "E_GD = E_ridge within the ridge error's standard error: the 95 %"
                        + " interval of the paired difference E_GD − E_ridge lies in ±SE(E_ridge)"))
                .measured(Measurement.of(main.mean(), main.standardError(), replicates, "ridge error "
                        + Format.fmt(ridgeMean[0]) + " (SE " + Format.fmt(ridgeMean[1]) + ", λ "
                        + Format.fmt(Arrays.stream(lambdas).min().orElseThrow()) + "–"
                        + Format.fmt(Arrays.stream(lambdas).max().orElseThrow()) + "); GD (T "
                        + Arrays.stream(validatedSteps).min().orElseThrow() + "–"
                        + Arrays.stream(validatedSteps).max().orElseThrow() + " on validation) − ridge "
                        + main.describe()))
                .tolerance(Tolerance.of(margin, "|mean Δ| + t·SE(Δ) <= SE(E_ridge) (t = " + Format.fmt(t) + ", "
                        + replicates + " replicates)"))
                .rationale("d = " + sizes.d() + ", n = d², m = 8d, σ² = 1, single-h2 (the reference demo scaled); η₂ ="
                        + " 1/(2(tr G + λ₂)) (the library default), λ₂ = " + LAMBDA + ", T chosen on validation among"
                        + " 32m·2^(−k/4) as ridge chooses λ (GD's cut-off ln2·tr G/T reaches 0.022, tr G ≈ m). Paired"
                        + " replicates"
                        + " (same first layer for both heads), exact population errors; equivalence margin ="
                        + " the standard error of the ridge error's own mean.")
                .holds(main.holds())
                .control("the same gradient-descent head stopped at a tenth of its validated T (cut-off ten times"
                        + " higher)", !stopped.holds(), stopped.measurement(replicates, ""))
                .control("the ridge head with λ chosen on the training set instead of the validation set (docs/math.md"
                        + " §7), compared with the same gradient-descent head", !onTraining.holds(),
                        onTraining.measurement(replicates, "GD − ridge(training λ) "))
                .details(details(sizes, results, ridgeMean, t, main, stopped, onTraining))
                .sweeps(List.of(GdHeadReport.sweep(sizes.d(), results)))
                .plots(List.of(GdHeadReport.plot(sizes.d(), sizes.replicates(), results)))
                .build();
    }

    /**
     * The details of the claim; per-replicate arrays follow the replicates.
     *
     * @param target                                the target's link
     * @param noiseVariance                         the label noise variance {@code σ_ε²}
     * @param d                                     the dimension
     * @param n                                     the training samples {@code d²}
     * @param m                                     the width {@code 8d}
     * @param validation                            the validation samples
     * @param replicates                            the replicates
     * @param headStepsMax                          the most gradient steps {@code T_max = 32m}
     * @param headStepsValidated                    the validated {@code T} per replicate
     * @param headLambda                            the GD head's weight decay {@code λ₂}
     * @param headLearningRate                      the GD head's step {@code η₂}, as a formula
     * @param controlSteps                          the stopped control's steps, as a formula
     * @param ridgeError                            the ridge head's exact error per replicate
     * @param ridgeLambda                           its validated λ per replicate
     * @param gdError                               the GD head's exact error per replicate
     * @param controlError                          the stopped GD head's exact error per replicate
     * @param ridgeErrorMean                        the mean ridge error
     * @param ridgeErrorStandardError               its standard error (the equivalence margin)
     * @param differenceMean                        the mean of {@code E_GD − E_ridge} (judged)
     * @param differenceStandardError               its standard error
     * @param criticalValue                         the Student-t critical value
     * @param margin                                the equivalence margin
     * @param controlDifferenceMean                 the stopped control's mean difference
     * @param controlDifferenceStandardError        its standard error
     * @param trainingLambdaRidgeError              the exact error of the ridge head with λ chosen on training
     * @param trainingLambdaDifferenceMean          the mean of {@code E_GD} minus that error
     * @param trainingLambdaDifferenceStandardError its standard error
     */
    record Details(String target, double noiseVariance, int d, long n, int m, long validation, int replicates,
            int headStepsMax, int[] headStepsValidated, double headLambda, String headLearningRate,
            String controlSteps, double[] ridgeError, double[] ridgeLambda, double[] gdError, double[] controlError,
            double ridgeErrorMean, double ridgeErrorStandardError, double differenceMean,
            double differenceStandardError, double criticalValue, double margin, double controlDifferenceMean,
            double controlDifferenceStandardError, double[] trainingLambdaRidgeError,
            double trainingLambdaDifferenceMean, double trainingLambdaDifferenceStandardError) {
    }

    private static Details details(Sizes sizes, List<Heads> results, double[] ridgeMean, double t,
            PairedEquivalence main, PairedEquivalence stopped, PairedEquivalence onTraining) {
        int m = WIDTH_PER_DIMENSION * sizes.d();
        return new Details("single-h2", NOISE, sizes.d(), (long) sizes.d() * sizes.d(), m,
                Conventions.VALIDATION_SAMPLES, sizes.replicates(), STEPS_PER_WIDTH * m,
                results.stream().mapToInt(h -> h.gd().steps()).toArray(), LAMBDA, "1/(2(tr G + λ₂))",
                "validated T / " + CONTROL_DIVISOR, column(results, h -> h.ridge().error()),
                column(results, h -> h.ridge().lambda()), column(results, h -> h.gd().error()),
                column(results, h -> h.stopped().error()), ridgeMean[0], ridgeMean[1], main.mean(),
                main.standardError(), t, ridgeMean[1], stopped.mean(), stopped.standardError(),
                column(results, h -> h.trainingRidge().error()), onTraining.mean(), onTraining.standardError());
    }

    static double[] column(List<Heads> results, ToDoubleFunction<Heads> f) {
        return results.stream().mapToDouble(f).toArray();
    }

    /** The paired differences of the errors of heads {@code a} and {@code b}. */
    private static double[] difference(List<Heads> results, Function<Heads, Head> a, Function<Heads, Head> b) {
        return column(results, h -> a.apply(h).error() - b.apply(h).error());
    }
}
