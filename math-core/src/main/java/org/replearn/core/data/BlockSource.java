package org.replearn.core.data;

/**
 * Samples readable in blocks of at most {@link DataSource#BLOCK_ROWS} rows: block {@code k} holds samples
 * {@code k·BLOCK_ROWS, …} in order. Implemented by the streamed {@link DataSource} and the in-memory
 * {@link Dataset}, so the streaming passes of {@code org.replearn.core.linalg} run on either.
 */
public interface BlockSource {
    /** Number of samples {@code n}. */
    long size();

    /** Input dimension {@code d}. */
    int dimension();

    /** Number of blocks, {@code ceil(n / BLOCK_ROWS)}. */
    default int blockCount() {
        return (int) ((size() + DataSource.BLOCK_ROWS - 1) / DataSource.BLOCK_ROWS);
    }

    /** A workspace for {@link #read}. */
    default DataSource.Block newBlock() {
        return new DataSource.Block(dimension());
    }

    /** Fills {@code into} with block {@code k}; its {@code x} is reshaped to {@code rows × d}. */
    void read(int k, DataSource.Block into);
}
