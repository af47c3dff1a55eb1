package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.TransferClaim.EPSILON;
import static org.replearn.checks.claims.paper.TransferClaim.FIXED_SOURCE_RATIO;
import static org.replearn.checks.claims.paper.TransferClaim.SOURCE_PER_LOG;
import static org.replearn.checks.claims.paper.TransferClaim.SOURCE_RATIOS;
import static org.replearn.checks.claims.paper.TransferClaim.TARGET_DRAWS;
import static org.replearn.checks.claims.paper.TransferClaim.TARGET_SAMPLES;
import static org.replearn.checks.claims.paper.TransferClaim.VALIDATION_SHARE;
import static org.replearn.checks.claims.paper.TransferClaim.WIDTH;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.checks.claims.stats.LevelLine;

/**
 * The statistics of {@link TransferClaim} over its (replicate, d) cells: the per-cell exponents of the representation
 * cost and of the out-of-span energy in {@code n_S/d²}, the equivalence test of the d-exponent of {@code n_T*} per
 * kind of features, and the details and figures they are reported in.
 */
final class TransferSummary {
    private final int[] dims;
    private final int replicates;
    private final List<TransferClaim.CellResult> cells;

    private TransferSummary(int[] dims, int replicates, List<TransferClaim.CellResult> cells) {
        this.dims = dims;
        this.replicates = replicates;
        this.cells = cells;
    }

    /** The summary of {@code cells}, ordered replicate-major as the claim's cells. */
    static TransferSummary of(int[] dims, int replicates, List<TransferClaim.CellResult> cells) {
        return new TransferSummary(dims, replicates, cells);
    }

    /** The controls of check (ii), in the order of {@link TransferClaim#FEATURES} after the learned features. */
    static final String[] CONTROLS = {"frozen random first layer (random features) with the same head and"
        + " preprocessing", "first step without weight decay (W¹ = W⁰ − η₁∇, the initialization kept)",
        "source step on a fixed budget n_S = " + Format.fmt(FIXED_SOURCE_RATIO) + "·d_min² for every d (n_S/d² falling"
        + " like 1/d²): too few source samples at large d, so n_T* grows with d or ε is never reached"};

    /** Check (ii) in words: the d-exponent of {@code n_T*} and its interval, or why there is none. */
    static String describe(Equivalence e) {
        return e.describe("d-exponent of n_T*", "ε = " + EPSILON + " not reached within n_T <= "
                + TARGET_SAMPLES[TARGET_SAMPLES.length - 1] + " (or already at n_T = " + TARGET_SAMPLES[0]
                + ") in some cell");
    }

    /** Every {@code stride}-th {@code n_T}. */
    static double[] targetSamples(int stride) {
        double[] out = new double[(TARGET_SAMPLES.length + stride - 1) / stride];
        for (int i = 0; i < out.length; i++) {
            out[i] = TARGET_SAMPLES[i * stride];
        }
        return out;
    }

    /** {@code n_T*} of features {@code v} per (replicate, d). */
    private double[][] nStar(int v) {
        return new ReplicateGrid(replicates, dims).table(cells, c -> c.nStar()[v]);
    }

    /** Check (ii) on features {@code v} ({@link TransferClaim#FEATURES}): TOST of the d-exponent of {@code n_T*}. */
    Equivalence independence(int v) {
        return Equivalence.of(Exponents.seedSlopeIfComplete(new ReplicateGrid(replicates, dims).dx(), nStar(v)),
                Equivalence.D_EXPONENT_MARGIN);
    }

    /** The shift a factor {@code log d} in {@code n_T*} makes on its exponent over the dimensions (reported). */
    double logFactorAllowance() {
        return Exponents.logFactorAllowance(dims[0], dims[dims.length - 1]);
    }

    /** Mean and standard error over cells of the exponent in {@code n_S/d²} of {@code cost} or {@code outside}. */
    private double[] exponent(boolean cost) {
        double[] slopes = new double[cells.size()];
        for (int c = 0; c < slopes.length; c++) {
            TransferClaim.CellResult cell = cells.get(c);
            slopes[c] = Exponents.powerLaw(cell.ratios(), cost ? cell.cost() : cell.outside()).slope();
        }
        return Intervals.meanAndStandardError(slopes);
    }

