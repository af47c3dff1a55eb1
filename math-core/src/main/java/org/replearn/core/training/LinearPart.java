package org.replearn.core.training;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Parallel;

/**
 * The empirical constant and linear part of the labels removed by Algorithm 1 step 2 (docs/math.md §4):
 * {@code α = mean(y)}, {@code β = mean(y_i x_i)}; the de-linearized labels are {@code ỹ_i = y_i - α - β·x_i}.
 *
 * @param alpha {@code α}
 * @param beta  {@code β} (length d)
 */
public record LinearPart(double alpha, double[] beta) {
    /** Checks finiteness and copies {@code beta}. */
    public LinearPart {
        Validate.finite("alpha", alpha);
        Validate.finite("beta", beta);
        beta = beta.clone();
    }

    /** {@code α, β} streamed over all blocks of {@code source} in a fixed order; bit-identical for every thread count. */
    public static LinearPart estimate(BlockSource source, int threads) {
        int d = source.dimension();
        double[] sums = Parallel.reduce(source.blockCount(), threads, () -> new double[d + 1], source::newBlock,
                (acc, block, k) -> {
                    source.read(k, block);
                    double[] x = block.x.data;
                    for (int i = 0; i < block.rows(); i++) {
                        double y = block.y[i];
                        acc[0] += y;
                        int off = i * d;
                        for (int p = 0; p < d; p++) {
                            acc[p + 1] += y * x[off + p];
                        }
                    }
                }, (into, from) -> {
                    for (int p = 0; p <= d; p++) {
                        into[p] += from[p];
                    }
                });
        double n = source.size();
        double[] beta = new double[d];
        for (int p = 0; p < d; p++) {
            beta[p] = sums[p + 1] / n;
        }
        return new LinearPart(sums[0] / n, beta);
    }

    @Override
    public double[] beta() {
        return beta.clone();
    }

    /** The input dimension {@code d}. */
    public int dimension() {
        return beta.length;
    }

    /** {@code α + β·x_i} for row {@code i} of {@code x} (summed in increasing coordinate order). */
    public double value(DMatrixRMaj x, int i) {
        int d = beta.length;
        int off = i * d;
        double s = alpha;
        for (int p = 0; p < d; p++) {
            s += beta[p] * x.data[off + p];
        }
        return s;
    }

    /** {@code out[i] = y[i] - α - β·x_i} for the first {@code rows} rows. */
    public void residual(DMatrixRMaj x, double[] y, int rows, double[] out) {
        Validate.dimension("x columns", x.numCols, beta.length, "de-linearize samples of the dimension α, β were fit on");
        for (int i = 0; i < rows; i++) {
            out[i] = y[i] - value(x, i);
        }
    }

    /** The de-linearized labels {@code ỹ = y - α - β·x} of a block, for the streamed passes of {@code linalg}. */
    public Labels residuals() {
        return (block, out) -> residual(block.x, block.y, block.rows(), out);
    }
}
