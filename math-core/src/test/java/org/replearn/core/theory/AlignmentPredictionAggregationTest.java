package org.replearn.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;

/**
 * {@link AlignmentPrediction#predict} against its defining formula assembled from the public per-neuron pieces, for
 * several distinct neurons, and the messages of its argument checks (found by mutation testing, see
 * math-core/MUTATION.md).
 */
class AlignmentPredictionAggregationTest {
    private static final int D = 5;

    private static Target target() {
        return Target.random(TargetSpec.parse("0.5 + 0.3*h1(z1) + h2(z1) + 0.7*h1(z1)*h1(z2) - 0.4*h3(z2)"), D,
                new Seeds(31).rng(Stream.FRAME));
    }

    private static double squaredNorm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    /**
     * docs/math.md §6: {@code A = Σ_j (||U G_j||² + r v_j/n) / Σ_j (||G_j||² + d v_j/n)} with {@code G_j} the population
     * correlation of the target without its constant and linear parts ({@link PopulationGradient#correlation} of
     * {@code withoutDegreesBelow(2)}) and {@code v_j} from {@link AlignmentPrediction#noiseVariance}. Same arithmetic
     * in another order: 1e-12 relative.
     */
    @Test
    void predictionIsTheRatioOfSumsOverNeurons() {
        Target t = target();
        Target reduced = t.withLink(t.link().withoutDegreesBelow(2));
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {
            {0.3, -0.5, 0.2, 0.1, 0.4}, {-0.2, 0.1, 0.6, -0.3, 0.2}, {0.5, 0.5, -0.1, 0.2, -0.4}});
        double[] b = {0.2, -0.7, 1.1};
        double noise = 0.5;
        long n = 1000;
        double numerator = 0;
        double denominator = 0;
        for (int j = 0; j < 3; j++) {
            double[] row = {w.get(j, 0), w.get(j, 1), w.get(j, 2), w.get(j, 3), w.get(j, 4)};
            double[] g = PopulationGradient.correlation(reduced, row, b[j]);
            double[] projected = new double[2];
            t.project(g, projected);
            double v = AlignmentPrediction.noiseVariance(t, row, b[j], noise);
            numerator += squaredNorm(projected) + 2 * v / n;
            denominator += squaredNorm(g) + D * v / n;
        }
        double expected = numerator / denominator;
        assertEquals(expected, AlignmentPrediction.predict(t, w, b, noise, n), 1e-12 * expected);
    }

    @Test
    void messagesNameTheOffendingArgument() {
        Target t = target();
        DMatrixRMaj w = new DMatrixRMaj(2, D);
        w.set(0, 0, 1.0);
        double[] b = {0.1, 0.2};
        assertEquals("w columns has dimension 6 but 5 is required: pass first-layer weights of shape m×d",
                assertThrows(IllegalArgumentException.class,
                        () -> AlignmentPrediction.predict(t, new DMatrixRMaj(2, D + 1), b, 0.1, 10)).getMessage());
        assertEquals("w row 1 = 0: a neuron with zero weights has no defined activation pattern; pass non-zero weight"
                + " rows", assertThrows(IllegalArgumentException.class,
                        () -> AlignmentPrediction.predict(t, w, b, 0.1, 10)).getMessage());
        assertEquals("w has dimension 4 but 5 is required: pass a weight vector of length d",
                assertThrows(IllegalArgumentException.class,
                        () -> AlignmentPrediction.noiseVariance(t, new double[] {1, 0, 0, 0}, 0, 0)).getMessage());
    }
}
