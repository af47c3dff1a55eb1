package org.replearn.checks.claims.paper;

import org.apache.commons.math3.special.Erf;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.replearn.core.data.DataSource;

/**
 * The sampling error of Algorithm 1's first-step correlation with the empirical {@code α̂ = mean(y)},
 * {@code β̂ = mean(y x)} (docs/math.md §4, §5), {@code ĝ_j = mean(y 1_j x) − α̂ mean(1_j x) − mean(1_j x xᵀ) β̂},
 * {@code 1_j = 1[w_j·x + b_j > 0]}. To first order (delta method) {@code ĝ_j − g_j} is the mean of the i.i.d.
 * influence terms
 * <pre>ψ_ij = ỹ_i 1_ij x_i − (y_i − α) m0_j − M1_j (y_i x_i − β),   ỹ = y − α − β·x,</pre>
 * with the exact {@code α = E y}, {@code β = E[y x]} and the truncated-normal moments ({@code u = w_j/‖w_j‖},
 * {@code c = −b_j/‖w_j‖}) {@code m0_j = E[1_j x] = φ(c) u} and {@code M1_j = E[1_j x xᵀ] = Φ(−c) I + c φ(c) u uᵀ}.
 * Being bilinear in sample means, {@code ĝ_j} has the exact bias {@code E ĝ_j − g_j = −(g_j + E[y ‖x‖² 1_j x])/n}.
 *
 * <p>{@link #stream} passes once over nested prefixes {@code n = 2^minLog, 2^(minLog+1), …} of a sample (a power of
 * two, at least one block) and returns ψ's per-entry sample variances (entries neuron-major, {@code j·d + p}) and the
 * sample mean of {@code y ‖x‖² 1_j x}.
 */
final class CorrelationInfluence {
    private static final double INV_SQRT_2 = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private CorrelationInfluence() {
    }

    /**
     * The streamed statistics.
     *
     * @param n the checkpoints
     * @param totalVariance {@code Σ_jp Var ψ_jp} at each checkpoint
     * @param variance {@code Var ψ_jp} at the largest n
     * @param biasMoment the mean of {@code y ‖x‖² 1_j x_p} at the largest n
     */
    record Result(double[] n, double[] totalVariance, double[] variance, double[] biasMoment) {
        /** {@code n·|E ĝ − g|} entry-wise, given the exact {@code g}: {@code |g + E[y ‖x‖² 1 x]|}. */
        double[] scaledBias(double[] exact) {
            double[] out = new double[exact.length];
            for (int e = 0; e < exact.length; e++) {
                out[e] = Math.abs(exact[e] + biasMoment[e]);
            }
            return out;
        }
    }

    /** The first layer's per-neuron constants: {@code u}, {@code Φ(−c)}, {@code φ(c)}, {@code c φ(c)}. */
    private record Neurons(double[] u, double[] above, double[] density, double[] slope) {
        static Neurons of(DMatrixRMaj w, double[] b) {
            int k = w.numRows;
            int d = w.numCols;
            double[] u = new double[k * d];
            double[] above = new double[k];
            double[] density = new double[k];
            double[] slope = new double[k];
            for (int j = 0; j < k; j++) {
                double norm = 0;
                for (int p = 0; p < d; p++) {
                    norm += w.data[j * d + p] * w.data[j * d + p];
                }
                norm = Math.sqrt(norm);
                for (int p = 0; p < d; p++) {
                    u[j * d + p] = w.data[j * d + p] / norm;
                }
                double c = -b[j] / norm;
                above[j] = 0.5 * Erf.erfc(c * INV_SQRT_2);
                density[j] = INV_SQRT_2PI * Math.exp(-0.5 * c * c);
                slope[j] = c * density[j];
            }
            return new Neurons(u, above, density, slope);
        }
    }

    /** Sums of ψ, ψ² and {@code y ‖x‖² 1 x} per entry. */
    private static final class Sums {
        final double[] psi;
        final double[] psiSq;
        final double[] moment;

