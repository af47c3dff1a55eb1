package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Equivalence;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.theory.PopulationError;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.Problem;
import org.replearn.core.training.TransferConfig;
import org.replearn.core.training.TransferLearner;

/**
 * Claim 8 (docs/math.md §6 "Transfer learning"): if the source step had enough samples to recover {@code span(U)}
 * ({@code n_S ≳ d² r κ_S²}), a new head for a target {@code g_T(Ux)} needs a number of target samples independent of
 * d. Source {@code transfer-source}, target {@code transfer-target} on the same {@code U} (r = 2); the first layer is
 * one step of Algorithm 1 on {@code n_S} source samples, frozen; the target head is the ridge head refitted on
 * {@code n_T} target labels, a quarter of them the validation labels that choose {@code λ}. Every error is exact
 * ({@link PopulationError}). Cells: one per (replicate, d), {@code seedsFor(ID).child(rep).child(d)}.
 *
 * <p>(i) The representation cost {@code R = E_T*(W¹) − E_T*(W¹UᵀU)} ({@link BestHead} without a linear part, the
 * oracle keeping only the part of the learned layer inside {@code span(U)}) falls as {@code n_S/d²} grows over
 * {@code {2, 8, 32, 16 log₂ d}}: the per-cell exponent of {@code R ∝ (n_S/d²)^γ}, averaged, is below 0 by more than
 * its 95 % Student-t half-width. (ii) At {@code n_S = 16 d² log₂ d} (the theorem's {@code d² r κ_S²} times a
 * logarithm) the target labels {@code n_T*(ε = 0.2)} at which the error (median over four target samples) first drops
 * to ε (log-log interpolation on {@code n_T ∈ {32, 45, …, 2048}}; a crossing at the first point is not a measurement)
 * are reached in every cell, and their d-exponent is 0 as an {@link Equivalence} against the margin 1/2. Controls:
 * check (ii) on frozen random features, on the first step without weight decay ({@link Controls}) and on a source
 * step with the budget {@code 32 d_min²} for every d must fail.
 */
public final class TransferClaim implements Claim<TransferClaim.Run, TransferClaim.CellResult> {
    /** The claim id. */
    public static final String ID = "transfer";
    static final int WIDTH = 256;
    static final double EPSILON = 0.2;
    /** The source sizes {@code n_S/d²} of check (i) below the one of check (ii). */
    static final double[] SOURCE_RATIOS = {2, 8, 32};
    /** {@code n_S/(d² log₂ d)} of check (ii). */
    static final double SOURCE_PER_LOG = 16;
    /** The control's source budget {@code n_S} for every d, over {@code d_min²}: 32 at d_min, 2 at {@code 4 d_min}. */
    static final double FIXED_SOURCE_RATIO = 32;
    /** Independent target samples per {@code n_T} of the learned features' curve (their mean error). */
    static final int TARGET_DRAWS = 4;
    /** Target labels {@code n_T}: 32 to 2048 in steps of {@code sqrt 2}. */
    static final long[] TARGET_SAMPLES = {32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024, 1448, 2048};
    /** Fraction of the {@code n_T} target labels held out to choose λ. */
    static final int VALIDATION_SHARE = 4;
    /** The features whose target curves are measured: the learned layer, then the three controls. */
    static final String[] FEATURES = {"learned", "random", "no-weight-decay", "fixed-source"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "After one step on n_S ≳ d² polylog(d) source samples, a new head needs n_T target samples"
                + " independent of d; the representation cost against the oracle W¹UᵀU falls with n_S/d²";
    }

