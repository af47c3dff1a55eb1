package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * descent with step {@code η₂} and weight decay {@code λ₂} on the frozen features reaches the error of the reference
 * code's closed-form ridge head (λ chosen on validation over 100 values in {@code [1e-10, 1e15]}).
 *
 * <p>Settings. The problem is the reference demo of docs/math.md §4 scaled down: {@code f* = h₂(w*·x)} ({@code single-h2}),
 * label noise {@code σ_ε² = 1}, {@code n = d²}, width {@code m = 8d} (the demo has {@code d = 100, n = 10⁴, m = 10d}),
 * {@link Conventions#VALIDATION_SAMPLES} validation samples; d = 32 (quick) or 64 (full). the math reference does not pin
 * {@code η₂, λ₂, T}. {@code η₂ = 1/(2(tr G + λ₂))}, {@code G = ΦᵀΦ/n}: the library's default, always stable (a
 * monotone contraction in every direction). {@code T} is chosen on the validation set, as the ridge head chooses
 * λ: the iterate with the smallest validation error among {@code T_max·2^{-k/4}} ({@link RidgeHead#stoppingGrid}).
 * GD from {@code a = 0} acts on the eigendirection of eigenvalue {@code Λ} of G through the filter
 * {@code 1 − (1 − 2η₂(Λ + λ₂))^T ≈ 1 − exp(−(Λ + λ₂)T/(tr G))}, which passes half its signal at
 * {@code Λ ≈ ln 2 · tr G / T}; ridge's filter {@code Λ/(Λ + λ)} at {@code Λ = λ}. With rows of {@code W¹} at RMS
 * norm 1 and {@code b ~ N(0, 1)}, {@code tr G ≈ m} (measured 0.99–1.03 m), so {@code T_max = 32m} reaches a cut-off
 * {@code ln 2/32 ≈ 0.022}, below every λ the ridge head's validation picked (grid values 0.039–0.12 at both scales);
 * {@code λ₂ = 0.01}, a weight decay below those cut-offs, keeps the iteration a strictly convex problem with a
 * bounded solution without setting the regularization itself.
 *
 * <p>History (disclosed): the first version fixed {@code T = 12m} (cut-off 0.06). Full seed 2 failed the check
 * below (|Δ| + t·SE 0.0045 against 0.0042), driven by replicates whose validated ridge λ was 0.12, twice that fixed
 * cut-off (one replicate: GD − ridge +0.007). Ridge had a tuning freedom that GD lacked; now both heads choose their
 * one regularization parameter on the same validation set. The check, its margin and the sizes are unchanged.
 *
 * <p>Statistic. Each replicate has its own frame, initialization and samples ({@code ctx.seedsFor(ID).child(rep)});
 * both heads are fitted by {@link OneStepLearner} on the same problem (the same first step and features) and judged
 * by their exact population relative error ({@link PopulationError}, no test-set noise). The paired differences
 * {@code Δ = E_GD − E_ridge} give a 95 % Student-t interval {@code mean ± t·SE(Δ)}. Prediction (the "the
 * ridge head's error within its standard error"): that interval lies within {@code ±SE(E_ridge)}, the standard error of
 * the ridge head's own mean error over the same replicates (an equivalence test). Plain "the interval contains 0" is
 * not the check: GD's spectral filter differs from ridge's, and each parameter is chosen on a grid, so their errors
 * may differ systematically by a little.
 * Controls, by the same check: the same head stopped at a tenth of each replicate's validated {@code T} (its
 * cut-off ten times higher: too few steps to fit the directions ridge keeps); and the comparison with a ridge head
 * whose λ is chosen on its own training samples (docs/math.md §7, {@code OneStepLearner.fit(problem, problem.train())}): at
 * {@code n = 4m} that picks the grid's smallest λ, near-interpolation with σ² = 1, and the two heads no longer agree
 * (its margin the standard error of that head's error).
 */
public final class GdHeadClaim extends SingleRun {
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

    @Override
    ClaimResult run(RunContext ctx) {
        int d = ctx.scale().pick(32, 64);
        int replicates = ctx.scale().pick(8, 8);
        int m = WIDTH_PER_DIMENSION * d;
        long n = (long) d * d;
        int steps = STEPS_PER_WIDTH * m;
        Seeds seeds = ctx.seedsFor(ID);
        OneStepConfig ridgeConfig = OneStepConfig.defaults(m, ctx.threads());
        OneStepConfig gdConfig = ridgeConfig.withHead(new HeadConfig.GradientDescent(LAMBDA, steps, 0.0, true));
        Sweep.Builder sweep = Sweep.table("gd-head", "replicate", "d", "n", "m", "head", "steps", "lambda",
                "error", "difference_from_ridge", "seconds");
        double[] ridge = new double[replicates];
        double[] gd = new double[replicates];
        double[] control = new double[replicates];
        double[] lambdas = new double[replicates];
        int[] validatedSteps = new int[replicates];
        double[] delta = new double[replicates];
        double[] controlDelta = new double[replicates];
        double[] trainingLambda = new double[replicates];
        double[] trainingDelta = new double[replicates];
        for (int rep = 0; rep < replicates; rep++) {
            Seeds cell = seeds.child(rep);
            Target f = Target.random(TargetSpec.resolve("single-h2"), d, cell.rng(Stream.FRAME));
            Problem p = new Problem(f, NOISE, n, Conventions.VALIDATION_SAMPLES, cell);
            FitResult r = new OneStepLearner(ridgeConfig).fit(p);
            FitResult g = new OneStepLearner(gdConfig).fit(p);
            validatedSteps[rep] = g.headSteps();
            int controlSteps = Math.max(1, g.headSteps() / CONTROL_DIVISOR);
            FitResult c = new OneStepLearner(ridgeConfig.withHead(new HeadConfig.GradientDescent(LAMBDA,
                    controlSteps))).fit(p);
            FitResult l = new OneStepLearner(ridgeConfig).fit(p, p.train());
            ridge[rep] = error(r, f);
            gd[rep] = error(g, f);
            control[rep] = error(c, f);
            lambdas[rep] = r.lambda();
            delta[rep] = gd[rep] - ridge[rep];
            controlDelta[rep] = control[rep] - ridge[rep];
            trainingLambda[rep] = error(l, f);
            trainingDelta[rep] = gd[rep] - trainingLambda[rep];
            sweep.row(rep, d, n, m, "ridge (validated λ)", "", r.lambda(), ridge[rep], 0.0, r.totalSeconds());
            sweep.row(rep, d, n, m, "gradient descent, T on validation", g.headSteps(), LAMBDA, gd[rep], delta[rep],
                    g.totalSeconds());
            sweep.row(rep, d, n, m, "gradient descent, T/" + CONTROL_DIVISOR, controlSteps, LAMBDA, control[rep],
                    controlDelta[rep], c.totalSeconds());
            sweep.row(rep, d, n, m, "ridge, λ chosen on the training set (control)", "", l.lambda(),
                    trainingLambda[rep], gd[rep] - trainingLambda[rep], l.totalSeconds());
            ctx.progress().update(rep + 1, replicates);
        }
        double[] ridgeMean = Intervals.meanAndStandardError(ridge);
        double t = Intervals.studentCritical(replicates - 1);
        double margin = ridgeMean[1];
        Equivalence main = Equivalence.of(delta, t, margin);
        Equivalence short_ = Equivalence.of(controlDelta, t, margin);
        // the same check with the ridge head replaced by one whose λ was chosen on its own training samples
        Equivalence onTraining = Equivalence.of(trainingDelta, t, Intervals.meanAndStandardError(trainingLambda)[1]);

        double[] line = {min(ridge, gd, control) * 0.9, max(ridge, gd, control) * 1.1};
        PlotSpec plot = new PlotSpec("gd-head", "Exact population error: gradient-descent head vs ridge head (d = " + d
                + ", n = d², m = " + m + ", " + replicates + " replicates)", "ridge head error (validated λ)",
                "gradient-descent head error", true, true, List.of(
                        new PlotSpec.Series("T on validation", ridge, gd, PlotSpec.Style.POINTS),
                        new PlotSpec.Series("T/" + CONTROL_DIVISOR + " (control)", ridge, control,
                                PlotSpec.Style.POINTS),
                        new PlotSpec.Series("equal error", line, line, PlotSpec.Style.DASHED)),
                List.of());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", "single-h2");
        details.put("noise_variance", NOISE);
        details.put("d", d);
        details.put("n", n);
        details.put("m", m);
        details.put("validation", Conventions.VALIDATION_SAMPLES);
        details.put("replicates", replicates);
        details.put("head_steps_max", steps);
        details.put("head_steps_validated", validatedSteps);
        details.put("head_lambda", LAMBDA);
        details.put("head_learning_rate", "1/(2(tr G + λ₂))");
        details.put("control_steps", "validated T / " + CONTROL_DIVISOR);
        details.put("ridge_error", ridge);
        details.put("ridge_lambda", lambdas);
        details.put("gd_error", gd);
        details.put("control_error", control);
        details.put("ridge_error_mean", ridgeMean[0]);
        details.put("ridge_error_standard_error", ridgeMean[1]);
        details.put("difference_mean", main.mean());
        details.put("difference_standard_error", main.standardError());
        details.put("critical_value", t);
        details.put("margin", margin);
        details.put("control_difference_mean", short_.mean());
        details.put("control_difference_standard_error", short_.standardError());
        details.put("training_lambda_ridge_error", trainingLambda);
        details.put("training_lambda_difference_mean", onTraining.mean());
        details.put("training_lambda_difference_standard_error", onTraining.standardError());
        return ClaimResult.builder(ID, statement())
                .predicted("E_GD = E_ridge within the ridge error's standard error: the 95 % interval of the paired"
                        + " difference E_GD − E_ridge lies in ±SE(E_ridge)")
                .measured("ridge error " + Format.fmt(ridgeMean[0]) + " (SE " + Format.fmt(ridgeMean[1]) + ", λ "
                        + Format.fmt(min(lambdas)) + "–" + Format.fmt(max(lambdas)) + "); GD (T " + minSteps(validatedSteps)
                        + "–" + maxSteps(validatedSteps) + " on validation) − ridge "
                        + main.describe())
                .tolerance("|mean Δ| + t·SE(Δ) <= SE(E_ridge) (t = " + Format.fmt(t) + ", " + replicates
                        + " replicates)")
                .rationale("d = " + d + ", n = d², m = 8d, σ² = 1, single-h2 (the reference demo scaled); η₂ ="
                        + " 1/(2(tr G + λ₂)) (the library default), λ₂ = " + LAMBDA + ", T chosen on validation among"
                        + " 32m·2^(−k/4) as ridge chooses λ (GD's cut-off ln2·tr G/T reaches 0.022, tr G ≈ m). Paired"
                        + " replicates"
                        + " (same first layer for both heads), exact population errors; equivalence margin ="
                        + " the standard error of the ridge error's own mean.")
                .holds(main.holds())
                .control("the same gradient-descent head stopped at a tenth of its validated T (cut-off ten times"
                        + " higher)", !short_.holds(), short_.describe())
                .control("the ridge head with λ chosen on the training set instead of the validation set (docs/math.md §7),"
                        + " compared with the same gradient-descent head", !onTraining.holds(), "GD − ridge(training λ) "
                        + onTraining.describe())
                .details(details)
                .sweeps(List.of(sweep.build()))
                .plots(List.of(plot))
                .build();
    }

    /** The check: the paired differences' 95 % interval {@code mean ± t·SE} inside {@code ±margin}. */
    private record Equivalence(double mean, double standardError, double critical, double margin) {
        static Equivalence of(double[] differences, double critical, double margin) {
            double[] ms = Intervals.meanAndStandardError(differences);
            return new Equivalence(ms[0], ms[1], critical, margin);
        }

        boolean holds() {
            return Math.abs(mean) + critical * standardError <= margin;
        }

        String describe() {
            return Format.fmt(mean) + " ± " + Format.fmt(critical * standardError) + " (SE " + Format.fmt(standardError)
                    + "; the interval " + (Math.abs(mean) <= critical * standardError ? "contains" : "excludes")
                    + " 0), margin ±" + Format.fmt(margin);
        }
    }

    private static double error(FitResult fit, Target f) {
        NetworkPredictor net = (NetworkPredictor) fit.predictor();
        return net.populationError(f).relative();
    }

    private static int minSteps(int[] steps) {
        return Arrays.stream(steps).min().orElseThrow();
    }

    private static int maxSteps(int[] steps) {
        return Arrays.stream(steps).max().orElseThrow();
    }

    private static double min(double[]... arrays) {
        double v = Double.POSITIVE_INFINITY;
        for (double[] a : arrays) {
            for (double x : a) {
                v = Math.min(v, x);
            }
        }
        return v;
    }

    private static double max(double[]... arrays) {
        double v = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double x : a) {
                v = Math.max(v, x);
            }
        }
        return v;
    }
}
