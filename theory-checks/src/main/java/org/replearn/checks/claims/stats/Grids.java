package org.replearn.checks.claims.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Sample-size grids, where a learning curve first crosses a level on them, and the cells of a sweep and their
 * results.
 */
public final class Grids {
    /** The n where {@code err} first drops to {@code eps}, interpolating linearly in (log n, log err); NaN if never. */
    public static double firstCrossing(double[] n, double[] err, double eps) {
        if (err[0] <= eps) {
            return n[0];
        }
        for (int i = 1; i < n.length; i++) {
            if (err[i] <= eps) {
                double t = (Math.log(eps) - Math.log(err[i - 1])) / (Math.log(err[i]) - Math.log(err[i - 1]));
                return Math.exp(Math.log(n[i - 1]) + t * (Math.log(n[i]) - Math.log(n[i - 1])));
            }
        }
        return Double.NaN;
    }

    /** The grid {@code 2^{k/perOctave}} for the integers k from {@code round(perOctave·log₂ lo)} to that of {@code hi}. */
    public static double[] octaveGrid(double lo, double hi, int perOctave) {
        int a = (int) Math.round(perOctave * Math.log(lo) / Math.log(2));
        int b = (int) Math.round(perOctave * Math.log(hi) / Math.log(2));
        double[] out = new double[b - a + 1];
        for (int k = a; k <= b; k++) {
            out[k - a] = Math.pow(2, k / (double) perOctave);
        }
        return out;
    }

    /**
     * {@code Σ_i round(ratios[i]·scale)·perSample}: a cost model of running every point {@code n = round(ratio·scale)}
     * of a sample-size grid at {@code perSample} operations per sample (e.g. {@code d·m} for a first step).
     */
    public static double work(double[] ratios, double scale, double perSample) {
        double sum = 0;
        for (double ratio : ratios) {
            sum += Math.round(ratio * scale) * perSample;
        }
        return sum;
    }

    /** The number of leading grid points at most {@code max} (up to a relative rounding of {@code 1e-12}). */
    public static int pointsUpTo(double[] grid, double max) {
        int count = 0;
        while (count < grid.length && grid[count] <= max * (1 + 1e-12)) {
            count++;
        }
        return count;
    }

    /**
     * The cells of a two-level sweep in row-major order, {@code cell(i, j)} for {@code i < outer}, {@code j < inner}
     * (e.g. dimension-major over replicates); a mutable list, so a claim can append its controls.
     */
    public static <C> List<C> cells(int outer, int inner, BiFunction<Integer, Integer, C> cell) {
        List<C> cells = new ArrayList<>(outer * inner);
        for (int i = 0; i < outer; i++) {
            for (int j = 0; j < inner; j++) {
                cells.add(cell.apply(i, j));
            }
        }
        return cells;
    }

    /** The results of the cells {@code from} (inclusive) to {@code to} (exclusive) of a claim, as {@code type}. */
    public static <T> List<T> results(List<?> results, int from, int to, Class<T> type) {
        return results.subList(from, to).stream().map(type::cast).toList();
    }

    private Grids() {
    }
}