    /** The sizes at a scale: the dimensions d and the replicates. */
    record Sizes(int[] dims, int replicates) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(new int[] {16, 32, 64}, new int[] {32, 64, 128}, new int[] {32, 64, 128, 256},
                    new int[] {32, 64, 128, 256, 512, 1024}), s.pick(8, 8, 10, 16));
        }
    }

    /** One (replicate, d) cell: the source steps, then the target-error curves; the control's budget fixedSource. */
    record Run(int replicate, int d, long fixedSource) implements Cell {
        @Override
        public String key() {
            return "s" + replicate + "-d" + d;
        }

        /** Multiply-adds of the source steps, {@code Σ n_S·d·m}: the target heads are small beside them. */
        @Override
        public double work() {
            return Grids.work(sourceRatios(d), (double) d * d, (double) d * WIDTH) + fixedSource * (double) d * WIDTH;
        }

        /** Weights (four variants), one data block and the largest target head's features and Gram matrix. */
        @Override
        public long memoryBytes() {
            long nT = TARGET_SAMPLES[TARGET_SAMPLES.length - 1];
            return 8L * (5L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d + nT * WIDTH + (long) WIDTH * WIDTH);
        }
    }

    /**
     * One (replicate, d) cell: the representation cost over the source sizes, then at the largest the target-error
     * curves of the learned features and of the three controls.
     *
     * @param ratios  the source sizes {@code n_S/d²} of check (i), the last that of check (ii)
     * @param cost    {@code R} per source size
     * @param outside {@code 1 − A} per source size
     * @param errors  target error curves: learned (every {@code n_T}, median of the draws), the controls (every other
     *                {@code n_T}, one draw)
     * @param nStar   {@code n_T*(ε)} of the four curves ({@code NaN} when never reached or crossed at the first point)
     * @param rows    the cell's sweep rows
     */
    record CellResult(double[] ratios, double[] cost, double[] outside, double[][] errors, double[] nStar,
            List<Object[]> rows) implements java.io.Serializable {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        long fixed = Math.round(FIXED_SOURCE_RATIO * sizes.dims()[0] * sizes.dims()[0]);
        return new ReplicateGrid(sizes.replicates(), sizes.dims()).cells((rep, d) -> new Run(rep, d, fixed));
    }

    @Override
    public CellResult compute(Run run, RunContext ctx) {
        int rep = run.replicate();
        int d = run.d();
        Seeds cell = ctx.seedsFor(ID).child(rep).child(d);
        Target source = Target.random(TargetSpec.resolve("transfer-source"), d, cell.rng(Stream.FRAME));
        Target target = source.withLink(TargetSpec.resolve("transfer-target"));
        OneStepConfig config = OneStepConfig.defaults(WIDTH, ctx.threads());
        List<Object[]> rows = new ArrayList<>();
        double[] ratios = sourceRatios(d);
        double[] cost = new double[ratios.length];
        double[] outside = new double[ratios.length];
        TransferLearner learned = null;
        for (int k = 0; k < ratios.length; k++) {
            long nS = Math.round(ratios[k] * d * d);
            learned = TransferLearner.pretrain(new TransferConfig(source, nS, 0.0, config), cell);
            DMatrixRMaj w = learned.firstLayer();
            double e = BestHead.of(w, learned.biases(), target, false).relative();
            double o = BestHead.of(source.projectRows(w), learned.biases(), target, false).relative();
            cost[k] = e - o;
            outside[k] = 1 - Alignment.energyFraction(w, source.frame());
            rows.add(new Object[] {"learned (best head)", rep, "", d, nS, ratios[k], "", "", e, o, e - o,
                1 - outside[k]});
        }
        long nTop = Math.round(ratios[ratios.length - 1] * d * d);
        TransferLearner[] variants = {learned, TransferLearner.frozenInitialization(new TransferConfig(source, nTop,
            0.0, config), cell), Controls.withoutWeightDecay(learned, config, d, cell),
            TransferLearner.pretrain(new TransferConfig(source, run.fixedSource(), 0.0, config), cell)};
        long[] sourceOf = {nTop, 0, nTop, run.fixedSource()};
        double[][] errs = new double[FEATURES.length][];
        double[] nStar = new double[FEATURES.length];
        for (int v = 0; v < FEATURES.length; v++) {
            errs[v] = targetCurve(v, variants[v], target, source, sourceOf[v], rep, cell, rows);
            nStar[v] = Grids.crossing(TransferSummary.targetSamples(v == 0 ? 1 : 2), errs[v], EPSILON).x();
        }
        return new CellResult(ratios, cost, outside, errs, nStar, rows);
    }

    /**
     * The target-error curve of features {@code v} (source step on {@code nS} samples): the learned ones at every
     * {@code n_T}, median of the draws (a λ chosen on few validation labels fails now and then by far); the controls,
     * which check (ii) must reject, at every other {@code n_T}, one draw.
     */
    private static double[] targetCurve(int v, TransferLearner features, Target target, Target source, long nS,
            int rep, Seeds cell, List<Object[]> rows) {
        int stride = v == 0 ? 1 : 2;
        int draws = v == 0 ? TARGET_DRAWS : 1;
        double d2 = Math.pow(target.dimension(), 2);
        double[] errs = new double[TransferSummary.targetSamples(stride).length];
        for (int i = 0; i < TARGET_SAMPLES.length; i += stride) {
            double[] e = new double[draws];
            for (int draw = 0; draw < draws; draw++) {
                long nT = TARGET_SAMPLES[i];
                long validation = nT / VALIDATION_SHARE;
                Problem p = new Problem(target, 0.0, nT - validation, validation, cell.child(draw));
                e[draw] = ((NetworkPredictor) features.fit(p).predictor()).populationError(target).relative();
                rows.add(new Object[] {FEATURES[v], rep, draw, target.dimension(), nS, nS / d2, nT, p.validation(),
                    e[draw], "", "", Alignment.energyFraction(features.firstLayer(), source.frame())});
            }
            Arrays.sort(e);
            errs[i / stride] = (e[(draws - 1) / 2] + e[draws / 2]) / 2;
        }
        return errs;
    }

    /** The source sizes {@code n_S/d²} at d: those of check (i), then {@code 16 log₂ d}, that of check (ii). */
    static double[] sourceRatios(int d) {
        double[] out = Arrays.copyOf(SOURCE_RATIOS, SOURCE_RATIOS.length + 1);
        out[SOURCE_RATIOS.length] = SOURCE_PER_LOG * Math.log(d) / Math.log(2);
        return out;
    }

    @Override
    public ClaimResult reduce(List<CellResult> cells, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        TransferSummary s = TransferSummary.of(sizes.dims(), sizes.replicates(), cells);
        Equivalence learned = s.independence(0);
        double[] cost = s.costExponent();
        double costT = s.costCritical();
        int replicates = sizes.replicates();
        Sweep.Builder sweep = Sweep.table("transfer", "features", "replicate", "target_draw", "d", "n_source",
                "n_source_over_d2", "n_target", "n_target_validation", "error", "oracle_error", "representation_cost",
                "alignment");
        cells.forEach(c -> c.rows().forEach(sweep::row));
        ClaimResult.Builder b = ClaimResult.builder(ID, statement())
                .prediction(Prediction.band(-learned.margin(), learned.margin(), "(i) representation cost R falls"
                        + " with n_S/d² (exponent < 0); (ii) at n_S = 16 d² log₂ d, d-exponent of n_T*(ε = " + EPSILON
                        + ") equivalent to 0 within ±" + Format.fmt(learned.margin())))
                .measured(learned.measurement(replicates, "(i) exponent of R " + Format.fmt(cost[0]) + " (SE "
                        + Format.fmt(cost[1]) + ", " + cells.size() + " cells; the out-of-span energy 1 − A falls with"
                        + " exponent " + Format.fmt(s.outsideExponent()[0]) + "); (ii) " + TransferSummary.describe(
                                learned)))
                .tolerance(learned.tolerance("half the exponent 1 of a target cost growing like d; a factor log d"
                        + " would shift it by " + Format.fmt(s.logFactorAllowance()) + "; (i) exponent + t_{0.975} "
                        + Format.fmt(costT) + "·SE < 0"))
                .rationale("Standard errors from independent replicates (own source sample, frame, initialization and"
                        + " target samples per cell), Student-t intervals. R compares the best heads (population least"
                        + " squares on the frozen features, BestHead): no head-fitting noise. n_T* uses fitted heads"
                        + " judged by their exact population error; the labels choosing λ count in n_T. Check (ii) is"
                        + " an equivalence test: a noisier n_T* widens the interval and makes it harder to pass.")
                .holds(cost[0] + costT * cost[1] < 0 && learned.holds());
        for (int v = 1; v < FEATURES.length; v++) {
            Equivalence control = s.independence(v);
            b.control(TransferSummary.CONTROLS[v - 1], !control.holds(), control.measurement(replicates,
                    TransferSummary.describe(control)));
        }
        return b.details(s.details(cost, costT, learned))
                .sweeps(List.of(sweep.build()))
                .plots(s.plots())
                .build();
    }
}
