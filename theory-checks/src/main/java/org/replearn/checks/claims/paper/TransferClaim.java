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
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.api.Tolerance;
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
 * ({@link PopulationError}). Cells: one per (replicate, d), {@code seedsFor(ID).child(rep).child(d)}; {@code d >= 32 =
 * 16r} so that the w-term of docs/math.md §5 (a share {@code r/d} of each neuron's step) does not shape the features.
 *
 * <p>(i) The representation cost {@code R = E_T*(W¹) − E_T*(W¹UᵀU)} ({@link BestHead} without a linear part, the
 * oracle keeping only the part of the learned layer inside {@code span(U)}) falls as {@code n_S/d²} grows over
 * {@code {2, 8, 32, 128}}: the per-cell exponent of {@code R ∝ (n_S/d²)^γ}, averaged, is below 0 by more than its 95 %
 * Student-t half-width. (ii) At {@code n_S = 128d²} the target labels {@code n_T*(ε = 0.2)} at which the error (mean
 * over two target samples) first drops to ε (log-log interpolation on {@code n_T ∈ {32, 45, …, 2048}}) are reached in
 * every cell, and their d-exponent over the replicates is 0 within its 95 % half-width. Controls: check (ii) on
 * frozen random features and on the first step without weight decay ({@link Controls}) must fail.
 */
public final class TransferClaim implements Claim<TransferClaim.Run, TransferClaim.CellResult> {
    /** The claim id. */
    public static final String ID = "transfer";
    static final int WIDTH = 256;
    static final double EPSILON = 0.2;
    static final double[] SOURCE_RATIOS = {2, 8, 32, 128};
    /** Independent target samples per {@code n_T} of the learned features' curve (their mean error). */
    private static final int TARGET_DRAWS = 2;
    /** Target labels {@code n_T}: 32 to 2048 in steps of {@code sqrt 2}. */
    static final long[] TARGET_SAMPLES = {32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024, 1448, 2048};
    /** Fraction of the {@code n_T} target labels held out to choose λ. */
    static final int VALIDATION_SHARE = 4;
    /** The features whose target curves are measured: the learned layer, then the two controls. */
    static final String[] FEATURES = {"learned", "random", "no-weight-decay"};

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "After one step on n_S ≳ d² source samples, a new head needs n_T target samples independent of d;"
                + " the representation cost against the oracle W¹UᵀU falls with n_S/d²";
    }

    /** The sizes at a scale: the dimensions d and the replicates. */
    record Sizes(int[] dims, int replicates) {
        static Sizes of(Scale s) {
            return new Sizes(s.pick(new int[] {32, 64}, new int[] {32, 64, 128}, new int[] {32, 64, 128, 256}),
                    s.pick(6, 6, 10));
        }
    }

    /** One (replicate, d) cell: the source steps, then the target-error curves at the largest source size. */
    record Run(int replicate, int d) implements Cell {
        @Override
        public String key() {
            return "s" + replicate + "-d" + d;
        }

        /** Multiply-adds of the source steps, {@code Σ n_S·d·m}: the target heads are small beside them. */
        @Override
        public double work() {
            double sum = 0;
            for (double ratio : SOURCE_RATIOS) {
                sum += Math.round(ratio * d * d) * (double) d * WIDTH;
            }
            return sum;
        }

        /** Weights (three variants), one data block and the largest target head's features and Gram matrix. */
        @Override
        public long memoryBytes() {
            long nT = TARGET_SAMPLES[TARGET_SAMPLES.length - 1];
            return 8L * (4L * WIDTH * d + (long) DataSource.BLOCK_ROWS * d + nT * WIDTH + (long) WIDTH * WIDTH);
        }
    }

    /**
     * One (replicate, d) cell: the representation cost over the source sizes, then at the largest the target-error
     * curves of the learned features and of the two controls.
     *
     * @param cost    {@code R} per source size
     * @param outside {@code 1 − A} per source size
     * @param errors  target error curves: learned (every {@code n_T}, mean of the draws), random features and no
     *                weight decay (every other {@code n_T}, one draw)
     * @param nStar   {@code n_T*(ε)} of the three curves ({@code NaN} when never reached)
     * @param rows    the cell's sweep rows
     */
    record CellResult(double[] cost, double[] outside, double[][] errors, double[] nStar, List<Object[]> rows)
            implements java.io.Serializable {
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        return new ReplicateGrid(sizes.replicates(), sizes.dims()).cells(Run::new);
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
        double[] cost = new double[SOURCE_RATIOS.length];
        double[] outside = new double[SOURCE_RATIOS.length];
        TransferLearner learned = null;
        for (int k = 0; k < SOURCE_RATIOS.length; k++) {
            long nS = Math.round(SOURCE_RATIOS[k] * d * d);
            learned = TransferLearner.pretrain(new TransferConfig(source, nS, 0.0, config), cell);
            DMatrixRMaj w = learned.firstLayer();
            double[] b = learned.biases();
            double e = BestHead.of(w, b, target, false).relative();
            double o = BestHead.of(source.projectRows(w), b, target, false).relative();
            cost[k] = e - o;
            outside[k] = 1 - Alignment.energyFraction(w, source.frame());
            rows.add(new Object[] {"learned (best head)", rep, "", d, nS, SOURCE_RATIOS[k], "", "", e, o, e - o,
                1 - outside[k]});
        }
        TransferConfig top = new TransferConfig(source, Math.round(SOURCE_RATIOS[SOURCE_RATIOS.length - 1] * d * d),
                0.0, config);
        TransferLearner[] variants = {learned, TransferLearner.frozenInitialization(top, cell),
            Controls.withoutWeightDecay(learned, config, d, cell)};
        double[][] errs = new double[FEATURES.length][];
        double[] nStar = new double[FEATURES.length];
        for (int v = 0; v < FEATURES.length; v++) {
            errs[v] = targetCurve(v, variants[v], target, source, top, rep, cell, rows);
            nStar[v] = Grids.firstCrossing(targetSamples(v == 0 ? 1 : 2), errs[v], EPSILON);
        }
        return new CellResult(cost, outside, errs, nStar, rows);
    }

    /**
     * The target-error curve of features {@code v}: the learned ones at every {@code n_T}, mean of the draws; the
     * controls, which only need to show whether they ever reach ε, at every other {@code n_T}, one draw.
     */
    private static double[] targetCurve(int v, TransferLearner features, Target target, Target source,
            TransferConfig top, int rep, Seeds cell, List<Object[]> rows) {
        int stride = v == 0 ? 1 : 2;
        int draws = v == 0 ? TARGET_DRAWS : 1;
        double[] errs = new double[targetSamples(stride).length];
        for (int i = 0; i < TARGET_SAMPLES.length; i += stride) {
            for (int draw = 0; draw < draws; draw++) {
                long nT = TARGET_SAMPLES[i];
                long validation = nT / VALIDATION_SHARE;
                Problem p = new Problem(target, 0.0, nT - validation, validation, cell.child(draw));
                double e = ((NetworkPredictor) features.fit(p).predictor()).populationError(target).relative();
                errs[i / stride] += e / draws;
                rows.add(new Object[] {FEATURES[v], rep, draw, target.dimension(), v == 1 ? 0 : top.sourceSamples(),
                    v == 1 ? 0 : SOURCE_RATIOS[SOURCE_RATIOS.length - 1], nT, p.validation(), e, "", "",
                    Alignment.energyFraction(features.firstLayer(), source.frame())});
            }
        }
        return errs;
    }

    /** Every {@code stride}-th {@code n_T}. */
    static double[] targetSamples(int stride) {
        double[] out = new double[(TARGET_SAMPLES.length + stride - 1) / stride];
        for (int i = 0; i < out.length; i++) {
            out[i] = TARGET_SAMPLES[i * stride];
        }
        return out;
    }

    @Override
    public ClaimResult reduce(List<CellResult> cells, RunContext ctx) {
        Sizes sizes = Sizes.of(ctx.scale());
        TransferSummary s = TransferSummary.of(sizes.dims(), sizes.replicates(), cells);
        TransferSummary.Independence learned = s.independence(0);
        TransferSummary.Independence random = s.independence(1);
        TransferSummary.Independence noDecay = s.independence(2);
        double[] cost = s.costExponent();
        double[] outside = s.outsideExponent();
        double costT = s.costCritical();
        int replicates = sizes.replicates();
        Sweep.Builder sweep = Sweep.table("transfer", "features", "replicate", "target_draw", "d", "n_source",
                "n_source_over_d2", "n_target", "n_target_validation", "error", "oracle_error", "representation_cost",
                "alignment");
        cells.forEach(c -> c.rows().forEach(sweep::row));
        return ClaimResult.builder(ID, statement())
                .prediction(Prediction.equality(0, "(i) representation cost R falls with n_S/d² (exponent < 0); (ii) at"
                        + " n_S = " + Format.fmt(SOURCE_RATIOS[SOURCE_RATIOS.length - 1]) + "d², d-exponent of"
                        + " n_T*(ε = " + EPSILON + ") = 0"))
                .measured(Measurement.of(learned.slope(), learned.standardError(), replicates, "(i) exponent of R "
                        + Format.fmt(cost[0]) + " (SE " + Format.fmt(cost[1]) + ", " + cells.size() + " cells; the"
                        + " out-of-span energy 1 − A falls with exponent " + Format.fmt(outside[0]) + "); (ii) "
                        + learned.describe()))
                .tolerance(Tolerance.of(learned.halfWidth(), "(i) exponent + t·SE < 0 (t = " + Format.fmt(costT)
                        + "); (ii) |exponent| <= t·SE (t = " + Format.fmt(learned.criticalValue()) + ", " + replicates
                        + " replicates) and n_T* reached in every cell"))
                .rationale("Standard errors from independent replicates (own source sample, frame, initialization"
                        + " and target sample per cell), 95 % Student-t intervals. R compares the best heads"
                        + " (population least squares on the frozen features, BestHead): a property of"
                        + " the representation, with no head-fitting noise. n_T* uses fitted heads judged by their"
                        + " exact population error; the validation labels choosing λ are counted in n_T.")
                .holds(cost[0] + costT * cost[1] < 0 && learned.holds())
                .control("frozen random first layer (random features) with the same head and preprocessing",
                        !random.holds(), random.measurement(replicates))
                .control("first step without weight decay (W¹ = W⁰ − η₁∇, the initialization kept)",
                        !noDecay.holds(), noDecay.measurement(replicates))
                .details(s.details(cost, costT, outside, learned))
                .sweeps(List.of(sweep.build()))
                .plots(s.plots())
                .build();
    }
}
