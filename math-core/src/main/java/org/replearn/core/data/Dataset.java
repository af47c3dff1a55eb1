package org.replearn.core.data;

import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;

/**
 * Samples held in memory: inputs {@code x} (n×d), noisy labels {@code y} and noiseless values {@code f*(x)}.
 * {@link #blocks()} serves the rows in blocks of {@link DataSource#BLOCK_ROWS}, so a pass over a materialized
 * {@link DataSource} gives the same bits as the same pass over the source itself.
 *
 * @param x     inputs, one sample per row
 * @param y     labels {@code f*(x) + ε}
 * @param fStar noiseless target values
 */
public record Dataset(DMatrixRMaj x, double[] y, double[] fStar) {
    /** Checks that the three parts describe the same samples. */
    public Dataset {
        if (y.length != x.numRows || fStar.length != x.numRows) {
            throw new IllegalArgumentException("x has " + x.numRows + " rows but y has " + y.length + " and fStar "
                    + fStar.length + " entries: one label per sample");
        }
        if (x.numRows < 1 || x.numCols < 1) {
            throw new IllegalArgumentException("x is " + x.numRows + "x" + x.numCols + ": pass at least one sample"
                    + " of dimension >= 1");
        }
    }

    /** Number of samples. */
    public int size() {
        return x.numRows;
    }

    /** These samples as a {@link BlockSource} (rows are copied into the block on each read). */
    public BlockSource blocks() {
        return new BlockSource() {
            @Override
            public long size() {
                return x.numRows;
            }

            @Override
            public int dimension() {
                return x.numCols;
            }

            @Override
            public void read(int k, DataSource.Block into) {
                copyBlock(k, into);
            }
        };
    }

    private void copyBlock(int k, DataSource.Block into) {
        int count = (x.numRows + DataSource.BLOCK_ROWS - 1) / DataSource.BLOCK_ROWS;
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("block index " + k + " is outside [0, " + count + ")");
        }
        int d = x.numCols;
        Validate.dimension("block dimension", into.dimension, d, "create the block with newBlock()");
        int first = k * DataSource.BLOCK_ROWS;
        int rows = Math.min(DataSource.BLOCK_ROWS, x.numRows - first);
        into.rows = rows;
        into.x.reshape(rows, d, false);
        System.arraycopy(x.data, first * d, into.x.data, 0, rows * d);
        System.arraycopy(y, first, into.y, 0, rows);
        System.arraycopy(fStar, first, into.fStar, 0, rows);
    }
}
