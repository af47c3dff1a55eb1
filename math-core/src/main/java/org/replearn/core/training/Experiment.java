package org.replearn.core.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.metrics.Alignment;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.metrics.TestErrors;
import org.replearn.core.theory.PopulationError;

/**
 * One learning experiment, as run by {@code replearn train} and by the training claims: fit a method on a
 * {@link Problem} and measure it on fresh test samples. The settings every method shares are {@link Settings};
 * gradient descent's own ({@link Descent}) are passed to {@link #runGradientDescent} only.
 *
 * @param method                   the method
 * @param testError                relative test error {@code mean(f̂ − f*)² / E f*²}
 * @param testErrorStandardError   its standard error, from the sample ({@link TestErrors})
 * @param excessTestLoss           {@code mean(f̂ − f*)²}, the estimate of {@code E(f̂ − y)² − σ²}
 * @param populationError          the exact relative error {@code E(f̂ − f*)² / E f*²} of a network predictor
 *                                 ({@link PopulationError}: no test-set noise), {@code NaN} for kernel methods
 * @param alignment                {@code A = ||W¹Uᵀ||²/||W¹||²} of the first layer, {@code NaN} for kernel methods
 * @param lambda                   the ridge λ used
 * @param headSteps                the steps {@code T} of a gradient-descent head ({@link FitResult#headSteps()}),
 *                                 {@code 0} for every other head
 * @param seconds                  wall time per stage
 */
public record Experiment(Method method, double testError, double testErrorStandardError, double excessTestLoss,
        double populationError, double alignment, double lambda, int headSteps, Map<String, Double> seconds) {

    /** The learning methods. */
    public enum Method {
        /** Algorithm 1: one gradient step on W, then ridge on the second layer (docs/math.md §4). */
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
     * Settings every method shares.
     *
     * @param width    hidden width m (even; also the width of random features)
     * @param testSize fresh test samples (at least {@link TestErrors#MIN_SAMPLES})
     * @param threads  worker threads (results do not depend on it)
     */
    public record Settings(int width, long testSize, int threads) {
    }

    /**
     * The schedule of {@link Method#GD}.
     *
     * @param steps        full-batch steps
     * @param learningRate step size η
     */
    public record Descent(int steps, double learningRate) {
    }

    /** The wall time of all stages. */
    public double totalSeconds() {
        double s = 0;
        for (double v : seconds.values()) {
            s += v;
        }
        return s;
    }

    /**
     * Fits {@code method} (not {@link Method#GD}, which needs its schedule: {@link #runGradientDescent}) on
     * {@code problem} and evaluates it on {@code settings.testSize()} fresh samples.
     */
    public static Experiment run(Method method, Problem problem, Settings settings) {
        return run(method, problem, settings, HeadConfig.reference());
    }

    /**
     * {@link #run(Method, Problem, Settings)} with the second layer of {@link Method#ONE_STEP} and
     * {@link Method#RANDOM_FEATURES} fitted by {@code head}; the other methods have no such head and refuse any head
     * but {@link HeadConfig#reference()}'s kind ({@link HeadConfig.Ridge}).
     */
    public static Experiment run(Method method, Problem problem, Settings settings, HeadConfig head) {
        int threads = settings.threads();
        if (head == null || !(head instanceof HeadConfig.Ridge) && method != Method.ONE_STEP
                && method != Method.RANDOM_FEATURES) {
            throw new IllegalArgumentException("head " + head + ": only one-step and random-features fit a second"
                    + " layer on frozen features; pass HeadConfig.reference() for " + method.label());
        }
        Learner learner = switch (method) {
            case ONE_STEP -> new OneStepLearner(OneStepConfig.defaults(settings.width(), threads).withHead(head));
            case RANDOM_FEATURES -> new RandomFeaturesLearner(
                    NetworkConfig.defaults(settings.width(), threads).withHead(head));
            case NTK_KRR -> new NtkKrrLearner(NtkKrrConfig.defaults(threads));
            case GD -> throw new IllegalArgumentException("gradient descent needs its schedule: call"
                    + " runGradientDescent(problem, settings, descent)");
        };
        return evaluate(method, learner, problem, settings);
    }

    /** Fits {@link Method#GD} with {@code descent} on {@code problem} and evaluates it like {@link #run}. */
    public static Experiment runGradientDescent(Problem problem, Settings settings, Descent descent) {
        Learner learner = new GradientDescentLearner(new GradientDescentConfig(settings.width(), false,
                descent.learningRate(), descent.steps(), settings.threads()));
        return evaluate(Method.GD, learner, problem, settings);
    }

    private static Experiment evaluate(Method method, Learner learner, Problem problem, Settings settings) {
        FitResult fit = learner.fit(problem);
        StageTimer timer = new StageTimer();
        TestErrors errors = timer.time("test",
                () -> TestErrors.evaluate(fit.predictor(), problem.test(settings.testSize()), settings.threads()));
        Map<String, Double> seconds = new LinkedHashMap<>(fit.seconds());
        seconds.putAll(timer.seconds());
        DMatrixRMaj w = fit.firstLayer();
        double alignment = w == null ? Double.NaN : Alignment.energyFraction(w, problem.target().frame());
        double exact = Double.NaN;
        if (fit.predictor() instanceof NetworkPredictor net) {
            exact = timer.time("population-error",
                    () -> net.populationError(problem.target(), settings.threads())).relative();
            seconds.putAll(timer.seconds());
        }
        return new Experiment(method, errors.relativeError(), errors.relativeErrorStandardError(),
                errors.excessLoss(), exact, alignment, fit.lambda(), fit.headSteps(), seconds);
    }
}
