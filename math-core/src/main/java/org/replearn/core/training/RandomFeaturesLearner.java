package org.replearn.core.training;

import org.replearn.core.data.DataSource;
import org.replearn.core.metrics.StageTimer;
import org.replearn.core.network.SymmetricInit;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * The lazy-regime baseline: the network of {@link OneStepLearner} with {@code W, b} frozen at their random
 * initialization (step 3 skipped), the same de-linearization and the same head.
 */
public final class RandomFeaturesLearner implements Learner {
    private final NetworkConfig config;

    /** A learner with the given network and head. */
    public RandomFeaturesLearner(NetworkConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config is null: pass e.g. NetworkConfig.defaults(m, threads)");
        }
        this.config = config;
    }

    @Override
    public String name() {
        return "random-features";
    }

    @Override
    public FitResult fit(Problem problem) {
        StageTimer timer = new StageTimer();
        DataSource train = problem.train();
        TwoLayerNetwork init = SymmetricInit.initialize(config.width(), train.dimension(), problem.seeds(),
                config.unitSphere());
        LinearPart linear = timer.time("linear-part", () -> LinearPart.estimate(train, config.threads()));
        return FrozenFeatureHead.fit(train, problem.validationSource(), init, linear, config, timer);
    }
}
