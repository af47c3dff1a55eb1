package org.replearn.checks.claims.paper;

import java.util.List;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Grids;
import org.replearn.checks.claims.stats.GridWalk;
import org.replearn.checks.claims.stats.GridWalk.SizePoint;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.theory.BestHead;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * The level of a sample-size curve against its first-order prediction (docs/math.md §6): at each walked n the fitted
 * network's exact error (walked), the exact error of the best head on the learner's own first layer, and, on the same
 * grid, the best head on the {@link PredictedLayer} from the same initialization, walked until it reaches the level.
 */
final class LevelCurves {
    /** The child of a replicate's seeds that draws the predicted layer's noise. */
    private static final long PREDICTION_CHILD = 7;

    private LevelCurves() {
    }

    /**
     * A replicate's three curves.
     *
     * @param points    the fitted network's points (n, exact error, alignment), walked until the level
     * @param bestHead  the best head's exact error on the learner's first layer at each of {@code points}
     * @param predicted the best head's exact error on the predicted layer (n, error, its alignment-free 0)
     */
    record Curves(List<SizePoint> points, double[] bestHead, List<SizePoint> predicted) implements java.io.Serializable {
    }

    /** Walks {@code base} (with {@code n = round(ratios[i]·d²)}) for the learner and for its prediction. */
    static Curves walk(OneStepConfig config, Problem base, Seeds sd, double[] ratios, int common, double level) {
        OneStepLearner learner = new OneStepLearner(config);
        int d = base.target().dimension();
        List<double[]> learned = new java.util.ArrayList<>();
        List<SizePoint> points = SampleSizeCurves.walk(base, ratios, common, level, p -> {
            FitResult fit = learner.fit(p);
            TwoLayerNetwork net = ((NetworkPredictor) fit.predictor()).network();
            learned.add(new double[] {BestHead.of(net.weights(), net.biases(), p.target(), true).relative()});
            return SampleSizeCurves.network(fit, p);
        });
        TwoLayerNetwork init = SymmetricInit.initialize(config.network().width(), d, sd,
                config.network().unitSphere());
        PredictedLayer model = PredictedLayer.of(base.target(), init, sd.child(PREDICTION_CHILD).rng(Stream.INIT));
        List<SizePoint> predicted = GridWalk.walk(ratios.length, 1, level, i -> {
            long n = Math.round(ratios[i] * d * d);
            return new SizePoint(n, model.bestHeadError(n, base.target()), 0);
        });
        return new Curves(points, learned.stream().mapToDouble(v -> v[0]).toArray(), predicted);
    }

    /**
     * The level statistic over the cells {@code curves} (d-major, R replicates per d): per cell the crossings of
     * {@code level} by the learned layer's best head {@code nBest} and by the predicted layer's {@code nPredicted}, and
     * {@code logRatio = log(nBest/nPredicted)} (NaN unless both are bracketed); the table {@code id-level}.
     */
    record Level(double[] nBest, double[] nPredicted, double[] logRatio, List<Grids.Crossing> outcomes, Sweep table) {
        static Level of(String id, int[] dims, List<Curves> curves, double level) {
            int replicates = curves.size() / dims.length;
            Sweep.Builder table = Sweep.table(id + "-level", "d", "replicate", "n_star_best_head",
                    "n_star_predicted", "ratio");
            double[] best = new double[curves.size()];
            double[] pred = new double[curves.size()];
            double[] ratio = new double[curves.size()];
            List<Grids.Crossing> outcomes = new java.util.ArrayList<>();
            for (int c = 0; c < curves.size(); c++) {
                Curves cv = curves.get(c);
                Grids.Crossing b = Grids.crossing(GridWalk.x(cv.points()), cv.bestHead(), level);
                Grids.Crossing p = GridWalk.crossingOf(cv.predicted(), level);
                outcomes.add(b);
                outcomes.add(p);
                best[c] = b.x();
                pred[c] = p.x();
                ratio[c] = Math.log(best[c] / pred[c]);
                table.row(dims[c / replicates], c % replicates, best[c], pred[c], best[c] / pred[c]);
            }
            return new Level(best, pred, ratio, outcomes, table.build());
        }
    }
}
