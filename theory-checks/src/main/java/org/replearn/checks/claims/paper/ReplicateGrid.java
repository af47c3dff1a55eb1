package org.replearn.checks.claims.paper;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.replearn.checks.claims.stats.Grids;

/**
 * The cells of a claim measured once per (replicate, d), replicate-major ({@code r0-d8, r0-d16, …, r1-d8, …}), and
 * the per-replicate tables a fit over d reads from their results.
 *
 * @param replicates independent replicates
 * @param dims       the dimensions, increasing
 */
record ReplicateGrid(int replicates, int[] dims) {
    /** The cells {@code cell(replicate, d)}, replicate-major. */
    <C> List<C> cells(BiFunction<Integer, Integer, C> cell) {
        return Grids.cells(replicates, dims.length, (rep, i) -> cell.apply(rep, dims[i]));
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