        Sums(int entries) {
            psi = new double[entries];
            psiSq = new double[entries];
            moment = new double[entries];
        }

        /** Adds the block's rows; {@code s} holds their pre-activations without bias. */
        void add(DataSource.Block block, DMatrixRMaj s, double[] b, Neurons nu, double alpha, double[] beta,
                double[] v) {
            int d = beta.length;
            int k = b.length;
            double[] x = block.x.data;
            for (int i = 0; i < block.rows(); i++) {
                double y = block.y[i];
                double yt = y - alpha;
                double r2 = 0;
                for (int p = 0; p < d; p++) {
                    double xp = x[i * d + p];
                    yt -= beta[p] * xp;
                    r2 += xp * xp;
                    v[p] = y * xp - beta[p];
                }
                double yr2 = y * r2;
                for (int j = 0; j < k; j++) {
                    int off = j * d;
                    double uv = 0;
                    for (int p = 0; p < d; p++) {
                        uv += nu.u[off + p] * v[p];
                    }
                    double along = (y - alpha) * nu.density[j] + nu.slope[j] * uv;
                    double above = nu.above[j];
                    int xo = i * d;
                    if (s.data[i * k + j] + b[j] > 0) {
                        for (int p = 0; p < d; p++) {
                            double value = yt * x[xo + p] - above * v[p] - along * nu.u[off + p];
                            psi[off + p] += value;
                            psiSq[off + p] += value * value;
                            moment[off + p] += yr2 * x[xo + p];
                        }
                    } else {
                        for (int p = 0; p < d; p++) {
                            double value = -above * v[p] - along * nu.u[off + p];
                            psi[off + p] += value;
                            psiSq[off + p] += value * value;
                        }
                    }
                }
            }
        }

        /** {@code Σ_e} of the sample variances after {@code n} rows. */
        double totalVariance(long n) {
            double total = 0;
            for (int e = 0; e < psi.length; e++) {
                total += variance(e, n);
            }
            return total;
        }

        double variance(int e, long n) {
            double mean = psi[e] / n;
            return Math.max(psiSq[e] / n - mean * mean, 0);
        }
    }

    /**
     * Streams {@code source} through the layer {@code (w, b)} with the exact {@code α, β} of its labels and returns
     * ψ's sample variances at the checkpoints and the mean of {@code y ‖x‖² 1_j x}.
     */
    static Result stream(DataSource source, double alpha, double[] beta, DMatrixRMaj w, double[] b, int minLog) {
        int entries = w.numRows * w.numCols;
        int points = Long.numberOfTrailingZeros(source.size()) - minLog + 1;
        Neurons nu = Neurons.of(w, b);
        Sums sums = new Sums(entries);
        double[] ns = new double[points];
        double[] total = new double[points];
        DataSource.Block block = source.newBlock();
        DMatrixRMaj s = new DMatrixRMaj(1, 1);
        double[] v = new double[w.numCols];
        int done = 0;
        long nextCheckpoint = 1L << minLog;
        for (int k = 0; k < source.blockCount(); k++) {
            source.read(k, block);
            s.reshape(block.rows(), w.numRows, false);
            CommonOps_DDRM.multTransB(block.x, w, s);
            sums.add(block, s, b, nu, alpha, beta, v);
            long seen = (long) (k + 1) * DataSource.BLOCK_ROWS;
            if (seen == nextCheckpoint) {
                ns[done] = seen;
                total[done++] = sums.totalVariance(seen);
                nextCheckpoint *= 2;
            }
        }
        long n = source.size();
        double[] variance = new double[entries];
        double[] moment = new double[entries];
        for (int e = 0; e < entries; e++) {
            variance[e] = sums.variance(e, n);
            moment[e] = sums.moment[e] / n;
        }
        return new Result(ns, total, variance, moment);
    }
}
