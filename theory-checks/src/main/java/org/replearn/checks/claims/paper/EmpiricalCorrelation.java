package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.DataSource;

/**
 * The empirical first-step correlation of a layer {@code (W, b)} streamed over one sample:
 * {@code ĝ_jp(n) = (1/n) Σ_{i<n} t_i 1[w_j·x_i + b_j > 0] x_ip} for the de-linearized labels
 * {@code t = ỹ = y − α − β·x} and for the raw labels {@code t = y}, with the per-entry sample variances, at the
 * checkpoints {@code n = 2^minLog, 2^(minLog+1), …} up to the sample's size (a power of two, at least one block).
 * Entries are neuron-major, {@code j·d + p}.
 */
final class EmpiricalCorrelation {
    private EmpiricalCorrelation() {
    }

    /** Which labels an estimate averages. */
    enum Labels { DELINEARIZED, RAW }

    /** An estimate ({@code labels}) and the exact value it is compared with. */
    record Comparison(Labels labels, double[] exact) {
    }

    /**
     * The result for comparisons {@code v}: checkpoints {@code n}; the relative errors
     * {@code ||ĝ − exact_v||/||exact_v||} at the checkpoints and the z-scores {@code (ĝ − exact_v)/SE} at the largest n; the predicted RMS relative error
     * {@code sqrt(Σ Var/n)/||exact_0||} of the de-linearized estimate; and at the largest n its value {@code ĝ}, the
     * first comparison's {@code exact} and the standard errors.
     */
    record Replicate(double[] n, double[][] errors, double[] predicted, double[][] z, double[] measured,
            double[] exact, double[] standardError) implements java.io.Serializable {
    }

    /** Label sums of both kinds: {@code Σ t·1[·]·x_p} and {@code Σ (t·1[·]·x_p)²}, index 0 de-linearized, 1 raw. */
    private record Sums(double[][] sum, double[][] sumSq) {
        Sums(int scores) {
            this(new double[2][scores], new double[2][scores]);
        }

        /** Adds the block's rows; {@code s} holds their pre-activations without bias. */
        void add(DataSource.Block block, DMatrixRMaj s, double[] b, double alpha, double[] beta) {
            int d = beta.length;
            int neurons = b.length;
            double[] x = block.x.data;
            for (int i = 0; i < block.rows(); i++) {
                double y = block.y[i];
                double yd = y - alpha;
                for (int p = 0; p < d; p++) {
                    yd -= beta[p] * x[i * d + p];
                }
                for (int j = 0; j < neurons; j++) {
                    if (s.data[i * neurons + j] + b[j] > 0) {
                        int off = j * d;
                        for (int p = 0; p < d; p++) {
                            double xp = x[i * d + p];
                            double vd = yd * xp;
                            double vr = y * xp;
                            sum[0][off + p] += vd;
                            sumSq[0][off + p] += vd * vd;
                            sum[1][off + p] += vr;
                            sumSq[1][off + p] += vr * vr;
                        }
                    }
                }
            }
        }
    }

    /**
     * Streams {@code source} (labels de-linearized with the exact {@code α, β}) through the layer {@code (w, b)} and
     * compares the estimates with {@code comparisons} (the first one de-linearized).
     */
    static Replicate measure(DataSource source, double alpha, double[] beta, DMatrixRMaj w, double[] b, int minLog,
            Comparison[] comparisons) {
        int neurons = w.numRows;
        int scores = neurons * w.numCols;
        int points = Long.numberOfTrailingZeros(source.size()) - minLog + 1;
        Sums sums = new Sums(scores);
        double[] ns = new double[points];
        double[][] errors = new double[comparisons.length][points];
        double[] predicted = new double[points];
        DataSource.Block block = source.newBlock();
        DMatrixRMaj s = new DMatrixRMaj(1, 1);
        int done = 0;
        long nextCheckpoint = 1L << minLog;
        for (int k = 0; k < source.blockCount(); k++) {
            source.read(k, block);
            s.reshape(block.rows(), neurons, false);
            CommonOps_DDRM.multTransB(block.x, w, s);
            sums.add(block, s, b, alpha, beta);
            long seen = (long) (k + 1) * DataSource.BLOCK_ROWS;
            if (seen == nextCheckpoint) {
                ns[done] = seen;
                double variance = 0;
                for (int e = 0; e < scores; e++) {
                    double mean = sums.sum[0][e] / seen;
                    variance += sums.sumSq[0][e] / seen - mean * mean;
                }
                for (int v = 0; v < comparisons.length; v++) {
                    errors[v][done] = relativeError(sums.sum[comparisons[v].labels().ordinal()], seen,
                            comparisons[v].exact());
                }
                predicted[done] = Math.sqrt(variance / seen / squaredNorm(comparisons[0].exact()));
                done++;
                nextCheckpoint *= 2;
            }
        }
        return atLargestN(sums, source.size(), ns, errors, predicted, comparisons);
    }

    private static Replicate atLargestN(Sums sums, long nMax, double[] ns, double[][] errors, double[] predicted,
            Comparison[] comparisons) {
        int scores = sums.sum[0].length;
        double[][] z = new double[comparisons.length][scores];
        double[] measured = new double[scores];
        double[] standardError = new double[scores];
        for (int v = 0; v < comparisons.length; v++) {
            int l = comparisons[v].labels().ordinal();
            for (int e = 0; e < scores; e++) {
                double mean = sums.sum[l][e] / nMax;
                double se = Math.sqrt(Math.max(sums.sumSq[l][e] / nMax - mean * mean, 0) / nMax);
                z[v][e] = (mean - comparisons[v].exact()[e]) / se;
                if (v == 0) {
                    measured[e] = mean;
                    standardError[e] = se;
                }
            }
        }
        return new Replicate(ns, errors, predicted, z, measured, comparisons[0].exact(), standardError);
    }

    /** {@code ||sum/n − exact|| / ||exact||}. */
    private static double relativeError(double[] sum, long n, double[] exact) {
        double err2 = 0;
        for (int e = 0; e < sum.length; e++) {
            double diff = sum[e] / n - exact[e];
            err2 += diff * diff;
        }
        return Math.sqrt(err2 / squaredNorm(exact));
    }

    private static double squaredNorm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return s;
    }
}
