package org.replearn.core.linalg;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Seeds;
import org.replearn.core.data.Stream;
import org.replearn.core.network.Activation;
import org.replearn.core.network.TwoLayerNetwork;
import org.replearn.core.targets.Target;
import org.replearn.core.targets.TargetPreset;
import org.replearn.core.targets.TargetSpec;

/** Seeded test problems and the floating-point error bounds the kernel tests use. */
final class Problems {
    /** Unit roundoff of binary64. */
    static final double U = 0x1p-53;

    private Problems() {
    }

    /** {@code γ_k = k u / (1 - k u)}: a sum or dot product of {@code k} terms has error {@code <= γ_k Σ|terms|}. */
    static double gamma(long k) {
        return k * U / (1 - k * U);
    }

    /** Noisy samples of a degree-2 single-index target. */
    static DataSource source(int d, long n, long seed) {
        Target t = Target.random(TargetPreset.of("single-h2").link(), d, new Seeds(seed).rng(Stream.FRAME));
        return new DataSource(t, 0.5, new Seeds(seed), Stream.TRAIN, n);
    }

    /** A generic (non-symmetric) ReLU network: {@code w ~ N(0, I/d)}, {@code b, a ~ N(0, 1)}. */
    static TwoLayerNetwork randomNetwork(int m, int d, long seed) {
        UniformRandomProvider rng = new Seeds(seed).rng(Stream.CHECK);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        DMatrixRMaj w = new DMatrixRMaj(m, d);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = normal.sample() / Math.sqrt(d);
        }
        double[] b = new double[m];
        double[] a = new double[m];
        for (int j = 0; j < m; j++) {
            b[j] = normal.sample();
            a[j] = normal.sample();
        }
        return new TwoLayerNetwork(w, b, a, Activation.RELU);
    }

    /** {@code |b_j| + Σ_k |x_ik w_jk|} (n×m): bounds {@code |s_ij|} and scales its rounding error. */
    static DMatrixRMaj absPreactivations(DMatrixRMaj x, DMatrixRMaj w, double[] b) {
        int n = x.numRows;
        int m = w.numRows;
        int d = w.numCols;
        DMatrixRMaj out = new DMatrixRMaj(n, m);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = Math.abs(b[j]);
                for (int k = 0; k < d; k++) {
                    s += Math.abs(x.get(i, k) * w.get(j, k));
                }
                out.set(i, j, s);
            }
        }
        return out;
    }

    /** Largest {@code |u_i - v_i| / bound_i}; {@code <= 1} means every entry is within its bound. */
    static double worstRatio(double[] u, double[] v, double[] bound) {
        double worst = 0;
        for (int i = 0; i < u.length; i++) {
            worst = Math.max(worst, Math.abs(u[i] - v[i]) / bound[i]);
        }
        return worst;
    }

    /** {@code BᵀB/k} with {@code B} k×n standard Gaussian: PSD, rank {@code min(k, n)}. */
    static DMatrixRMaj psd(int n, int k, long seed) {
        DMatrixRMaj b = DMatrixRMaj.wrap(k, n, gaussian(k * n, seed));
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(b, b, a);
        CommonOps_DDRM.scale(1.0 / k, a);
        return a;
    }

    /** {@code count} independent standard Gaussians from the CHECK stream of {@code seed}. */
    static double[] gaussian(int count, long seed) {
        UniformRandomProvider rng = new Seeds(seed).rng(Stream.CHECK);
        ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            z[i] = normal.sample();
        }
        return z;
    }
}
