package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.replearn.core.NumericalFailure;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.linalg.LossGradient;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Algorithm 1 of the paper as in docs/math.md §4: labels {@code y = f*(x) + ε}; de-linearize {@code ỹ = y - α - β·x};
 * one gradient step on {@code W} from the symmetric initialization with weight decay {@code λ₁ = 1/η₁}, so
 * {@code W¹ = -η₁ ∇_W L(θ0)} (the initialization is erased); keep or redraw the biases; fit the head by ridge on
 * {@code ỹ} ({@code λ} on validation); predict {@code f_θ(x) + α + β·x}. Every pass over the {@code n} samples is
 * streamed (memory {@code O(block·(d + m) + m²)}) and bit-identical for every thread count.
 */
public final class OneStepLearner implements Learner {
    private final OneStepConfig config;

    /** A learner with the given configuration. */
    public OneStepLearner(OneStepConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null: pass e.g. OneStepConfig.defaults(m, threads)");
        }
        this.config = config;
    }

    @Override
    public String name() {
        return "one-step";
    }

    @Override
    public FitResult fit(Problem problem) {
        return fit(problem, problem.validationSource());
    }

    /**
     * Algorithm 1 with the head's ridge {@code λ} (or, for a gradient-descent head, its step count) chosen on
     * {@code selection} instead of {@code problem.validationSource()}: {@link #fit} is
     * {@code fit(problem, problem.validationSource())}. The returned {@link FitResult#validationError()} is the error
     * on {@code selection}.
     */
    public FitResult fit(Problem problem, DataSource selection) {
        StageTimer timer = new StageTimer();
        DataSource train = problem.train();
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(train, config.network().threads()));
        TwoLayerNetwork stepped = firstStep(config, train, linear, problem.seeds(), timer);
        return FrozenFeatureHead.fit(train, selection, stepped, linear, config.network(), timer);
    }

    /**
     * Steps 1–4 alone, as {@link #fit} runs them: the linear part of {@code problem}'s training labels, then the first
     * step from the symmetric initialization of {@code problem.seeds()}. Returns the stepped network (its first layer
     * is the learner's own {@code W¹}; its output weights are still those of the initialization).
     */
    public TwoLayerNetwork firstStep(Problem problem) {
        StageTimer timer = new StageTimer();
        DataSource train = problem.train();
        LinearPart linear = LinearPart.estimate(train, config.network().threads());
        return firstStep(config, train, linear, problem.seeds(), timer);
    }

    /**
     * Steps 3–4: the symmetric initialization from {@code seeds}, {@code W¹ = -η₁ ∇_W L(θ0)} on the de-linearized
     * labels of {@code train}, biases kept or redrawn from {@link Stream#BIAS_REDRAW}; output weights still those of
     * the initialization (the head replaces them).
     */
    static TwoLayerNetwork firstStep(OneStepConfig config, DataSource train, LinearPart linear, Seeds seeds,
            StageTimer timer) {
        NetworkConfig net = config.network();
        TwoLayerNetwork init = SymmetricInit.initialize(net.width(), train.dimension(), seeds, net.unitSphere());
        DMatrixRMaj gradient = timer.time("first-step",
                () -> LossGradient.over(train, init, linear.residuals(), net.threads()).gradient().w());
        DMatrixRMaj w1 = gradient.copy();
        CommonOps_DDRM.scale(-learningRate(config, gradient), w1);
        double[] b = config.redrawBiases() ? SymmetricInit.biases(net.width(), seeds.rng(Stream.BIAS_REDRAW))
                : init.biases();
        return init.withFirstLayer(w1, b);
    }

    /** {@code η₁} as configured, or {@code sqrt(m) / ||∇_W L||_F} so that {@code ||W¹||_F² / m = 1}. */
    private static double learningRate(OneStepConfig config, DMatrixRMaj gradient) {
        if (config.learningRate() > 0) {
            return config.learningRate();
        }
        double norm = NormOps_DDRM.normF(gradient);
        if (!(norm > 0)) {
            throw new NumericalFailure("the first-step gradient is zero: the de-linearized labels carry no"
                    + " signal (a constant or purely linear target?); use a target with a degree >= 2 part");
        }
        return Math.sqrt(gradient.numRows) / norm;
    }
}
