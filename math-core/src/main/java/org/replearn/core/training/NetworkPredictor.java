package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.metrics.Predictor;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.theory.PopulationError;

/**
 * The predictor of Algorithm 1 step 6: {@code x ↦ f_θ(x) + α + β·x}.
 *
 * @param network the trained network
 * @param linear  the linear part removed from the labels before training, added back here
 */
public record NetworkPredictor(TwoLayerNetwork network, LinearPart linear) implements Predictor {
    /** Checks that the network and the linear part act on the same {@code R^d}. */
    public NetworkPredictor {
        Validate.dimension("linear part dimension", linear.dimension(), network.dimension(),
                "estimate α, β on data of the network's dimension");
    }

    /**
     * The exact population error {@code E(f̂ − f*)²} of this predictor against {@code target}
     * ({@link PopulationError}: no test-set noise), on {@code threads} threads (the result does not depend on it).
     */
    public PopulationError populationError(Target target, int threads) {
        return PopulationError.of(network, linear.alpha(), linear.beta(), target, threads);
    }

    /** {@link #populationError(Target, int)} on the caller's thread. */
    public PopulationError populationError(Target target) {
        return populationError(target, 1);
    }

    @Override
    public void predict(DMatrixRMaj x, double[] out) {
        network.forward(x, out);
        for (int i = 0; i < x.numRows; i++) {
            out[i] += linear.value(x, i);
        }
    }
}
