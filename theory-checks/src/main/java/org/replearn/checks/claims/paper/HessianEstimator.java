package org.replearn.checks.claims.paper;

import org.replearn.core.data.DataSource;
import org.replearn.core.data.Parallel;
import org.replearn.core.training.LinearPart;

/**
 * Stein's second-order estimator of the expected Hessian, {@code M = mean(ỹ (x xᵀ − I))} with de-linearized labels
 * {@code ỹ = y − α − β·x} (docs/math.md §2, §5), as streamed sums from which {@link ExpectedHessianClaim} takes the
 * entries' means and sample standard errors.
 */
final class HessianEstimator {
    private HessianEstimator() {
    }

    /**
     * Sums over {@code source} of {@code v_e = ỹ(x_p x_q − δ_pq)} over the upper triangle {@code p <= q} (row-major,
     * first half) and of {@code v_e²} (second half), with {@code ỹ = y − linear(x)}; bit-identical for every thread
     * count.
     */
    static double[] sums(DataSource source, LinearPart linear, int threads) {
        int d = source.dimension();
        int entries = d * (d + 1) / 2;
        return Parallel.reduce(source.blockCount(), threads, () -> new double[2 * entries], source::newBlock,
                (acc, block, k) -> {
                    source.read(k, block);
                    double[] x = block.x.data;
                    for (int i = 0; i < block.rows(); i++) {
                        double yt = block.y[i] - linear.value(block.x, i);
                        int off = i * d;
                        int e = 0;
                        for (int p = 0; p < d; p++) {
                            double xp = x[off + p];
                            for (int q = p; q < d; q++, e++) {
                                double v = yt * (xp * x[off + q] - (p == q ? 1 : 0));
                                acc[e] += v;
                                acc[entries + e] += v * v;
                            }
                        }
                    }
                }, (into, from) -> {
                    for (int e = 0; e < into.length; e++) {
                        into[e] += from[e];
                    }
                });
    }
}