    /** Check (i): the representation cost's exponent, {@code {mean, standard error}} over cells. */
    double[] costExponent() {
        return exponent(true);
    }

    /** The out-of-span energy's exponent (reported), {@code {mean, standard error}} over cells. */
    double[] outsideExponent() {
        return exponent(false);
    }

    /** The Student-t critical value of check (i). */
    double costCritical() {
        return Intervals.studentCritical(cells.size() - 1);
    }

    /** {@code R} per [d][replicate][source size]. */
    private double[][][] cost() {
        double[][][] cost = new double[dims.length][replicates][];
        for (int c = 0; c < cells.size(); c++) {
            cost[c % dims.length][c / dims.length] = cells.get(c).cost();
        }
        return cost;
    }

    /**
     * The details of {@link TransferClaim}; grids are {@code [replicate][d]}.
     *
     * @param source                                  the source's link
     * @param target                                  the target's link
     * @param width                                   the width m
     * @param d                                       the dimensions
     * @param replicates                              the replicates
     * @param nSourceOverD2                           the source sizes {@code n_S/d²} of check (i) below check (ii)'s
     * @param nSourceOverD2LogD                       check (ii)'s {@code n_S/(d² log₂ d)}, also the last of check (i)
     * @param nSourceFixed                            the fixed source budget of the third control
     * @param nTarget                                 the target labels {@code n_T} of the learned curve
     * @param validationShare                         the share of the {@code n_T} labels that chooses λ
     * @param targetDraws                             target samples per {@code n_T} of the learned curve (median)
     * @param epsilon                                 the target error ε defining {@code n_T*}
     * @param representationCost                      R per [d][replicate][source size]
     * @param representationCostExponent              the exponent of R in {@code n_S/d²}, mean over cells (judged)
     * @param representationCostExponentStandardError its standard error
     * @param representationCostCriticalValue         its Student-t critical value
     * @param outsideEnergyExponent                   the exponent of {@code 1 − A} in {@code n_S/d²} (reported)
     * @param outsideEnergyExponentStandardError      its standard error
     * @param nTargetStar                             {@code n_T*} of the learned features per cell
     * @param dExponent                               its d-exponent over replicates (judged; NaN when not reached)
     * @param dExponentStandardError                  its standard error
     * @param dExponentCriticalValue                  {@code t_{0.95, R−1}} of the equivalence test
     * @param dExponentInterval                       its 90 % interval, which must lie inside the margin
     * @param dExponentMargin                         the equivalence margin δ, fixed in advance
     * @param logFactorShift                          the shift a factor {@code log d} makes over the dimensions
     * @param nTargetStarRandom                       {@code n_T*} of random features per cell
     * @param nTargetStarNoWeightDecay                {@code n_T*} without weight decay per cell
     * @param nTargetStarFixedSource                  {@code n_T*} after the fixed-budget source step per cell
     */
    record Details(String source, String target, int width, int[] d, int replicates, double[] nSourceOverD2,
            double nSourceOverD2LogD, long nSourceFixed, long[] nTarget, double validationShare, int targetDraws,
            double epsilon, double[][][] representationCost, double representationCostExponent,
            double representationCostExponentStandardError, double representationCostCriticalValue,
            double outsideEnergyExponent, double outsideEnergyExponentStandardError, double[][] nTargetStar,
            double dExponent, double dExponentStandardError, double dExponentCriticalValue,
            double[] dExponentInterval, double dExponentMargin, double logFactorShift, double[][] nTargetStarRandom,
            double[][] nTargetStarNoWeightDecay, double[][] nTargetStarFixedSource) {
    }

