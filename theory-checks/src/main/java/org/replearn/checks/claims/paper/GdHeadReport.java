package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.GdHeadClaim.CONTROL_DIVISOR;
import static org.replearn.checks.claims.paper.GdHeadClaim.LAMBDA;
import static org.replearn.checks.claims.paper.GdHeadClaim.WIDTH_PER_DIMENSION;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.Intervals;

/** The table and the figure of {@link GdHeadClaim}: every head's exact error per replicate. */
final class GdHeadReport {
    private GdHeadReport() {
    }

    /** The measurement's text: the ridge error, GD − ridge, checks (ii) and (iii), the best-head errors. */
    static String measured(List<GdHeadClaim.Heads> results, double[] ridgeMean, PairedEquivalence main,
            GdHeadLayerCheck layer, GdHeadLayerCheck solve) {
        double[] lambdas = GdHeadClaim.column(results, h -> h.ridge().lambda());
        int[] steps = results.stream().mapToInt(h -> h.gd().steps()).toArray();
        return "ridge error " + Format.fmt(ridgeMean[0]) + " (SE " + Format.fmt(ridgeMean[1]) + ", λ "
                + Format.fmt(Arrays.stream(lambdas).min().orElseThrow()) + "–"
                + Format.fmt(Arrays.stream(lambdas).max().orElseThrow()) + "); GD (T "
                + Arrays.stream(steps).min().orElseThrow() + "–" + Arrays.stream(steps).max().orElseThrow()
                + " on validation) − ridge " + main.describe() + "; (ii) " + layer.measurement("").text() + "; (iii) "
                + solve.measurement("").text() + "; exact best-head error of the learned layer "
                + Format.fmt(mean(results, GdHeadLayers::bestHead)) + " (no weight decay "
                + Format.fmt(mean(results, GdHeadLayers::noDecayBestHead)) + ", frozen W⁰ "
                + Format.fmt(mean(results, GdHeadLayers::randomBestHead)) + ")";
    }

    /** The mean over replicates of a layer's number {@code f}. */
    private static double mean(List<GdHeadClaim.Heads> results, ToDoubleFunction<GdHeadLayers> f) {
        return Intervals.meanAndStandardError(GdHeadClaim.column(results, h -> f.applyAsDouble(h.layers())))[0];
    }

    /** Four rows per replicate, one per head. */
    static Sweep sweep(int d, List<GdHeadClaim.Heads> results) {
        long n = (long) d * d;
        int m = WIDTH_PER_DIMENSION * d;
        Sweep.Builder sweep = Sweep.table("gd-head", "replicate", "d", "n", "m", "head", "steps", "lambda",
                "error", "difference_from_ridge");
        for (int rep = 0; rep < results.size(); rep++) {
            GdHeadClaim.Heads h = results.get(rep);
            double ridge = h.ridge().error();
            double gd = h.gd().error();
            sweep.row(rep, d, n, m, "ridge (validated λ)", "", h.ridge().lambda(), ridge, 0.0);
            sweep.row(rep, d, n, m, "gradient descent, T on validation", h.gd().steps(), LAMBDA, gd, gd - ridge);
            sweep.row(rep, d, n, m, "gradient descent, T/" + CONTROL_DIVISOR, h.stopped().steps(), LAMBDA,
                    h.stopped().error(), h.stopped().error() - ridge);
            sweep.row(rep, d, n, m, "ridge, λ chosen on the training set (control)", "", h.trainingRidge().lambda(),
                    h.trainingRidge().error(), gd - h.trainingRidge().error());
        }
        return sweep.build();
    }

    /** The GD heads' errors against the ridge head's, with the line of equal error. */
    static PlotSpec plot(int d, int replicates, List<GdHeadClaim.Heads> results) {
        double[] ridge = GdHeadClaim.column(results, h -> h.ridge().error());
        double[] gd = GdHeadClaim.column(results, h -> h.gd().error());
        double[] stopped = GdHeadClaim.column(results, h -> h.stopped().error());
        DoubleSummaryStatistics all = Arrays.stream(new double[][] {ridge, gd, stopped}).flatMapToDouble(Arrays::stream)
                .summaryStatistics();
        double[] line = {all.getMin() * 0.9, all.getMax() * 1.1};
        return new PlotSpec("gd-head", "Exact population error: gradient-descent head vs ridge head (d = " + d
                + ", n = d², m = " + WIDTH_PER_DIMENSION * d + ", " + replicates + " replicates)",
                "ridge head error (validated λ)", "gradient-descent head error", true, true, List.of(
                        new PlotSpec.Series("T on validation", ridge, gd, PlotSpec.Style.POINTS),
                        new PlotSpec.Series("T/" + CONTROL_DIVISOR + " (control)", ridge, stopped,
                                PlotSpec.Style.POINTS),
                        new PlotSpec.Series("equal error", line, line, PlotSpec.Style.DASHED)),
                List.of());
    }
}
