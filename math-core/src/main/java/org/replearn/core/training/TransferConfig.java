package org.replearn.core.training;

import org.replearn.core.Validate;
import org.replearn.core.targets.Target;

/**
 * Configuration of {@link TransferLearner}: the source task the first layer is trained on.
 *
 * @param source              the source target {@code g_S(Ux)}; targets refitted later must share its {@code U}
 * @param sourceSamples       source training samples {@code n_S >= 1}
 * @param sourceNoiseVariance label noise {@code σ_S² >= 0} of the source task
 * @param oneStep             Algorithm 1 on the source (width, {@code η₁}, biases) and the head refitted on targets
 */
public record TransferConfig(Target source, long sourceSamples, double sourceNoiseVariance, OneStepConfig oneStep) {
    /** Validates every field. */
    public TransferConfig {
        if (source == null || oneStep == null) {
            throw new IllegalArgumentException("source and oneStep must not be null: pass the source Target and a"
                    + " OneStepConfig");
        }
        if (sourceSamples < 1) {
            throw new IllegalArgumentException("sourceSamples = " + sourceSamples
                    + " must be >= 1: train the first layer on at least one source sample");
        }
        Validate.nonNegative("sourceNoiseVariance", sourceNoiseVariance, "pass σ_S² >= 0 (0 for noiseless labels)");
    }
}
