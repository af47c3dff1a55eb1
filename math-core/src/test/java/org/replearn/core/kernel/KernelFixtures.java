package org.replearn.core.kernel;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;

/** Seeded random inputs shared by the kernel tests. */
final class KernelFixtures {
    private KernelFixtures() {
    }

    /** A standard normal sampler on the CHECK stream of {@code seed}, element {@code index}. */
    static ZigguratSampler.NormalizedGaussian gaussian(long seed, long index) {
        UniformRandomProvider rng = new Seeds(seed).rng(Stream.CHECK, index);
        return ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** An n×d matrix of i.i.d. N(0, scale²) entries. */
    static DMatrixRMaj gaussianMatrix(int n, int d, double scale, ZigguratSampler.NormalizedGaussian g) {
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = scale * g.sample();
        }
        return x;
    }

    /** Row {@code i} of {@code x}. */
    static double[] row(DMatrixRMaj x, int i) {
        double[] r = new double[x.numCols];
        System.arraycopy(x.data, i * x.numCols, r, 0, r.length);
        return r;
    }
}
