package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * Learning curves in the sample size on the grid {@code n = round(ratio·d²)} (docs/math.md §6), one walked curve per
 * (d, replicate), and the curves of a claim gathered: the curve table {@code (d, replicate, n, n_over_d2,
 * population_error, alignment)}, the crossings {@code n*[s][d]} with their table {@code (d, replicate, n_star,
 * n_star_over_d2, crossing)} (the crossing's kind, {@link org.replearn.checks.claims.stats.Grids.Crossing}), and the
 * mean curve per d over the replicates.
 */
final class SampleSizeCurves {
    private SampleSizeCurves() {
    }

    /** {@link GridWalk#walk} of {@code at} on {@code base} with {@code n = round(ratios[i]·d²)} at grid point i. */
    static <P extends GridWalk.Point> List<P> walk(Problem base, double[] ratios, int common, double level,
            Function<Problem, P> at) {
        int d = base.target().dimension();
        return GridWalk.walk(ratios.length, common, level, i -> at.apply(base.withN(Math.round(ratios[i] * d * d))));
    }

    /**
     * Algorithm 1 fitted on {@code problem}: n, its exact relative population error and the alignment of its first
     * layer with span(U).
     */
    static SizePoint network(OneStepLearner learner, Problem problem) {
        FitResult fit = learner.fit(problem);
        return new SizePoint(problem.n(), ((NetworkPredictor) fit.predictor()).populationError(problem.target())
                .relative(), Alignment.energyFraction(fit.firstLayer(), problem.target().frame()));
    }

    /**
     * The curves gathered: {@code d[s][i] = dims[i]}, the crossings {@code nStar[s][i]} (NaN where not bracketed),
     * every crossing's outcome, both tables, the mean error per d over its replicates on the points every
     * replicate ran (at most {@code meanPoints}) and those errors per replicate, {@code errors[d][replicate][point]}.
     */
    record Gathered(int[] dims, double[] ratios, double[][] d, double[][] nStar, List<Grids.Crossing> outcomes,
            Sweep curves, Sweep crossings, double[][] means, double[][][] errors) {
        /** The crossings that are no measurement, in words ({@link Grids.Crossing#unmeasured}); empty if none. */
        String unmeasured() {
            return Grids.Crossing.unmeasured(outcomes);
        }

        /** The mean curves by d, for the details: {@code "d<d>" → mean error}. */
        Map<String, double[]> meanErrors() {
            Map<String, double[]> byD = new LinkedHashMap<>();
            for (int i = 0; i < dims.length; i++) {
                byD.put("d" + dims[i], means[i]);
            }
            return byD;
        }

        /** The mean curves with ± 2 SE over the replicates as figure series, against n ({@code againstN}) or n/d². */
        List<PlotSpec.Series> meanSeries(boolean againstN) {
            List<PlotSpec.Series> series = new ArrayList<>();
            for (int i = 0; i < dims.length; i++) {
                double[] x = Arrays.copyOf(ratios, means[i].length);
                for (int k = 0; againstN && k < x.length; k++) {
                    x[k] = Math.round(ratios[k] * dims[i] * dims[i]);
                }
                series.add(PlotSpec.Series.replicateMeans("one-step d = " + dims[i], x, errors[i],
                        PlotSpec.Style.LINE_POINTS));
            }
            return series;
        }
    }

    /**
     * Gathers {@code curves} (d-major: {@code curves.get(i·R + s)} is replicate s at {@code dims[i]}) into tables
     * {@code id} and {@code id-crossings}, with the crossing of {@code level} by each ({@link GridWalk#crossingOf}).
     */
    static Gathered gather(String id, int[] dims, double[] ratios, List<List<SizePoint>> curves, int meanPoints,
            double level) {
        int replicates = curves.size() / dims.length;
        Sweep.Builder table = Sweep.table(id, "d", "replicate", "n", "n_over_d2", "population_error", "alignment");
        Sweep.Builder crossings = Sweep.table(id + "-crossings", "d", "replicate", "n_star", "n_star_over_d2",
                "crossing");
        List<Grids.Crossing> outcomes = new ArrayList<>();
        double[][] x = new double[replicates][dims.length];
        double[][] nStar = new double[replicates][dims.length];
        double[][] means = new double[dims.length][];
        double[][][] errors = new double[dims.length][replicates][];
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            List<List<SizePoint>> atD = curves.subList(di * replicates, (di + 1) * replicates);
            int common = meanPoints;
            for (int s = 0; s < replicates; s++) {
                List<SizePoint> points = atD.get(s);
                GridWalk.rows(table, d, s, points, ratios);
                common = Math.min(common, points.size());
                x[s][di] = d;
                Grids.Crossing c = GridWalk.crossingOf(points, level);
                outcomes.add(c);
                nStar[s][di] = c.x();
                crossings.row(d, s, nStar[s][di], nStar[s][di] / ((double) d * d), c.kind().name().toLowerCase());
            }
            means[di] = GridWalk.meanErrors(atD, common);
            for (int s = 0; s < replicates; s++) {
                errors[di][s] = new double[common];
                for (int k = 0; k < common; k++) {
                    errors[di][s][k] = atD.get(s).get(k).error();
                }
            }
        }
        return new Gathered(dims, ratios, x, nStar, outcomes, table.build(), crossings.build(), means, errors);
    }
}
