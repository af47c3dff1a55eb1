package org.replearn.core.data;

/**
 * The regression targets {@code t_i} a pass fits, computed per block: the observed labels, the noiseless values,
 * or a transformation of them (e.g. {@code y - α - β·x}, see {@code org.replearn.core.linalg.LinearPart}).
 */
@FunctionalInterface
public interface Labels {
    /** {@code t_i = y_i} (noisy labels). */
    Labels OBSERVED = (block, out) -> System.arraycopy(block.y, 0, out, 0, block.rows());

    /** {@code t_i = f*(x_i)} (noiseless values). */
    Labels NOISELESS = (block, out) -> System.arraycopy(block.fStar, 0, out, 0, block.rows());

    /** Writes {@code t_i} for the {@code block.rows} rows of {@code block} into {@code out[0 .. rows)}. */
    void compute(DataSource.Block block, double[] out);
}
