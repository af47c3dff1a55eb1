package org.replearn.checks.claims.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Sample-size grids, where a learning curve first crosses a level on them ({@link Crossing}), and the cells of a
 * sweep and their results.
 */
public final class Grids {
    /**
     * Where a learning curve on a grid first drops to a level, the one rule every claim uses. {@link Kind#BRACKETED}:
     * between two grid points, {@code x} by linear interpolation in (log x, log err). {@link Kind#AT_FIRST_POINT}: at
     * or below the level already at the grid's first point, which is no measurement (it would return the grid's own
     * first abscissa, hence the grid's own exponent). {@link Kind#NOT_REACHED}: above the level at every point. Only
     * a bracketed crossing has a finite {@code x}; a claim extends its grid or counts the other two as failures.
     *
     * @param kind the outcome
     * @param x    the crossing's abscissa when bracketed, else NaN
     */
    public record Crossing(Kind kind, double x) implements java.io.Serializable {
        /** The outcome of a crossing search. */
        public enum Kind {
            /** Above the level at the first point, at or below it at a later one. */
            BRACKETED,
            /** At or below the level at the first point. */
            AT_FIRST_POINT,
            /** Above the level at every point. */
            NOT_REACHED
        }

        /** Checks that {@code x} is finite exactly when bracketed. */
        public Crossing {
            if ((kind == Kind.BRACKETED) != Double.isFinite(x)) {
                throw new IllegalArgumentException("a crossing has a finite x exactly when bracketed: " + kind + ", "
                        + x);
            }
        }

        /** Whether the crossing is a measurement (bracketed). */
        public boolean measured() {
            return kind == Kind.BRACKETED;
        }

        /**
         * The unmeasured crossings among {@code crossings} in words, e.g. {@code "2 at the first grid point, 1 not
         * reached by the grid's end"}; empty when every crossing is bracketed.
         */
        public static String unmeasured(Iterable<Crossing> crossings) {
            int first = 0;
            int none = 0;
            for (Crossing c : crossings) {
                first += c.kind == Kind.AT_FIRST_POINT ? 1 : 0;
                none += c.kind == Kind.NOT_REACHED ? 1 : 0;
            }
            String a = first > 0 ? first + " at the first grid point (no measurement)" : "";
            String b = none > 0 ? none + " not reached by the grid's end" : "";
            return a.isEmpty() || b.isEmpty() ? a + b : a + ", " + b;
        }
    }

    /** {@link Crossing} of the curve {@code err} on the grid {@code x} (increasing) at {@code level}. */
    public static Crossing crossing(double[] x, double[] err, double level) {
        if (err[0] <= level) {
            return new Crossing(Crossing.Kind.AT_FIRST_POINT, Double.NaN);
        }
        for (int i = 1; i < x.length; i++) {
            if (err[i] <= level) {
                double t = (Math.log(level) - Math.log(err[i - 1])) / (Math.log(err[i]) - Math.log(err[i - 1]));
                return new Crossing(Crossing.Kind.BRACKETED,
                        Math.exp(Math.log(x[i - 1]) + t * (Math.log(x[i]) - Math.log(x[i - 1]))));
            }
        }
        return new Crossing(Crossing.Kind.NOT_REACHED, Double.NaN);
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
