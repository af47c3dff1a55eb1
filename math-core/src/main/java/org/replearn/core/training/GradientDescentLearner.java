package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Labels;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Baseline: plain full-batch gradient descent on all parameters, {@code θ ← θ - η ∇L(θ)} for {@code θ = (a, W, b)},
 * {@code T} steps from the symmetric initialization, on the de-linearized labels of step 2 (predictor
 * {@code f_θ(x) + α + β·x}); no weight decay, no validation-based choice. Each step is one streamed pass.
 */
public final class GradientDescentLearner implements Learner {
    private final GradientDescentConfig config;

    /** A learner with the given configuration. */
    public GradientDescentLearner(GradientDescentConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null: pass a GradientDescentConfig");
        }
        this.config = config;
    }

    @Override
    public String name() {
        return "gd";
    }

    @Override
    public FitResult fit(Problem problem) {
        StageTimer timer = new StageTimer();
        int threads = config.threads();
        DataSource train = problem.train();
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(train, threads));
        Labels labels = linear.residuals();
        TwoLayerNetwork init = SymmetricInit.initialize(config.width(), train.dimension(), problem.seeds(),
                config.unitSphere());
        TwoLayerNetwork trained = timer.time("gradient-descent", () -> descend(init, train, labels, threads));
        double validationError = timer.time("validation",
                () -> LossGradient.lossOver(problem.validationSource(), trained, labels, threads));
        return new FitResult(new NetworkPredictor(trained, linear), trained.weights(), 0.0, 0, validationError,
                timer.seconds());
    }

    private TwoLayerNetwork descend(TwoLayerNetwork init, DataSource train, Labels labels, int threads) {
        DMatrixRMaj w = init.weights();
        double[] b = init.biases();
        double[] a = init.outputWeights();
        double eta = config.learningRate();
        TwoLayerNetwork net = init;
        for (int t = 0; t < config.steps(); t++) {
            NetworkGradient g = LossGradient.over(train, net, labels, threads).gradient();
            step(w.data, g.w().data, eta, t);
            step(b, g.b(), eta, t);
            step(a, g.a(), eta, t);
            net = new TwoLayerNetwork(w, b, a, init.activation());
        }
        return net;
    }

    /** {@code θ ← θ - η g}; a non-finite result means the iteration diverged. */
    private static void step(double[] theta, double[] g, double eta, int t) {
        for (int i = 0; i < theta.length; i++) {
            theta[i] -= eta * g[i];
            if (!Double.isFinite(theta[i])) {
                throw new NumericalFailure("gradient descent diverged at step " + (t + 1) + " (a parameter left the"
                        + " double range): the step size is too large for these labels");
            }
        }
    }
}
