package org.replearn.checks.claims;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.training.FitResult;
import org.replearn.core.training.GradientDescentConfig;
import org.replearn.core.training.GradientDescentLearner;
import org.replearn.core.training.Learner;
import org.replearn.core.training.NetworkConfig;
import org.replearn.core.training.NtkKrrConfig;
import org.replearn.core.training.NtkKrrLearner;
import org.replearn.core.training.OneStepConfig;
import org.replearn.core.training.OneStepLearner;
import org.replearn.core.training.Problem;
import org.replearn.core.training.RandomFeaturesLearner;

/**
 * One learning experiment, as run by {@code replearn train} and by the training claims: fit a method on a
 * {@link Problem} and measure it on fresh test samples.
 *
 * @param method          the method
 * @param testError       relative test error {@code mean(f̂ − f*)² / E f*²}
 * @param excessTestLoss  {@code mean(f̂ − y)² − σ²}
 * @param alignment       {@code A = ||W¹Uᵀ||²/||W¹||²} of the first layer, {@code NaN} for kernel methods
 * @param lambda          the ridge λ used
 * @param seconds         wall time per stage
 */
public record Experiment(Method method, double testError, double excessTestLoss, double alignment, double lambda,
        Map<String, Double> seconds) {

    /** The learning methods. */
    public enum Method {
        /** Algorithm 1: one gradient step on W, then ridge on the second layer (THEORY §4). */
        ONE_STEP,
        /** The same head on the frozen random first layer (no step). */
        RANDOM_FEATURES,
        /** Kernel ridge regression with the infinite-width ReLU NTK on de-linearized labels, λ on validation. */
        NTK_KRR,
        /** Full-batch gradient descent on all parameters from the symmetric initialization (de-linearized labels). */
        GD;

        /** The command-line spelling, e.g. {@code one-step}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@link #label()}. */
        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.label().equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown method '" + s + "': use one-step, random-features, ntk-krr or gd");
        }
    }

    /**
     * Settings of one run.
     *
     * @param width      hidden width m (even)
     * @param testSize   fresh test samples (at least 10⁴)
     * @param steps        full-batch steps of {@link Method#GD}
     * @param learningRate step size of {@link Method#GD}
     * @param threads      worker threads (results do not depend on it)
     */
    public record Settings(int width, long testSize, int steps, double learningRate, int threads) {
    }

    /** The wall time of all stages. */
    public double totalSeconds() {
        double s = 0;
        for (double v : seconds.values()) {
            s += v;
        }
        return s;
    }

    /** Fits {@code method} on {@code problem} and evaluates it on {@code settings.testSize()} fresh samples. */
    public static Experiment run(Method method, Problem problem, Settings settings) {
        int threads = settings.threads();
        Learner learner = switch (method) {
            case ONE_STEP -> new OneStepLearner(OneStepConfig.defaults(settings.width(), threads));
            case RANDOM_FEATURES -> new RandomFeaturesLearner(NetworkConfig.defaults(settings.width(), threads));
            case NTK_KRR -> new NtkKrrLearner(NtkKrrConfig.defaults(threads));
            case GD -> new GradientDescentLearner(new GradientDescentConfig(settings.width(), false,
                    settings.learningRate(), settings.steps(), threads));
        };
        FitResult fit = learner.fit(problem);
        StageTimer timer = new StageTimer();
        TestErrors errors = timer.time("test",
                () -> TestErrors.evaluate(fit.predictor(), problem.test(settings.testSize()), threads));
        Map<String, Double> seconds = new LinkedHashMap<>(fit.seconds());
        seconds.putAll(timer.seconds());
        DMatrixRMaj w = fit.firstLayer();
        double alignment = w == null ? Double.NaN : Alignment.energyFraction(w, problem.target().frame());
        return new Experiment(method, errors.relativeError(), errors.excessLoss(), alignment, fit.lambda(), seconds);
    }
}
