package org.replearn.core.training;

import java.util.concurrent.atomic.LongAdder;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.targets.Target;

/**
 * A learning problem: {@code n} training and {@code validation} validation samples of {@code target} with label
 * noise variance {@code noiseVariance}, all random quantities derived from {@code seeds}.
 *
 * @param target        the target {@code f*}
 * @param noiseVariance label noise {@code σ²}
 * @param n             training samples
 * @param validation    validation samples (ridge λ selection)
 * @param seeds         the seed streams
 * @param rowsRead      when not null, every source of the problem adds the rows it reads here (progress display)
 */
public record Problem(Target target, double noiseVariance, long n, long validation, Seeds seeds,
        LongAdder rowsRead) {
    /** A problem whose reads are not counted. */
    public Problem(Target target, double noiseVariance, long n, long validation, Seeds seeds) {
        this(target, noiseVariance, n, validation, seeds, null);
    }

    /** Validates sizes and the noise level. */
    public Problem {
        if (target == null || seeds == null) {
            throw new IllegalArgumentException("target and seeds must not be null: pass the Target and the Seeds");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " must be >= 1: ask for at least one training sample");
        }
        if (validation < 1) {
            throw new IllegalArgumentException("validation = " + validation
                    + " must be >= 1: ridge λ is chosen on a held-out validation set");
        }
        if (!(noiseVariance >= 0) || !Double.isFinite(noiseVariance)) {
            throw new IllegalArgumentException("noiseVariance = " + noiseVariance + " must be finite and >= 0");
        }
    }

    /** The training stream. */
    public DataSource train() {
        return new DataSource(target, noiseVariance, seeds, Stream.TRAIN, n, rowsRead);
    }

    /** The validation stream. */
    public DataSource validationSource() {
        return new DataSource(target, noiseVariance, seeds, Stream.VALIDATION, validation, rowsRead);
    }

    /** A test stream of {@code size} fresh samples. */
    public DataSource test(long size) {
        return new DataSource(target, noiseVariance, seeds, Stream.TEST, size, rowsRead);
    }

    /** The same problem with another training size (same U, initialization and sample prefix). */
    public Problem withN(long newN) {
        return new Problem(target, noiseVariance, newN, validation, seeds, rowsRead);
    }
}
