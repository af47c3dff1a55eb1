package org.replearn.core.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.data.BlockSource;
import org.replearn.core.data.Labels;
import org.replearn.core.data.Parallel;

/**
 * Second moments of ReLU features {@code Φ = σ(X Wᵀ + 1 bᵀ)} and labels {@code t}: the Gram matrix
 * {@code ΦᵀΦ/n} (m×m, symmetric), the correlation {@code Φᵀt/n} and {@code tᵀt/n} — the sufficient statistics of
 * ridge regression on frozen features ({@code a = (ΦᵀΦ/n + λI)⁻¹ Φᵀt/n}); on a held-out set they give the
 * validation error of any {@code a}: {@code aᵀ(ΦᵀΦ/n)a - 2aᵀ(Φᵀt/n) + tᵀt/n}.
 *
 * @param gram             {@code ΦᵀΦ/n}
 * @param correlation      {@code Φᵀt/n}
 * @param labelMoment      {@code tᵀt/n}
 * @param size             {@code n}
 */
public record FeatureGram(DMatrixRMaj gram, double[] correlation, double labelMoment, long size) {
    /**
     * Partitions of the sum over blocks: each holds an m×m accumulator, so few (each added to the total costs as
     * much memory traffic as a quarter of a block's products at m = 1024), yet enough to balance 2–8 threads.
     */
    private static final int PARTITIONS = 8;

    /**
     * Streams the statistics over all samples of {@code source} on {@code threads} threads, bit-identical for every
     * thread count. Per data block, {@code Φ} packed in column strips by chunks of 256 rows, {@code Φᵀt} and
     * {@code tᵀt} added from each packed chunk, then the upper triangle of {@code ΦᵀΦ} row block by row block, all
     * chunks of the block in turn (so a row block of the accumulator stays in L2 across them); each entry is one fma
     * chain over the rows of a partition in order; mirrored at the end. Costs {@code 2·n·m·d + n·m² + 2·n·m} flops.
     */
    public static FeatureGram over(BlockSource source, DMatrixRMaj w, double[] b, Labels labels, int threads) {
        Layer layer = new Layer(w, b);
        if (source.dimension() != layer.d) {
            throw new IllegalArgumentException("source dimension " + source.dimension() + " differs from w's "
                    + layer.d + " columns: use a first layer built for this data");
        }
        int m = layer.m;
        int width = Tiles.paddedWidth(m);
        // Per partition: ΦᵀΦ (width × width, upper triangle), then Φᵀt (width), then tᵀt.
        int correlationAt = width * width;
        VectorGuard.Pass pass = VectorGuard.pass(2.0 * m * layer.d + (double) m * m + 2.0 * m);
        double[] total = Parallel.reduce(source.blockCount(), PARTITIONS, threads,
                () -> new double[correlationAt + width + 1], g -> Arrays.fill(g, 0.0),
                () -> new Scratch(source, m, true), (g, scratch, k) -> {
                    long began = pass.begin();
                    scratch.load(source, labels, k);
                    int rows = scratch.block.rows();
                    int chunks = (rows + Tiles.GRAM_ROWS - 1) / Tiles.GRAM_ROWS;
                    for (int c = 0; c < chunks; c++) {
                        int chunk0 = c * Tiles.GRAM_ROWS;
                        int chunk = Math.min(Tiles.GRAM_ROWS, rows - chunk0);
                        Tiles.packFeatures(scratch.block.x.data, chunk0, chunk, layer, scratch.packed[c]);
                        Tiles.addCorrelation(scratch.packed[c], chunk, scratch.t, chunk0, width, g, correlationAt);
                    }
                    for (int blk = 0; blk < Tiles.gramBlocks(width); blk++) {
                        for (int c = 0; c < chunks; c++) {
                            int chunk = Math.min(Tiles.GRAM_ROWS, rows - c * Tiles.GRAM_ROWS);
                            Tiles.addGramUpper(scratch.packed[c], scratch.packed[c], chunk, g, 0, width, width, blk);
                        }
                    }
                    pass.end(began, rows);
                }, Tiles::add);
        double inv = 1.0 / source.size();
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        double[] correlation = new double[m];
        for (int j = 0; j < m; j++) {
            for (int l = j; l < m; l++) {
                double v = inv * total[j * width + l];
                gram.data[j * m + l] = v;
                gram.data[l * m + j] = v;
            }
            correlation[j] = inv * total[correlationAt + j];
        }
        return new FeatureGram(gram, correlation, inv * total[correlationAt + width], source.size());
    }
}
