package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.TransferClaim.EPSILON;
import static org.replearn.checks.claims.paper.TransferClaim.SOURCE_RATIOS;
import static org.replearn.checks.claims.paper.TransferClaim.TARGET_SAMPLES;
import static org.replearn.checks.claims.paper.TransferClaim.VALIDATION_SHARE;
import static org.replearn.checks.claims.paper.TransferClaim.WIDTH;

import java.util.ArrayList;
import java.util.List;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.checks.claims.stats.LevelLine;

/**
 * The statistics of {@link TransferClaim} over its (replicate, d) cells: the per-cell exponents of the representation
 * cost and of the out-of-span energy in {@code n_S/d²}, the d-exponent of {@code n_T*} per kind of features, and the
 * details and figures they are reported in.
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

    /**
     * Check (ii) on one kind of features: {@code n_T*} reached in every cell and its d-exponent 0 within the 95 %
     * half-width over replicates ({@code fit} null when some cell never reached ε).
     */
    record Independence(boolean reached, Exponents.SeedSlope fit) {
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

        Measurement measurement(int replicates) {
            return Measurement.of(slope(), standardError(), replicates, describe());
        }
    }

    /** {@code n_T*} of features {@code v} per (replicate, d). */
    private double[][] nStar(int v) {
        return new ReplicateGrid(replicates, dims).table(cells, c -> c.nStar()[v]);
    }

    /** Check (ii) on features {@code v} (0 learned, 1 random, 2 without weight decay). */
    Independence independence(int v) {
        return Independence.of(new ReplicateGrid(replicates, dims).dx(), nStar(v));
    }

    /** Mean and standard error over cells of the exponent in {@code n_S/d²} of {@code cost} or {@code outside}. */
    private double[] exponent(boolean cost) {
        double[] slopes = new double[cells.size()];
        for (int c = 0; c < slopes.length; c++) {
            slopes[c] = Exponents.powerLaw(SOURCE_RATIOS, cost ? cells.get(c).cost() : cells.get(c).outside())
                    .slope();
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
     * @param nSourceOverD2                           the source sizes {@code n_S/d²}
     * @param nTarget                                 the target labels {@code n_T} of the learned curve
     * @param validationShare                         the share of the {@code n_T} labels that chooses λ
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
     * @param dExponentHalfWidth                      its 95 % half-width
     * @param nTargetStarRandom                       {@code n_T*} of random features per cell
     * @param nTargetStarNoWeightDecay                {@code n_T*} without weight decay per cell
     */
    record Details(String source, String target, int width, int[] d, int replicates, double[] nSourceOverD2,
            long[] nTarget, double validationShare, double epsilon, double[][][] representationCost,
            double representationCostExponent, double representationCostExponentStandardError,
            double representationCostCriticalValue, double outsideEnergyExponent,
            double outsideEnergyExponentStandardError, double[][] nTargetStar, double dExponent,
            double dExponentStandardError, double dExponentHalfWidth, double[][] nTargetStarRandom,
            double[][] nTargetStarNoWeightDecay) {
    }

    /** The details of check (i) ({@code cost}, {@code costT}), the reported {@code outside} and check (ii). */
    Details details(double[] cost, double costT, double[] outside, Independence learned) {
        return new Details("transfer-source", "transfer-target", WIDTH, dims, replicates, SOURCE_RATIOS,
                TARGET_SAMPLES, 1.0 / VALIDATION_SHARE, EPSILON, cost(), cost[0], cost[1], costT, outside[0],
                outside[1], nStar(0), learned.slope(), learned.standardError(), learned.halfWidth(), nStar(1),
                nStar(2));
    }

    /** The target error against {@code n_T} per features and d, and the representation cost against {@code n_S/d²}. */
    List<PlotSpec> plots() {
        double[][][] cost = cost();
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
        return List.of(curvePlot(), costPlot);
    }

    private PlotSpec curvePlot() {
        String[] labels = {"learned", "random features", "no weight decay"};
        PlotSpec.Style[] styles = {PlotSpec.Style.LINE_POINTS, PlotSpec.Style.DASHED, PlotSpec.Style.POINTS};
        List<PlotSpec.Series> series = new ArrayList<>();
        for (int v = 0; v < labels.length; v++) {
            double[][] mean = new double[dims.length][cells.get(0).errors()[v].length];
            for (int c = 0; c < cells.size(); c++) {
                double[] e = cells.get(c).errors()[v];
                for (int i = 0; i < e.length; i++) {
                    mean[c % dims.length][i] += e[i] / replicates;
                }
            }
            for (int di = 0; di < dims.length; di++) {
                series.add(new PlotSpec.Series(labels[v] + " d = " + dims[di], TransferClaim.targetSamples(
                        v == 0 ? 1 : 2), mean[di], styles[v]));
            }
        }
        double[] nT = TransferClaim.targetSamples(1);
        series.add(LevelLine.of("ε = " + EPSILON, nT[0], nT[nT.length - 1], EPSILON));
        return new PlotSpec("transfer", "Target error vs n_T after a source step on n_S = "
                + Format.fmt(SOURCE_RATIOS[SOURCE_RATIOS.length - 1]) + "d² (m = " + WIDTH + ", mean of " + replicates
                + " replicates)", "n_T (target labels, validation included)", "exact relative error", true, true,
                series, List.of());
    }
}
