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
        StageTimer timer = new StageTimer();
        DataSource train = problem.train();
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(train, config.network().threads()));
        TwoLayerNetwork stepped = firstStep(config, train, linear, problem.seeds(), timer);
        return FrozenFeatureHead.fit(train, problem.validationSource(), stepped, linear, config.network(), timer);
    }

    /**
     * The negative control "λ chosen on the training set" of docs/math.md §7, for the claims only: the same steps as
     * {@link #fit}, but the ridge {@code λ} of the head is picked by the training error {@code mean(Φa(λ) - ỹ)²} over
     * the same grid instead of by the held-out validation error (the training stream is passed where
     * {@link #fit} passes {@code problem.validationSource()}). The training error of ridge is non-decreasing in
     * {@code λ}, so this picks (up to rounding) the smallest numerically usable {@code λ} of the grid:
     * near-interpolation when {@code n} is comparable to the width {@code m}. Measured (single-h2, d = 8,
     * m = n = 128, label noise 0.25): validated λ ≈ 1e-2 with exact relative error 0.13–0.22, training-chosen
     * λ = 1e-10 with 18–201. For {@code n ≫ m} the two heads nearly agree. The returned
     * {@link FitResult#validationError()} is that training error; with a gradient-descent head there is no {@code λ}
     * to choose and only that reported error differs from {@link #fit}'s. Algorithm 1 never runs this.
     */
    public FitResult fitChoosingLambdaOnTraining(Problem problem) {
        StageTimer timer = new StageTimer();
        DataSource train = problem.train();
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(train, config.network().threads()));
        TwoLayerNetwork stepped = firstStep(config, train, linear, problem.seeds(), timer);
        return FrozenFeatureHead.fit(train, train, stepped, linear, config.network(), timer);
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
     * The negative control of docs/math.md §7, for the claims only: {@link #firstStep(Problem)} without the weight decay
     * {@code λ₁ = 1/η₁}, i.e. {@code W¹ = W⁰ − η₁ ∇_W L(θ0)}: the random initialization is not erased, so the first
     * layer keeps its energy outside {@code span(U)}. Algorithm 1 never runs this.
     */
    public TwoLayerNetwork firstStepWithoutWeightDecay(Problem problem) {
        TwoLayerNetwork stepped = firstStep(problem);
        NetworkConfig net = config.network();
        TwoLayerNetwork init = SymmetricInit.initialize(net.width(), problem.target().dimension(), problem.seeds(),
                net.unitSphere());
        DMatrixRMaj w = init.weights();
        CommonOps_DDRM.addEquals(w, stepped.weights());
        return stepped.withFirstLayer(w, stepped.biases());
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
