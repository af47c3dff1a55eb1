package org.replearn.checks.claims.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetSpec;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;

/** How {@link PopulationGradientClaim} reads the correlation off the learner's first step, and its nested samples. */
class EmpiricalCorrelationTest {
    private static final int D = 5;
    private static final int WIDTH = 6;
    private static final double ETA = 0.75;

    private static Problem problem(long n) {
        Seeds seeds = new Seeds(7);
        Target target = Target.random(TargetSpec.parse(Conventions.MIXED_TARGET), D, seeds.rng(Stream.FRAME));
        return new Problem(target, 0.25, n, 1, seeds);
    }

    /**
     * {@code W¹_j / (2η a_j)} of the learner's step is {@code (1/n) Σ (y − α̂ − β̂·x) 1[w_j·x + b_j > 0] x} with
     * {@code α̂ = mean(y)}, {@code β̂ = mean(y x)}, computed here from the materialized sample, up to rounding (the
     * sums of 3000 terms of size about 10: 1e-11); neuron {@code j + m/2} mirrors {@code j}.
     */
    @Test
    void theLearnersStepIsTheCorrelationOfItsDelinearizedLabels() {
        Problem problem = problem(3000);
        OneStepConfig config = new OneStepConfig(NetworkConfig.defaults(WIDTH, 1), ETA, false);
        TwoLayerNetwork init = SymmetricInit.initialize(WIDTH, D, problem.seeds(), false);
        double[] measured = EmpiricalCorrelation.correlations(new OneStepLearner(config).firstStep(problem).weights(),
                init, WIDTH, ETA);

        Dataset data = problem.train().materialize();
        int n = data.y().length;
        double alpha = 0;
        double[] beta = new double[D];
        for (int i = 0; i < n; i++) {
            alpha += data.y()[i] / n;
            for (int p = 0; p < D; p++) {
                beta[p] += data.y()[i] * data.x().get(i, p) / n;
            }
        }
        for (int j = 0; j < WIDTH; j++) {
            double[] direct = new double[D];
            for (int i = 0; i < n; i++) {
                double s = init.biases()[j];
                double label = data.y()[i] - alpha;
                for (int p = 0; p < D; p++) {
                    s += init.weights().get(j, p) * data.x().get(i, p);
                    label -= beta[p] * data.x().get(i, p);
                }
                for (int p = 0; p < D && s > 0; p++) {
                    direct[p] += label * data.x().get(i, p) / n;
                }
            }
            for (int p = 0; p < D; p++) {
                assertEquals(direct[p], measured[j * D + p], 1e-11, "neuron " + j + ", coordinate " + p);
                assertEquals(measured[(j % (WIDTH / 2)) * D + p], measured[j * D + p], 1e-11, "mirror of " + j);
            }
        }
    }

    /** The checkpoints are nested: the sample of size n is the first n rows of a larger one (same seeds, stream). */
    @Test
    void theCheckpointsAreNestedPrefixesOfOneSample() {
        Dataset small = problem(2048).train().materialize();
        Dataset large = problem(8192).train().materialize();
        for (int i = 0; i < 2048; i++) {
            assertEquals(small.y()[i], large.y()[i], 0.0, "label " + i);
            for (int p = 0; p < D; p++) {
                assertEquals(small.x().get(i, p), large.x().get(i, p), 0.0, "x " + i + ", " + p);
            }
        }
    }
}
