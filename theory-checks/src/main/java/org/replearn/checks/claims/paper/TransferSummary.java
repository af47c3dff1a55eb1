package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.TransferClaim.EPSILON;
import static org.replearn.checks.claims.paper.TransferClaim.SOURCE_RATIOS;
import static org.replearn.checks.claims.paper.TransferClaim.TARGET_SAMPLES;
import static org.replearn.checks.claims.paper.TransferClaim.VALIDATION_SHARE;
import static org.replearn.checks.claims.paper.TransferClaim.WIDTH;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.stats.Exponents;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

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

    /** d per (replicate, d). */
    private double[][] dx() {
        double[][] out = new double[replicates][dims.length];
        for (double[] row : out) {
            for (int di = 0; di < dims.length; di++) {
                row[di] = dims[di];
            }
        }
        return out;
    }

    /** {@code n_T*} of features {@code v} per (replicate, d). */
    private double[][] nStar(int v) {
        double[][] out = new double[replicates][dims.length];
        for (int c = 0; c < cells.size(); c++) {
            out[c / dims.length][c % dims.length] = cells.get(c).nStar()[v];
        }
        return out;
    }

    /** Check (ii) on features {@code v} (0 learned, 1 random, 2 without weight decay). */
    Independence independence(int v) {
        return Independence.of(dx(), nStar(v));
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

    Map<String, Object> details(double[] cost, double costT, double[] outside, Independence learned) {
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
        details.put("representation_cost", cost());
        details.put("representation_cost_exponent", cost[0]);
        details.put("representation_cost_exponent_standard_error", cost[1]);
        details.put("representation_cost_critical_value", costT);
        details.put("outside_energy_exponent", outside[0]);
        details.put("outside_energy_exponent_standard_error", outside[1]);
        details.put("n_target_star", nStar(0));
        details.put("d_exponent", learned.slope());
        details.put("d_exponent_standard_error", learned.standardError());
        details.put("d_exponent_half_width", learned.halfWidth());
        details.put("n_target_star_random", nStar(1));
        details.put("n_target_star_no_weight_decay", nStar(2));
        return details;
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
        series.add(new PlotSpec.Series("ε = " + EPSILON, new double[] {nT[0], nT[nT.length - 1]},
                new double[] {EPSILON, EPSILON}, PlotSpec.Style.DASHED));
        return new PlotSpec("transfer", "Target error vs n_T after a source step on n_S = "
                + Format.fmt(SOURCE_RATIOS[SOURCE_RATIOS.length - 1]) + "d² (m = " + WIDTH + ", mean of " + replicates
                + " replicates)", "n_T (target labels, validation included)", "exact relative error", true, true,
                series, List.of());
    }
}
