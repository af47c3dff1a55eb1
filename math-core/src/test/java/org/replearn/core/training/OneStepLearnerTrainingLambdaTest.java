package org.replearn.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.replearn.core.data.Dataset;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.theory.PopulationError;

/**
 * The negative control "λ chosen on the training set" (docs/math.md §7), {@code fit(problem, problem.train())}:
 * the same first layer as {@link OneStepLearner#fit}, a λ at least as small as the validated one, and at {@code n = m}
 * (near-interpolation) a worse exact population error than the validated head.
 */
class OneStepLearnerTrainingLambdaTest {
    /** The width of the sample-complexity claim; the problems below have {@code n = m} training samples. */
    private static final int M = 128;
    private static final long[] SEEDS = {1, 2, 3};

    /**
     * Single-h2 on {@code d = 8}, noise variance 0.25, {@code n = m = 128}, the reference λ grid. The variant's first
     * layer is the same bits as the validated fit's (same steps 1–4); it selects by the training error, so its λ is no
     * larger than the validated one and its training error (reported as {@code validationError}) no larger than the
     * validated head's training error — up to the rounding of two summation orders over 128 samples (relative
     * {@code 1e-9} is far above it). Measured on these seeds: validated λ ≈ 1e-2, relative error 0.13–0.22; training
     * λ = 1e-10 (the grid's smallest), relative error 18–201. The comparison is made with each error's documented
     * absolute accuracy ({@link PopulationError}: {@code 1e-15 (Σ_j |a_j| (|b_j| + ||w_j||) + |α| + ||β|| +
     * sqrt(E f*²))²}) counted against the variant.
     */
    @Test
    void trainingChosenLambdaIsSmallerAndWorseAtNEqualsM() {
        OneStepLearner learner = new OneStepLearner(OneStepConfig.defaults(M, 2));
        for (long seed : SEEDS) {
            Problem p = Fixtures.problem("single-h2", 8, M, 4000, seed);
            FitResult validated = learner.fit(p);
            FitResult variant = learner.fit(p, p.train());
            String at = "seed " + seed;

            assertArrayEquals(validated.firstLayer().data, variant.firstLayer().data, 0.0, at + ": same W¹");
            assertTrue(variant.lambda() <= validated.lambda(),
                    at + ": training λ " + variant.lambda() + " > validated λ " + validated.lambda());
            double validatedTrainingError = trainingError(validated, p);
            assertTrue(variant.validationError() <= validatedTrainingError * (1 + 1e-9),
                    at + ": the variant's training error " + variant.validationError()
                            + " exceeds the validated head's " + validatedTrainingError);

            double[] good = relativeErrorAndAccuracy(validated, p);
            double[] bad = relativeErrorAndAccuracy(variant, p);
            assertTrue(bad[0] - bad[1] > good[0] + good[1], at + ": exact relative error with λ on training "
                    + bad[0] + " (± " + bad[1] + ") not above the validated " + good[0] + " (± " + good[1] + ")");
        }
    }

    /** {@code mean(f̂(x_i) - y_i)²} over the training samples (= {@code mean(Φa - ỹ)²}, the selection criterion). */
    private static double trainingError(FitResult fit, Problem p) {
        Dataset train = p.train().materialize();
        double[] f = new double[train.size()];
        fit.predictor().predict(train.x(), f);
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            double e = f[i] - train.y()[i];
            s += e * e;
        }
        return s / f.length;
    }

    /** The exact relative error and its absolute accuracy as documented by {@link PopulationError}, relative. */
    private static double[] relativeErrorAndAccuracy(FitResult fit, Problem p) {
        NetworkPredictor predictor = (NetworkPredictor) fit.predictor();
        TwoLayerNetwork net = predictor.network();
        double alpha = predictor.linear().alpha();
        double[] beta = predictor.linear().beta();
        PopulationError e = PopulationError.of(net, alpha, beta, p.target());
        double scale = Math.abs(alpha) + norm(beta) + Math.sqrt(e.targetSecondMoment());
        double[] a = net.outputWeights();
        double[] b = net.biases();
        DMatrixRMaj w = net.weights();
        for (int j = 0; j < a.length; j++) {
            double row = 0;
            for (int k = 0; k < w.numCols; k++) {
                row += w.get(j, k) * w.get(j, k);
            }
            scale += Math.abs(a[j]) * (Math.abs(b[j]) + Math.sqrt(row));
        }
        return new double[] {e.relative(), 1e-15 * scale * scale / e.targetSecondMoment()};
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
