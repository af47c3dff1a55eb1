package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.theory.BestHead;
import org.replearn.core.theory.PopulationError;
import org.replearn.core.training.FitResult;
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
 * {@code n_T} target labels, of which a quarter are the validation labels that choose {@code λ} (they count as target
 * samples). Every error is the exact population relative error ({@link PopulationError}). Each (replicate, d) cell has
 * its own seeds; the 6 replicates are independent, so standard errors come from their spread. {@code d >= 32 = 16r}:
 * the w-term of docs/math.md §5 puts a share of order {@code r/d} of each neuron's step on its own random direction, which
 * at {@code d = 16} still shapes the features (measured: {@code 1 − A} levels off near 0.03 there) and makes small d
 * a different regime from the {@code d ≫ r} the theorem is about.
 *
 * <p>(i) Representation cost {@code R = E_T*(W¹) − E_T*(W¹UᵀU)}, where {@code E_T*} is the error of the best head
 * on the frozen features ({@link BestHead} without a linear part, as the transfer head: population least squares, no
 * fitting noise) and the oracle keeps only the part of the learned layer inside {@code span(U)}, falls as
 * {@code n_S/d²} grows over {@code {2, 8, 32, 128}}: the per-cell exponent of {@code R ∝ (n_S/d²)^γ}, averaged over
 * cells, is below 0 by more than its 95 % Student-t half-width (reported beside the exponent of the out-of-span energy
 * {@code 1 − A}, which R tracks: both near −0.65). (ii) At {@code n_S = 128d²}, the largest source size, the target
 * labels {@code n_T*(ε)} at which the error (mean over two independent target samples) first drops to {@code ε = 0.2}
 * (log-log interpolation on {@code n_T ∈ {32, 45, …, 2048}}) are reached in every cell, and their d-exponent
 * ({@link Fits#seedSlope} over the replicates) is 0 within its 95 % half-width. {@code ε} is several times the
 * representation cost left there (R ≈ 0.01–0.06), so the target error is head-limited, the theorem's regime.
 * What the data show beyond the verdict: pooled over master seeds 0–9 at quick scale (d = 32, 64) the exponent is
 * about +0.19 ± 0.06, and at full scale (d = 32–128) +0.04 to +0.16 per seed: a small positive residual that shrinks
 * as d grows (at {@code n_S = 32d²} it is about 0.3, and matching R across d does not remove it, so it comes from the
 * head fitting through the small out-of-span part of the features, not from R). The per-seed check has a half-width
 * of 0.3–0.9, so it rejects growth like the kernel rate but not this residual.
 * Controls: check (ii) on frozen random features with the same head and preprocessing, and on the first step
 * without weight decay, must fail (they never reach ε at this width).
 *
 * <p>Cells ({@link Claim}): one per (replicate, d). Paper scale ({@code replearn sweep --scale paper}): d = 32…256
 * and 10 replicates (half-width of check (ii) about 0.7 of its size at 6 replicates), fixed before any paper-scale
 * run, to see whether the residual d-exponent described above vanishes. Measured there (master seed 0, one run): it
 * does not: (ii) d-exponent 0.26 ± 0.15 (SE 0.065), so the claim does not hold at paper scale for that seed, while
 * (i) holds (exponent of R −0.61, SE 0.018). Reported, not tuned.
 */
public final class TransferClaim implements Claim<TransferClaim.Run, TransferClaim.CellResult> {
    /** The claim id. */
    public static final String ID = "transfer";
    private static final int WIDTH = 256;
    private static final double EPSILON = 0.2;
    private static final double[] SOURCE_RATIOS = {2, 8, 32, 128};
    /**
     * Independent target samples per {@code n_T}: the error curve of a cell is their mean, so that {@code n_T*} reflects
     * the representation more than one draw of the head's training and validation labels.
     */
    private static final int TARGET_DRAWS = 2;
    /** Target labels {@code n_T}: 32 to 2048 in steps of {@code sqrt 2}. */
    private static final long[] TARGET_SAMPLES = {32, 45, 64, 91, 128, 181, 256, 362, 512, 724, 1024, 1448, 2048};
    /** Fraction of the {@code n_T} target labels held out to choose λ. */
    private static final int VALIDATION_SHARE = 4;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "After one step on n_S ≳ d² source samples, a new head needs n_T target samples independent of d;"
                + " the representation cost against the oracle W¹UᵀU falls with n_S/d²";
    }

    private static int[] dims(Scale scale) {
        return scale.pick(new int[] {32, 64}, new int[] {32, 64, 128}, new int[] {32, 64, 128, 256});
    }

    private static int replicates(Scale scale) {
        return scale.pick(6, 6, 10);
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
            return 8L * (4L * WIDTH * d + 1024L * d + nT * WIDTH + (long) WIDTH * WIDTH);
        }
    }

    @Override
    public List<Run> cells(RunContext ctx) {
        List<Run> cells = new ArrayList<>();
        for (int rep = 0; rep < replicates(ctx.scale()); rep++) {
            for (int d : dims(ctx.scale())) {
                cells.add(new Run(rep, d));
            }
        }
        return cells;
    }

    @Override
    public CellResult compute(Run run, RunContext ctx) {
        return cell(run.replicate(), run.d(), ctx.seedsFor(ID).child(run.replicate()).child(run.d()), ctx.threads());
    }

    @Override
    public ClaimResult reduce(List<CellResult> cells, RunContext ctx) {
        int[] dims = dims(ctx.scale());
        int replicates = replicates(ctx.scale());
        int top = SOURCE_RATIOS.length - 1;
        int grid = TARGET_SAMPLES.length;
        Sweep.Builder sweep = Sweep.table("transfer", "features", "replicate", "target_draw", "d", "n_source",
                "n_source_over_d2", "n_target", "n_target_validation", "error", "oracle_error", "representation_cost",
                "alignment");
        int cellCount = replicates * dims.length;
        double[][] dx = new double[replicates][dims.length];
        double[][] nStar = new double[replicates][dims.length];
        double[][] nStarRandom = new double[replicates][dims.length];
        double[][] nStarNoDecay = new double[replicates][dims.length];
        double[] costSlopes = new double[cellCount];
        double[] outsideSlopes = new double[cellCount];
        double[][][] cost = new double[dims.length][replicates][];
        double[][][] curves = {new double[dims.length][grid], new double[dims.length][(grid + 1) / 2],
            new double[dims.length][(grid + 1) / 2]};
        for (int c = 0; c < cellCount; c++) {
            int rep = c / dims.length;
            int di = c % dims.length;
            CellResult cell = cells.get(c);
            dx[rep][di] = dims[di];
            cost[di][rep] = cell.cost;
            costSlopes[c] = Exponents.powerLaw(SOURCE_RATIOS, cell.cost).slope();
            outsideSlopes[c] = Exponents.powerLaw(SOURCE_RATIOS, cell.outside).slope();
            nStar[rep][di] = cell.nStar[0];
            nStarRandom[rep][di] = cell.nStar[1];
            nStarNoDecay[rep][di] = cell.nStar[2];
            for (int v = 0; v < 3; v++) {
                for (int i = 0; i < cell.errors[v].length; i++) {
                    curves[v][di][i] += cell.errors[v][i] / replicates;
                }
            }
            for (Object[] row : cell.rows) {
                sweep.row(row);
            }
        }
        double[] costMean = Intervals.meanAndStandardError(costSlopes);
        double costT = Intervals.studentCritical(costSlopes.length - 1);
        double[] outsideMean = Intervals.meanAndStandardError(outsideSlopes);
        boolean costFalls = costMean[0] + costT * costMean[1] < 0;
        Independence learnedCheck = Independence.of(dx, nStar);
        Independence randomCheck = Independence.of(dx, nStarRandom);
        Independence noDecayCheck = Independence.of(dx, nStarNoDecay);
        boolean holds = costFalls && learnedCheck.holds();

        List<PlotSpec.Series> costSeries = new ArrayList<>();
        for (int di = 0; di < dims.length; di++) {
            double[] mean = new double[SOURCE_RATIOS.length];
            for (int k = 0; k < SOURCE_RATIOS.length; k++) {
                for (int rep = 0; rep < replicates; rep++) {
                    mean[k] += cost[di][rep][k] / replicates;
                }
            }
            costSeries.add(new PlotSpec.Series("d = " + dims[di], SOURCE_RATIOS, mean, PlotSpec.Style.LINE_POINTS));
        }
        PlotSpec costPlot = new PlotSpec("representation-cost", "Representation cost: best-head error of W¹ minus that"
                + " of W¹UᵀU (mean of " + replicates + " replicates)", "n_S / d²", "representation cost R", true, true,
                costSeries, List.of());
        List<PlotSpec.Series> curveSeries = new ArrayList<>();
        String[] labels = {"learned", "random features", "no weight decay"};
        PlotSpec.Style[] styles = {PlotSpec.Style.LINE_POINTS, PlotSpec.Style.DASHED, PlotSpec.Style.POINTS};
        double[] nT = toDouble(TARGET_SAMPLES);
        double[] coarse = new double[(grid + 1) / 2];
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] = nT[2 * i];
        }
        for (int v = 0; v < 3; v++) {
            for (int di = 0; di < dims.length; di++) {
                curveSeries.add(new PlotSpec.Series(labels[v] + " d = " + dims[di], v == 0 ? nT : coarse,
                        curves[v][di], styles[v]));
            }
        }
        curveSeries.add(new PlotSpec.Series("ε = " + EPSILON, new double[] {nT[0], nT[grid - 1]},
                new double[] {EPSILON, EPSILON}, PlotSpec.Style.DASHED));
        PlotSpec curvePlot = new PlotSpec("transfer", "Target error vs n_T after a source step on n_S = "
                + Format.fmt(SOURCE_RATIOS[top]) + "d² (m = " + WIDTH + ", mean of " + replicates + " replicates)",
                "n_T (target labels, validation included)", "exact relative error", true, true, curveSeries, List.of());

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", "transfer-source");
        details.put("target", "transfer-target");
        details.put("width", WIDTH);
        details.put("d", dims);
        details.put("replicates", replicates);
        details.put("n_source_over_d2", SOURCE_RATIOS);
        details.put("n_target", TARGET_SAMPLES);
        details.put("validation_share", 1.0 / VALIDATION_SHARE);
        details.put("epsilon", EPSILON);
        details.put("representation_cost", cost);
        details.put("representation_cost_exponent", costMean[0]);
        details.put("representation_cost_exponent_standard_error", costMean[1]);
        details.put("representation_cost_critical_value", costT);
        details.put("outside_energy_exponent", outsideMean[0]);
        details.put("outside_energy_exponent_standard_error", outsideMean[1]);
        details.put("n_target_star", nStar);
        details.put("d_exponent", learnedCheck.slope());
        details.put("d_exponent_standard_error", learnedCheck.standardError());
        details.put("d_exponent_half_width", learnedCheck.halfWidth());
        details.put("n_target_star_random", nStarRandom);
        details.put("n_target_star_no_weight_decay", nStarNoDecay);
        return ClaimResult.builder(ID, statement())
                .predicted("(i) representation cost R falls with n_S/d² (exponent < 0); (ii) at n_S = "
                        + Format.fmt(SOURCE_RATIOS[top]) + "d², d-exponent of n_T*(ε = " + EPSILON + ") = 0")
                .measured("(i) exponent of R " + Format.fmt(costMean[0]) + " (SE " + Format.fmt(costMean[1]) + ", "
                        + costSlopes.length + " cells; the out-of-span energy 1 − A falls with exponent "
                        + Format.fmt(outsideMean[0]) + "); (ii) " + learnedCheck.describe())
                .tolerance("(i) exponent + t·SE < 0 (t = " + Format.fmt(costT) + "); (ii) |exponent| <= t·SE (t = "
                        + Format.fmt(learnedCheck.criticalValue()) + ", " + replicates + " replicates) and n_T* reached"
                        + " in every cell")
                .rationale("Standard errors from independent replicates (own source sample, frame, initialization"
                        + " and target sample per cell), 95 % Student-t intervals. R compares the best heads"
                        + " (population least squares on the frozen features, BestHead): a property of"
                        + " the representation, with no head-fitting noise. n_T* uses fitted heads judged by their exact"
                        + " population error; the validation labels choosing λ are counted in n_T.")
                .holds(holds)
                .control("frozen random first layer (random features) with the same head and preprocessing",
                        !randomCheck.holds(), randomCheck.describe())
                .control("first step without weight decay (W¹ = W⁰ − η₁∇, the initialization kept)",
                        !noDecayCheck.holds(), noDecayCheck.describe())
                .details(details)
                .sweeps(List.of(sweep.build()))
                .plots(List.of(curvePlot, costPlot))
                .build();
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

    private static CellResult cell(int rep, int d, Seeds cell, int threads) {
        Target source = Target.random(TargetSpec.resolve("transfer-source"), d, cell.rng(Stream.FRAME));
        Target target = source.withLink(TargetSpec.resolve("transfer-target"));
        OneStepConfig config = OneStepConfig.defaults(WIDTH, threads);
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
        int top = SOURCE_RATIOS.length - 1;
        int grid = TARGET_SAMPLES.length;
        TransferConfig topConfig = new TransferConfig(source, Math.round(SOURCE_RATIOS[top] * d * d), 0.0, config);
        TransferLearner[] variants = {learned, TransferLearner.frozenInitialization(topConfig, cell),
            withoutWeightDecay(learned, config, d, cell)};
        String[] names = {"learned", "random", "no-weight-decay"};
        double[][] errs = new double[3][];
        double[] nStar = new double[3];
        for (int v = 0; v < 3; v++) {
            // the controls only need to show whether they ever reach ε: every other n_T, one target draw
            int stride = v == 0 ? 1 : 2;
            int draws = v == 0 ? TARGET_DRAWS : 1;
            double[] nT = new double[(grid + stride - 1) / stride];
            errs[v] = new double[nT.length];
            for (int i = 0; i < grid; i += stride) {
                nT[i / stride] = TARGET_SAMPLES[i];
                for (int draw = 0; draw < draws; draw++) {
                    Problem p = problem(target, TARGET_SAMPLES[i], cell.child(draw));
                    double e = error(variants[v], p);
                    errs[v][i / stride] += e / draws;
                    rows.add(new Object[] {names[v], rep, draw, d, v == 1 ? 0 : topConfig.sourceSamples(),
                        v == 1 ? 0 : SOURCE_RATIOS[top], TARGET_SAMPLES[i], p.validation(), e, "", "",
                        Alignment.energyFraction(variants[v].firstLayer(), source.frame())});
                }
            }
            nStar[v] = Grids.firstCrossing(nT, errs[v], EPSILON);
        }
        return new CellResult(cost, outside, errs, nStar, rows);
    }

    /**
     * Check (ii) on one kind of features: {@code n_T*} reached in every cell and its d-exponent 0 within the 95 %
     * half-width over replicates.
     */
    private record Independence(boolean reached, Exponents.SeedSlope fit) {
        static Independence of(double[][] d, double[][] nStar) {
            for (double[] row : nStar) {
                for (double v : row) {
                    if (Double.isNaN(v)) {
                        return new Independence(false, null);
                    }
                }
            }
            return new Independence(true, Exponents.seedSlope(d, nStar));
        }

        boolean holds() {
            return reached && fit.agrees(0, 0);
        }

        double slope() {
            return reached ? fit.slope() : Double.NaN;
        }

        double standardError() {
            return reached ? fit.standardError() : Double.NaN;
        }

        double halfWidth() {
            return reached ? fit.halfWidth() : Double.NaN;
        }

        double criticalValue() {
            return reached ? fit.criticalValue() : Double.NaN;
        }

        String describe() {
            return reached ? "d-exponent of n_T* " + Format.fmt(fit.slope()) + " ± " + Format.fmt(fit.halfWidth())
                    + " (SE " + Format.fmt(fit.standardError()) + ")"
                    : "ε = " + EPSILON + " not reached within n_T <= " + TARGET_SAMPLES[TARGET_SAMPLES.length - 1]
                            + " in some cell";
        }
    }

    private static double[] toDouble(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static Problem problem(Target target, long nT, Seeds cell) {
        long validation = nT / VALIDATION_SHARE;
        return new Problem(target, 0.0, nT - validation, validation, cell);
    }

    /** The negative control of docs/math.md §7: {@code W⁰ + W¹}, the learned step added to the initialization it erases. */
    private static TransferLearner withoutWeightDecay(TransferLearner learned, OneStepConfig config, int d,
            Seeds cell) {
        DMatrixRMaj w = SymmetricInit.initialize(WIDTH, d, cell, config.network().unitSphere()).weights();
        CommonOps_DDRM.addEquals(w, learned.firstLayer());
        return learned.withFirstLayer(w);
    }

    /** The exact population relative error of the head {@code learner} fits on {@code problem}. */
    private static double error(TransferLearner learner, Problem problem) {
        FitResult fit = learner.fit(problem);
        NetworkPredictor net = (NetworkPredictor) fit.predictor();
        return net.populationError(problem.target())
                .relative();
    }
}