    /** The details of check (i) ({@code cost}, {@code costT}) and check (ii) ({@code learned}). */
    Details details(double[] cost, double costT, Equivalence learned) {
        double[] outside = outsideExponent();
        Exponents.SeedSlope fit = learned.fit();
        return new Details("transfer-source", "transfer-target", WIDTH, dims, replicates, SOURCE_RATIOS,
                SOURCE_PER_LOG, Math.round(FIXED_SOURCE_RATIO * dims[0] * dims[0]), TARGET_SAMPLES, 1.0 / VALIDATION_SHARE, TARGET_DRAWS, EPSILON, cost(),
                cost[0], cost[1], costT, outside[0], outside[1], nStar(0), fit == null ? Double.NaN : fit.slope(),
                fit == null ? Double.NaN : fit.standardError(), learned.critical(),
                new double[] {learned.lower(), learned.upper()}, learned.margin(), logFactorAllowance(), nStar(1),
                nStar(2), nStar(3));
    }

    /**
     * The target error against {@code n_T} (learned features per d, the controls at the largest d), and the
     * representation cost against {@code n_S/d²} per d with the fitted slope and the slope 0 of no decrease; means
     * over the replicates with ± 2 SE.
     */
    List<PlotSpec> plots() {
        double[][][] cost = cost();
        List<PlotSpec.Series> costSeries = new ArrayList<>();
        double logX = 0;
        double logY = 0;
        int count = 0;
        for (int di = 0; di < dims.length; di++) {
            double[] ratios = cells.get(di).ratios();
            PlotSpec.Series mean = PlotSpec.Series.replicateMeans("d = " + dims[di], ratios, cost[di],
                    PlotSpec.Style.LINE_POINTS);
            costSeries.add(mean);
            for (int k = 0; k < ratios.length; k++) {
                logX += Math.log(ratios[k]);
                logY += Math.log(mean.y()[k]);
                count++;
            }
        }
        double[] slope = costExponent();
        double[] ends = {cells.get(0).ratios()[0], cells.get(0).ratios()[cells.get(0).ratios().length - 1]};
        double[] fitted = new double[2];
        for (int i = 0; i < 2; i++) {
            fitted[i] = Math.exp(logY / count + slope[0] * (Math.log(ends[i]) - logX / count));
        }
        costSeries.add(new PlotSpec.Series("fitted slope " + Format.fmt(slope[0]) + " (t·SE " + Format.fmt(
                costCritical() * slope[1]) + "; the check: slope + t·SE < 0)", ends, fitted, PlotSpec.Style.DASHED));
        costSeries.add(new PlotSpec.Series("slope 0 (no decrease)", ends, new double[] {fitted[0], fitted[0]},
                PlotSpec.Style.DASHED));
        PlotSpec costPlot = new PlotSpec("representation-cost", "Representation cost: best-head error of W¹ minus that"
                + " of W¹UᵀU (mean of " + replicates + " replicates)", "n_S / d²", "representation cost R", true, true,
                costSeries, List.of());
        return List.of(curvePlot(), costPlot);
    }

    private PlotSpec curvePlot() {
        String[] labels = {"learned", "control: random features", "control: no weight decay",
            "control: fixed source budget"};
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int v = 0; v < labels.length; v++) {
            double[] nT = targetSamples(v == 0 ? 1 : 2);
            for (int di = v == 0 ? 0 : dims.length - 1; di < dims.length; di++) {
                double[][] errors = new double[replicates][];
                for (int rep = 0; rep < replicates; rep++) {
                    errors[rep] = cells.get(rep * dims.length + di).errors()[v];
                }
                series.add(PlotSpec.Series.replicateMeans(labels[v] + " d = " + dims[di], nT, errors,
                        v == 0 ? PlotSpec.Style.LINE_POINTS : PlotSpec.Style.CONTROL));
            }
        }
        double[] nT = targetSamples(1);
        series.add(LevelLine.of("ε = " + EPSILON, nT[0], nT[nT.length - 1], EPSILON));
        return new PlotSpec("transfer", "Target error vs n_T after a source step on n_S = "
                + Format.fmt(SOURCE_PER_LOG) + " d² log₂ d (m = " + WIDTH + ")", "n_T (target labels, validation"
                + " included)", "exact relative error", true, true, series, List.of());
    }
}
