package org.replearn.checks.properties;

import org.replearn.core.data.DataSource;

/** Streaming Monte Carlo means with per-coordinate standard errors. */
final class MonteCarlo {
    private MonteCarlo() {
    }

    /** Per-sample statistic: writes {@code dim} values for row {@code i} of a block into {@code out}. */
    interface Statistic {
        void of(DataSource.Block block, int i, double[] out);
    }

    /** Sample means and standard errors (sample SD / sqrt(n)) of a vector statistic. */
    record Estimate(double[] mean, double[] standardError) {
        /** z-scores against a prediction. */
        double[] z(double[] predicted) {
            double[] z = new double[mean.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = (mean[i] - predicted[i]) / standardError[i];
            }
            return z;
        }
    }

    static Estimate estimate(DataSource source, int dim, Statistic statistic) {
        double[] sum = new double[dim];
        double[] sq = new double[dim];
        double[] v = new double[dim];
        DataSource.Block b = source.newBlock();
        for (int k = 0; k < source.blockCount(); k++) {
            source.read(k, b);
            for (int i = 0; i < b.rows(); i++) {
                statistic.of(b, i, v);
                for (int j = 0; j < dim; j++) {
                    sum[j] += v[j];
                    sq[j] += v[j] * v[j];
                }
            }
        }
        double n = source.size();
        double[] mean = new double[dim];
        double[] se = new double[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = sum[j] / n;
            se[j] = Math.sqrt(Math.max(sq[j] / n - mean[j] * mean[j], 0) / n);
        }
        return new Estimate(mean, se);
    }
}
