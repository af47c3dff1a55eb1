package org.replearn.core.data;

import org.ejml.data.DMatrixRMaj;

/**
 * Samples held in memory: inputs {@code x} (n×d), noisy labels {@code y} and noiseless values {@code f*(x)}.
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
    }

    /** Number of samples. */
    public int size() {
        return x.numRows;
    }
}
