package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Labels;
import org.replearn.core.linalg.FeatureGram;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Algorithm 1 steps 5–6, the one code path of every learner with a frozen first layer: the second layer fitted on
 * {@code Φ = σ(XWᵀ + b)} against the de-linearized labels {@code ỹ = y - α - β·x} (streamed Gram {@code ΦᵀΦ/n},
 * {@code Φᵀỹ/n}), by ridge with {@code λ} chosen on the validation stream or by {@code T} gradient steps at a fixed
 * {@code λ₂, η₂} ({@link HeadConfig}); predictor {@code f_θ(x) + α + β·x}.
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
        if (config.head() instanceof HeadConfig.Ridge ridge) {
            RidgeHead head = timer.time("tridiagonalization", () -> RidgeHead.of(stats, threads));
            RidgeHead.Selection selection = timer.time("lambda-selection",
                    () -> head.select(validation, labels, w, b, ridge.lambdaGrid(), threads));
            a = selection.a();
            lambda = selection.lambda();
            validationError = selection.validationError();
        } else {
            HeadConfig.GradientDescent gd = (HeadConfig.GradientDescent) config.head();
            a = timer.time("head-gradient-descent",
                    () -> RidgeHead.gradientDescent(stats, gd.lambda(), gd.steps(), gd.learningRate(), threads));
            lambda = gd.lambda();
            TwoLayerNetwork fitted = frozen.withOutputWeights(a);
            validationError = timer.time("validation",
                    () -> LossGradient.lossOver(validation, fitted, labels, threads));
        }
        TwoLayerNetwork trained = frozen.withOutputWeights(a);
        return new FitResult(new NetworkPredictor(trained, linear), w, lambda, validationError, timer.seconds());
    }
}
