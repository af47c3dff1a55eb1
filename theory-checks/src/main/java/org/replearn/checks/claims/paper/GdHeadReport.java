package org.replearn.checks.claims.paper;

import static org.replearn.checks.claims.paper.GdHeadClaim.CONTROL_DIVISOR;
import static org.replearn.checks.claims.paper.GdHeadClaim.LAMBDA;
import static org.replearn.checks.claims.paper.GdHeadClaim.WIDTH_PER_DIMENSION;

import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;

/** The table and the figure of {@link GdHeadClaim}: every head's exact error per replicate. */
final class GdHeadReport {
    private GdHeadReport() {
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
