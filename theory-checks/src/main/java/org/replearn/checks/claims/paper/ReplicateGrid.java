package org.replearn.checks.claims.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The cells of a claim measured once per (replicate, d), replicate-major ({@code r0-d8, r0-d16, …, r1-d8, …}), and
 * the per-replicate tables a fit over d reads from their results.
 *
 * @param replicates independent replicates
 * @param dims       the dimensions, increasing
 */
record ReplicateGrid(int replicates, int[] dims) {
    /** A cell at (replicate, d). */
    @FunctionalInterface
    interface CellAt<C> {
        C at(int replicate, int d);
    }

    /** The cells, replicate-major. */
    <C> List<C> cells(CellAt<C> cell) {
        List<C> cells = new ArrayList<>();
        for (int rep = 0; rep < replicates; rep++) {
            for (int d : dims) {
                cells.add(cell.at(rep, d));
            }
        }
        return cells;
    }

    /** d per (replicate, d): the abscissae of a per-replicate fit. */
    double[][] dx() {
        double[][] out = new double[replicates][dims.length];
        for (double[] row : out) {
            for (int di = 0; di < dims.length; di++) {
                row[di] = dims[di];
            }
        }
        return out;
    }

    /** {@code field} of the cells' results (replicate-major, as {@link #cells}) per (replicate, d). */
    <R> double[][] table(List<R> results, ToDoubleFunction<R> field) {
        double[][] out = new double[replicates][dims.length];
        for (int c = 0; c < results.size(); c++) {
            out[c / dims.length][c % dims.length] = field.applyAsDouble(results.get(c));
        }
        return out;
    }
}
