package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.metrics.Alignment;

/**
 * {@link Experiment}: the reported errors, alignment and λ equal the same quantities recomputed from a refit of the
 * same learner (fits are deterministic) on the materialized test samples (found by mutation testing, see
 * math-core/MUTATION.md: no test ran an experiment). Tolerance 1e-12 relative: the same sums in another order. For
 * network predictors the exact population error is within 4 standard errors of the test error.
 */
class ExperimentTest {
    private static final Experiment.Settings SETTINGS = new Experiment.Settings(8, 10_000, 1);

    /** {@code [mean(f̂ - f*)² / E f*², mean(f̂ - f*)²]} of {@code fit} on the problem's test samples. */
    private static double[] testErrors(FitResult fit, Problem p) {
        Dataset test = p.test(SETTINGS.testSize()).materialize();
        double[] predicted = new double[test.size()];
        fit.predictor().predict(test.x(), predicted);
        double sum = 0;
        for (int i = 0; i < test.size(); i++) {
            double e = predicted[i] - test.fStar()[i];
            sum += e * e;
        }
        double excess = sum / test.size();
        return new double[] {excess / p.target().secondMoment(), excess};
    }

    private static void assertMatches(Experiment e, FitResult fit, Problem p) {
        double[] errors = testErrors(fit, p);
        assertEquals(errors[0], e.testError(), 1e-12 * errors[0]);
        assertEquals(errors[1], e.excessTestLoss(), 1e-12 * errors[1]);
        assertEquals(fit.lambda(), e.lambda(), 0.0);
        if (fit.firstLayer() == null) {
            assertTrue(Double.isNaN(e.alignment()));
        } else {
            assertEquals(Alignment.energyFraction(fit.firstLayer(), p.target().frame()), e.alignment(), 1e-12);
        }
        assertTrue(e.seconds().keySet().containsAll(fit.seconds().keySet()), e.seconds().toString());
        assertTrue(e.seconds().containsKey("test"), e.seconds().toString());
        if (fit.predictor() instanceof NetworkPredictor) {
            // the exact error E(f̂ - f*)²/E f*² and its Monte Carlo estimate on the test set agree within 4 SE
            assertTrue(e.testErrorStandardError() > 0, "SE " + e.testErrorStandardError());
            assertEquals(e.populationError(), e.testError(), 4 * e.testErrorStandardError(), "exact vs test error");
            assertTrue(e.seconds().containsKey("population-error"), e.seconds().toString());
        } else {
            assertTrue(Double.isNaN(e.populationError()), "no exact error for kernel predictors");
        }
    }

    @Test
    void oneStepAndRandomFeatures() {
        Problem p = Fixtures.problem("single-h2", 5, 1500, 1100, 41);
        Experiment one = Experiment.run(Experiment.Method.ONE_STEP, p, SETTINGS);
        assertEquals(Experiment.Method.ONE_STEP, one.method());
        assertMatches(one, new OneStepLearner(OneStepConfig.defaults(8, 1)).fit(p), p);
        Experiment rf = Experiment.run(Experiment.Method.RANDOM_FEATURES, p, SETTINGS);
        assertEquals(Experiment.Method.RANDOM_FEATURES, rf.method());
        assertMatches(rf, new RandomFeaturesLearner(NetworkConfig.defaults(8, 1)).fit(p), p);
    }

    @Test
    void kernelRidgeHasNoFirstLayer() {
        Problem p = Fixtures.problem("single-h2", 5, 120, 60, 42);
        Experiment krr = Experiment.run(Experiment.Method.NTK_KRR, p, SETTINGS);
        assertEquals(Experiment.Method.NTK_KRR, krr.method());
        assertMatches(krr, new NtkKrrLearner(NtkKrrConfig.defaults(1)).fit(p), p);
    }

    @Test
    void gradientDescentNeedsItsSchedule() {
        Problem p = Fixtures.problem("single-h2", 5, 1500, 1100, 43);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Experiment.run(Experiment.Method.GD, p, SETTINGS)).getMessage()
                .startsWith("gradient descent needs its schedule"));
        Experiment gd = Experiment.runGradientDescent(p, SETTINGS, new Experiment.Descent(3, 0.05));
        assertEquals(Experiment.Method.GD, gd.method());
        assertMatches(gd, new GradientDescentLearner(new GradientDescentConfig(8, false, 0.05, 3, 1)).fit(p), p);
    }
}
