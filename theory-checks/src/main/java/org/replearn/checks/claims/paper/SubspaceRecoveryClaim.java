package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
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
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.AlignmentPrediction;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * Claim 5 (docs/math.md §6 "Subspace recovery"): the energy fraction {@code A = ||W¹Uᵀ||²/||W¹||²} of the first layer
 * that the one-step learner itself produces ({@link OneStepLearner#firstStep(Problem)}, so that a bug in the learner
 * moves {@code A}) matches the first-order prediction {@code A_pred} of {@link AlignmentPrediction#predict} (with the
 * de-linearization residual of {@link AlignmentAllowance} for a target with constant and linear parts), an identity
 * checked two-sided: per point, the mean over replicates of {@code ρ = (1 − A)/(1 − A_pred)} is 1 within
 * {@code t·SE + δ}, {@code δ} the {@link AlignmentAllowance} for the terms the formula leaves out; and the log-log
 * slope of {@code ρ} against n is 0 within {@code t·SE} plus the slope those allowances permit.
 *
 * <p>Setup: {@code multi-deg4} (r = 2, κ = 1) at {@code n/d² ∈ {1, 2, 4, 8, 16}} (judged for {@code n >= 4d²}, the
 * formula being too pessimistic near {@code d²}), and {@link Conventions#MIXED_TARGET} (constant and linear parts, so
 * that the de-linearization matters) at the smallest d and {@code n = 16d²}; label noise σ² = 0.25, m = 512. Each
 * replicate has its own U, initialization and samples; {@code t} is the Bonferroni Student quantile over all judged
 * statistics (family-wise 95 %). Control: one replicate's step without weight decay at the largest d and n, rejected
 * when its {@code ρ} leaves the band of one replicate, {@code t·SD + δ}.
 */
public final class SubspaceRecoveryClaim
        implements Claim<SubspaceRecoveryClaim.Run, SubspaceRecoveryClaim.Alignments> {
    /** The claim id. */
    public static final String ID = "subspace-recovery";
    private static final String TARGET = "multi-deg4";
    private static final double NOISE = 0.25;
    private static final int WIDTH = 512;
    private static final double[] RATIOS = {1, 2, 4, 8, 16};
    private static final double JUDGED_FROM = 4;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "After the one-step learner's gradient step its first layer's energy inside span(U), A = ||W¹Uᵀ||²/||W¹||²,"
                + " matches the first-order prediction (1 − A over 1 − A_pred is 1 on average over replicates) for"
                + " n >= 4d², also on a target with constant and linear parts, and 1 − A falls with n at the predicted"
                + " slope";
    }

    /** The sizes at a scale: dimensions and replicates per point. */
    record Sizes(int[] dims, int replicates) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(new int[] {32}, new int[] {32, 64, 128}, new int[] {32, 64, 128, 256},
                    new int[] {32, 64, 128, 256, 512, 1024}), s.pick(8, 6, 4, 16));
        }
    }

    /** What a cell measures. */
    enum Kind { MAIN, MIXED, CONTROL }

    /** One replicate of one (d, n) point of {@code kind}. */
    record Run(Kind kind, int replicate, int d, long n) implements Cell {
        @Override
        public String key() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "-r" + replicate + "-d" + d + "-n" + n;
        }

        /** Multiply-adds of the first step, {@code n·d·m}. */
        @Override
        public double work() {
            return (double) n * d * WIDTH;
        }

        /** Weights (initial and stepped), one data block, the gradient and two m×m Gram matrices. */
        @Override
        public long memoryBytes() {
            return 8L * (3L * WIDTH * d + 1024L * d + 2L * WIDTH * WIDTH);
        }
    }

    /**
     * The measured and predicted alignment of one replicate, the allowance's parts and its predicted deviation (the
     * control: its measured alignment; the rest that of the learner at the same point).
     */
    record Alignments(double measured, double predicted, double anisotropy, double ratioBias, double linearPart,
            double predictedSd) implements java.io.Serializable {
        double ratio() {
            return (1 - measured) / (1 - predicted);
        }

        double allowance() {
            return new AlignmentAllowance(predicted, anisotropy, ratioBias, linearPart, predictedSd).total();
        }
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes s = Sizes.of(ctx.scale());
        List<Run> cells = new ArrayList<>();
        for (int rep = 0; rep < s.replicates(); rep++) {
            for (int d : s.dims()) {
                for (double ratio : RATIOS) {
                    cells.add(new Run(Kind.MAIN, rep, d, n(ratio, d)));
                }
            }
        }
        int d0 = s.dims()[0];
        for (int rep = 0; rep < s.replicates(); rep++) {
            cells.add(new Run(Kind.MIXED, rep, d0, n(RATIOS[RATIOS.length - 1], d0)));
        }
        int dLast = s.dims()[s.dims().length - 1];
        cells.add(new Run(Kind.CONTROL, 0, dLast, n(RATIOS[RATIOS.length - 1], dLast)));
        return cells;
    }

    static long n(double ratio, int d) {
        return Math.round(ratio * d * d);
    }

    @Override
    public Alignments compute(Run cell, RunContext ctx) {
        int d = cell.d();
        boolean mixed = cell.kind() == Kind.MIXED;
        Seeds sd = ctx.seedsFor(ID).child(mixed ? 1 : 0).child(cell.replicate()).child(d);
        Target target = Target.random(mixed ? TargetSpec.parse(Conventions.MIXED_TARGET) : TargetSpec.resolve(TARGET),
                d, sd.rng(Stream.FRAME));
        OneStepConfig config = OneStepConfig.defaults(WIDTH, ctx.threads());
        Problem problem = new Problem(target, NOISE, cell.n(), 1, sd);
        TwoLayerNetwork init = SymmetricInit.initialize(WIDTH, d, sd, false);
        DMatrixRMaj w1 = cell.kind() == Kind.CONTROL ? Controls.firstStepWithoutWeightDecay(config, problem).weights()
                : new OneStepLearner(config).firstStep(problem).weights();
        AlignmentAllowance a = AlignmentAllowance.of(target, init.weights(), init.biases(), NOISE, cell.n());
        return new Alignments(Alignment.energyFraction(w1, target.frame()), a.predicted(), a.anisotropy(),
                a.ratioBias(), a.linearPart(), a.sd());
    }

    @Override
    public ClaimResult reduce(List<Alignments> results, RunContext ctx) {
        Sizes s = Sizes.of(ctx.scale());
        int[] dims = s.dims();
        int reps = s.replicates();
        int judgedFrom = 0;
        while (RATIOS[judgedFrom] < JUDGED_FROM) {
            judgedFrom++;
        }
        int judged = dims.length * (RATIOS.length - judgedFrom) + 1 + dims.length;
        double t = Intervals.studentBonferroni(reps - 1, 0.95, judged);
        Alignments[][][] main = new Alignments[dims.length][RATIOS.length][reps];
        for (int c = 0; c < reps * dims.length * RATIOS.length; c++) {
            int ri = c % RATIOS.length;
            int di = (c / RATIOS.length) % dims.length;
            main[di][ri][c / (RATIOS.length * dims.length)] = results.get(c);
        }
        int mixedFrom = reps * dims.length * RATIOS.length;
        Alignments[] mixed = results.subList(mixedFrom, mixedFrom + reps).toArray(new Alignments[0]);
        Alignments control = results.get(mixedFrom + reps);
        SubspaceRecoveryTable table = SubspaceRecoveryTable.of(dims, RATIOS, judgedFrom, main, mixed, t);
        RatioPoint last = table.points()[dims.length - 1][RATIOS.length - 1];
        RatioPoint worst = table.worstPoint();
        boolean controlRejected = last.rejectsSingle(control.ratio(), reps);
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(1, "(1 − A)/(1 − A_pred) = 1 on average for n >= 4d² (multi-deg4, and"
                        + " the mixed target at 16d²); its log-log slope against n = 0"))
                .measured(Measurement.of(worst.mean(), worst.se(), reps, "worst point: mean ρ = "
                        + Format.fmt(worst.mean()) + "; " + table.summary()))
                .tolerance(Tolerance.of(worst.halfWidth(), "|mean ρ − 1| <= t·SE + δ per point, t = " + Format.fmt(t)
                        + " (Student, " + (reps - 1) + " dof, Bonferroni over " + judged + " statistics), δ the derived"
                        + " allowance (noise anisotropy in span(U, w_j) + delta-method ratio bias + 2d/n for the"
                        + " empirical α̂, β̂); slope: t·SE + Σ|c_i|·(−ln(1 − δ_i)); shown: the point nearest to or"
                        + " furthest beyond its band"))
                .rationale("An identity: the replicates' SE covers the sampling noise of A (correlated across neurons"
                        + " through the shared samples), δ bounds what the first-order formula leaves out, computed per"
                        + " cell from its own G_j, v_j, d, n and m.")
                .holds(table.holds())
                .control("first step without weight decay (W¹ = W⁰ − η₁∇, the initialization kept), one replicate",
                        controlRejected, Measurement.exact(control.ratio(), "A = " + Format.fmt(control.measured())
                                + " against predicted " + Format.fmt(control.predicted())
                                + " at d = " + dims[dims.length - 1] + ": ρ = " + Format.fmt(control.ratio())
                                + ", band of one replicate 1 ± " + Format.fmt(last.critical() * last.se()
                                * Math.sqrt(reps) + last.allowance())))
                .details(table.details(TARGET, Conventions.MIXED_TARGET, NOISE, WIDTH, reps, control.ratio()))
                .sweeps(List.of(table.sweep(main, mixed)))
                .plots(List.of(table.plot(TARGET, WIDTH)))
                .build();
    }
}
