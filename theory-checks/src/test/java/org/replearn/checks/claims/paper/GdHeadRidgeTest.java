package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.HeadConfig;
import org.replearn.core.training.NetworkPredictor;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/**
 * {@code gd-head}'s check (iii): the learner's ridge head is the ridge solution at the λ it reports, within the
 * rounding bound; the solution at a neighbouring λ of the grid, or the weights moved by ten bounds, is not.
 */
class GdHeadRidgeTest {
    @Test
    void theLearnersRidgeHeadIsTheSolutionAtItsLambdaAndItsNeighbourIsNot() {
        int d = 6;
        int m = 24;
        Seeds seeds = new Seeds(7);
        Target f = Target.random(TargetSpec.resolve("0.5 + 0.7*h1(z1) + h2(z1)"), d, seeds.rng(Stream.FRAME));
        Problem p = new Problem(f, 0.5, 800, 400, seeds);
        OneStepConfig config = OneStepConfig.defaults(m, 1);
        double[] grid = ((HeadConfig.Ridge) config.network().head()).lambdaGrid();
        FitResult fit = new OneStepLearner(config).fit(p);
        TwoLayerNetwork net = ((NetworkPredictor) fit.predictor()).network();
        GdHeadRidge check = GdHeadRidge.of(p.train().materialize(), net, fit.lambda(), grid);
        assertTrue(check.distance() <= check.bound(), check.distance() + " > " + check.bound());
        assertTrue(check.bound() < 1e-3, "bound " + check.bound());
        assertTrue(check.neighborDistance() > check.bound(), "neighbour " + check.neighborDistance());

        double[] moved = net.outputWeights();
        double norm = 0;
        for (double v : moved) {
            norm += v * v;
        }
        moved[0] += 10 * check.bound() * Math.sqrt(norm);
        GdHeadRidge off = GdHeadRidge.of(p.train().materialize(), net.withOutputWeights(moved), fit.lambda(), grid);
        assertTrue(off.distance() > off.bound(), off.distance() + " <= " + off.bound());

        int at = java.util.Arrays.binarySearch(grid, fit.lambda());
        GdHeadRidge shifted = GdHeadRidge.of(p.train().materialize(), net, grid[at + 1], grid);
        assertTrue(shifted.distance() > shifted.bound(), "λ reported one step off: " + shifted.distance());
    }
}
