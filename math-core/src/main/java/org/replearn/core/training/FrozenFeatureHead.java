package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Labels;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Algorithm 1 steps 5–6, the one code path of every learner with a frozen first layer: the second layer fitted on
 * {@code Φ = σ(XWᵀ + b)} against the de-linearized labels {@code ỹ = y - α - β·x} (streamed Gram {@code ΦᵀΦ/n},
 * {@code Φᵀỹ/n}), by ridge with {@code λ} chosen on the validation stream or by {@code T} gradient steps at a fixed
 * {@code λ₂, η₂}, {@code T} fixed or chosen on validation ({@link HeadConfig}); predictor {@code f_θ(x) + α + β·x}.
 */
final class FrozenFeatureHead {
    private FrozenFeatureHead() {
    }

    static FitResult fit(DataSource train, DataSource validation, TwoLayerNetwork frozen, LinearPart linear,
            NetworkConfig config, StageTimer timer) {
        DMatrixRMaj w = frozen.weights();
        double[] b = frozen.biases();
        Labels labels = linear.residuals();
        int threads = config.threads();
        FeatureGram stats = timer.time("feature-gram", () -> FeatureGram.over(train, w, b, labels, threads));
        double[] a;
        double lambda;
        double validationError;
        int headSteps = 0;
        if (config.head() instanceof HeadConfig.Ridge ridge) {
            RidgeHead head = timer.time("tridiagonalization", () -> RidgeHead.of(stats, threads));
            RidgeHead.Selection selection = timer.time("lambda-selection",
                    () -> head.select(validation, labels, w, b, ridge.lambdaGrid(), threads));
            a = selection.a();
            lambda = selection.lambda();
            validationError = selection.validationError();
        } else {
            HeadConfig.GradientDescent gd = (HeadConfig.GradientDescent) config.head();
            int[] stops = gd.stopOnValidation() ? RidgeHead.stoppingGrid(gd.steps()) : new int[] {gd.steps()};
            DMatrixRMaj path = timer.time("head-gradient-descent",
                    () -> RidgeHead.gradientDescentPath(stats, gd.lambda(), stops, gd.learningRate(), threads));
            double[] errors = timer.time("validation",
                    () -> RidgeHead.validationErrors(validation, labels, w, b, path, threads));
            int best = RidgeHead.firstMinimum(errors);
            if (best < 0) {
                throw new NumericalFailure("gradient-descent head: every iterate gave a non-finite validation error:"
                        + " the features or labels overflow");
            }
            a = RidgeHead.column(path, best);
            lambda = gd.lambda();
            validationError = errors[best];
            headSteps = stops[best];
        }
        TwoLayerNetwork trained = frozen.withOutputWeights(a);
        return new FitResult(new NetworkPredictor(trained, linear), w, lambda, headSteps, validationError,
                timer.seconds());
    }
}
