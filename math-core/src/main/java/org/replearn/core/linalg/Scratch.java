package org.replearn.core.linalg;

import org.replearn.core.data.BlockSource;
import org.replearn.core.data.DataSource;
import org.replearn.core.data.Labels;

/**
 * One thread's scratch space for a streamed pass: the current block, its labels, a tile of rows of width m and, for
 * the Gram kernel, the block's {@code Φ} in chunks of {@link Tiles#GRAM_ROWS} rows packed in column strips.
 */
final class Scratch {
    final DataSource.Block block;
    final double[] t = new double[DataSource.BLOCK_ROWS];
    /** {@link Tiles#ROWS} rows of width m, row-major with row stride {@link Tiles#tileStride}. */
    final double[] tile;
    /** The chunks of a block packed for {@link Tiles#addGramUpper} (Gram passes only). */
    final double[][] packed;

    Scratch(BlockSource source, int m) {
        this(source, m, false);
    }

    Scratch(BlockSource source, int m, boolean gram) {
        this.block = source.newBlock();
        this.tile = new double[Tiles.ROWS * Tiles.tileStride(m)];
        this.packed = gram ? new double[(DataSource.BLOCK_ROWS + Tiles.GRAM_ROWS - 1) / Tiles.GRAM_ROWS]
                [Tiles.GRAM_ROWS * Tiles.paddedWidth(m)] : null;
    }

    /** Reads block {@code k} and its labels; rejects non-finite labels. */
    void load(BlockSource source, Labels labels, int k) {
        source.read(k, block);
        labels.compute(block, t);
        for (int i = 0; i < block.rows(); i++) {
            if (!Double.isFinite(t[i])) {
                throw new IllegalArgumentException("label of sample " + ((long) k * DataSource.BLOCK_ROWS + i) + " = "
                        + t[i] + " is not finite: the labels function must return finite values");
            }
        }
    }
}
