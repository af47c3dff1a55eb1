package org.replearn.checks.claims.paper;

import java.util.List;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.claims.stats.GridWalk.AlignedPoint;
import org.replearn.checks.claims.stats.Intervals;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.AlignmentPrediction;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.Problem;

/**
 * The level of a sample-size claim: how far the learner's own first layer is from {@code span(U)} at one grid point
 * {@code n = ratio·d²}, against the first-order prediction {@link AlignmentPrediction} (docs/math.md §6) for the same
 * initialization. Per cell {@code q = log((1 − A)/(1 − A_pred))}; the learner is at least as sample-efficient as the
 * first-order model unless the mean of q over the independent units is significantly above 0:
 * {@code mean − t_{0.975,N−1}·SE <= 0} (one-sided, 97.5 %). A unit is one cell, or consecutive cells that share their
 * randomness (their mean q is the unit's). A first step that needs c times the samples leaves about
 * c times the noise energy at n, so {@code q ≈ log c} where the noise dominates {@code 1 − A}.
 *
 * @param logRatio  q per cell, in the claim's cell order
 * @param units     N, the number of independent units
 * @param mean      mean of q
 * @param se        its standard error over the N independent units
 * @param critical  {@code t_{0.975,N−1}}
 * @param table     the table {@code id-level}: cell, n, alignment, predicted alignment, q
 */
record AlignmentLevel(double[] logRatio, int units, double mean, double se, double critical, Sweep table) {
    /** {@code A_pred} at {@code n} for the learner's symmetric initialization on {@code base}'s seeds. */
    static double predicted(OneStepConfig config, Problem base, long n) {
        Target f = base.target();
        TwoLayerNetwork init = SymmetricInit.initialize(config.network().width(), f.dimension(), base.seeds(),
                config.network().unitSphere());
        return AlignmentPrediction.predict(f, init.weights(), init.biases(), 0, n);
    }

    /** {@link #of(String, List, List, double[], int, int)} with every cell its own unit. */
    static AlignmentLevel of(String id, List<String> keys, List<? extends List<? extends AlignedPoint>> curves,
            double[] predicted, int index) {
        return of(id, keys, curves, predicted, index, 1);
    }

    /**
     * The level over the cells' curves at grid point {@code index}: cell c is named {@code keys.get(c)} in the table
     * and has the predicted alignment {@code predicted[c]} at that point; each run of {@code cellsPerUnit} consecutive
     * cells is one independent unit.
     */
    static AlignmentLevel of(String id, List<String> keys, List<? extends List<? extends AlignedPoint>> curves,
            double[] predicted, int index, int cellsPerUnit) {
        if (cellsPerUnit < 1 || curves.size() % cellsPerUnit != 0) {
            throw new IllegalArgumentException(curves.size() + " cells do not form units of " + cellsPerUnit
                    + ": pass a positive divisor of the number of cells");
        }
        Sweep.Builder table = Sweep.table(id + "-level", "cell", "n", "alignment", "predicted_alignment", "log_ratio");
        double[] q = new double[curves.size()];
        double[] unit = new double[q.length / cellsPerUnit];
        for (int c = 0; c < q.length; c++) {
            AlignedPoint p = curves.get(c).get(index);
            q[c] = Math.log((1 - p.alignment()) / (1 - predicted[c]));
            unit[c / cellsPerUnit] += q[c] / cellsPerUnit;
            table.row(keys.get(c), p.n(), p.alignment(), predicted[c], q[c]);
        }
        double[] ms = Intervals.meanAndStandardError(unit);
        return new AlignmentLevel(q, unit.length, ms[0], ms[1], Intervals.studentCritical(unit.length - 1),
                table.build());
    }

    /** Whether the mean excess is not significantly above 0 (NaN fails). */
    boolean holds() {
        return mean - critical * se <= 0;
    }

    /** The level's tolerance in words: the one-sided bound above 0. */
    String tolerance() {
        return "level: t_{0.975," + (units - 1) + "}·SE = " + Format.fmt(critical * se)
                + " above 0, one-sided (97.5 %)";
    }

    /** The level in words. */
    String text(double ratio) {
        return "level at n = " + Format.fmt(ratio) + "d²: mean log((1 − A)/(1 − A_pred)) " + Format.fmt(mean)
                + " (SE " + Format.fmt(se) + " over " + units + (units == logRatio.length ? " cells"
                        : " replicates, each the mean of its cells") + "; bound 0 + t·SE " + Format.fmt(critical * se)
                + ")";
    }
}
