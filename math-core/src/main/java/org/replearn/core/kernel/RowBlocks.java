package org.replearn.core.kernel;

import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.data.Parallel;

/**
 * The row-block loop shared by the batched kernels: rows are cut into fixed blocks of {@link #ROWS} (independent
 * of the thread count) and each output entry is computed by exactly one block, so results do not depend on
 * {@code threads}.
 */
final class RowBlocks {
    /** Rows per block. */
    static final int ROWS = 64;
    /** Rows and columns per tile of {@link #mirror}: one cache line of doubles. */
    private static final int TILE = 8;

    private RowBlocks() {
    }

    /** Fills output rows {@code [r0, r1)} using the calling thread's workspace. */
    @FunctionalInterface
    interface Fill<W> {
        void rows(W workspace, int r0, int r1);
    }

    /** Runs {@code fill} over all row blocks of {@code rows} rows on {@code threads} threads. */
    static <W> void run(int rows, int threads, Supplier<W> workspace, Fill<W> fill) {
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        int blocks = (rows + ROWS - 1) / ROWS;
        Parallel.forEach(blocks, threads, workspace, (w, k) -> fill.rows(w, k * ROWS, Math.min(rows, (k + 1) * ROWS)));
    }

    /** Copies rows {@code [r0, r1)} of {@code src} into {@code dst} (reshaped). */
    static DMatrixRMaj rows(DMatrixRMaj src, int r0, int r1, DMatrixRMaj dst) {
        dst.reshape(r1 - r0, src.numCols, false);
        System.arraycopy(src.data, r0 * src.numCols, dst.data, 0, (r1 - r0) * src.numCols);
        return dst;
    }

    /** The first {@code r1} rows of {@code src}, as a view sharing its data (row-major storage). */
    static DMatrixRMaj head(DMatrixRMaj src, int r1) {
        return DMatrixRMaj.wrap(r1, src.numCols, src.data);
    }

    /**
     * Copies the strictly lower part of rows {@code [r0, r1)} of the square {@code out} to its upper part, by tiles of
     * {@link #TILE} × {@link #TILE} (each written row of a tile one cache line). Column by column, every write went to
     * a new line {@code n} doubles from the last, and at a power-of-two {@code n} all of them fall in a few cache sets:
     * at n = 4096 the copy took 0.13–0.24 s, as long as the rest of the kernel matrix.
     */
    static void mirror(DMatrixRMaj out, int r0, int r1) {
        int n = out.numCols;
        double[] o = out.data;
        for (int i0 = r0; i0 < r1; i0 += TILE) {
            int i1 = Math.min(r1, i0 + TILE);
            for (int j0 = 0; j0 < i1 - 1; j0 += TILE) {
                for (int i = i0; i < i1; i++) {
                    int j1 = Math.min(j0 + TILE, i);
                    for (int j = j0; j < j1; j++) {
                        o[j * n + i] = o[i * n + j];
                    }
                }
            }
        }
    }

    /** Validates a batch of points for a kernel on {@code R^d}. */
    static void checkPoints(String name, DMatrixRMaj x, int d) {
        Validate.dimension(name + " columns", x.numCols, d, "pass one point of dimension " + d + " per row");
        Validate.finite(name, x);
    }

    /** Validates one point for a kernel on {@code R^d}. */
    static void checkPoint(String name, double[] x, int d) {
        Validate.dimension(name, x.length, d, "pass a point of dimension " + d);
        Validate.finite(name, x);
    }
}
