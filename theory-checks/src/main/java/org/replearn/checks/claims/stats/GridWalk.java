package org.replearn.checks.claims.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.replearn.checks.claims.api.Sweep;

/**
 * A learning curve walked up a grid of sizes (samples n or widths m) until its error crosses a level: every point of
 * a common prefix is run (so that replicates can be averaged there), beyond it the walk goes on only while the last
 * error is above the level, and never past the grid's end. The crossing is {@link Grids#crossing} of the points run
 * ({@link #crossingOf}).
 */
public final class GridWalk {
    /** One evaluated grid point: its abscissa (a sample size or a width) and the error the walk watches. */
    public interface Point {
        /** The abscissa, e.g. the sample size n. */
        double x();

        /** The error compared with the level. */
        double error();
    }

    /** A point of a sample-size grid that also records the alignment of the learned first layer with span(U). */
    public interface AlignedPoint extends Point {
        /** The sample size n. */
        long n();

        /** The alignment {@code ||W¹Uᵀ||_F²/||W¹||_F²} of the first layer learned on n samples. */
        double alignment();
    }

    /** The common point of a sample-size grid: the size n, the error at n and the alignment of the learned layer. */
    public record SizePoint(long n, double error, double alignment) implements AlignedPoint, java.io.Serializable {
        @Override
        public double x() {
            return n;
        }
    }

    /**
     * Evaluates {@code at(0)}, {@code at(1)}, … on a grid of {@code length} points: all of the first {@code common}
     * (at least one), then on while the last error is above {@code level}. Returns the points run, in grid order.
     */
    public static <P extends Point> List<P> walk(int length, int common, double level, IntFunction<P> at) {
        if (common < 1 || length < 1) {
            throw new IllegalArgumentException("a grid walk runs at least one point: length " + length + ", common "
                    + common);
        }
        List<P> points = new ArrayList<>();
        while (points.size() < length
                && (points.size() < common || points.get(points.size() - 1).error() > level)) {
            points.add(at.apply(points.size()));
        }
        return points;
    }

    /** {@link Grids#crossing} of the walked curve at {@code level}: bracketed, at the first point or not reached. */
    public static Grids.Crossing crossingOf(List<? extends Point> points, double level) {
        return Grids.crossing(x(points), errors(points), level);
    }

    /** The abscissae of the points. */
    public static double[] x(List<? extends Point> points) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i).x();
        }
        return out;
    }

    /** The errors of the points. */
    public static double[] errors(List<? extends Point> points) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i).error();
        }
        return out;
    }

    /**
     * Appends one row {@code (value, replicate, n, ratios[i], error, alignment)} per point i of a sample-size curve
     * walked on the grid {@code ratios} (value: the swept parameter, e.g. d).
     */
    public static void rows(Sweep.Builder table, Object value, int replicate, List<SizePoint> points,
            double[] ratios) {
        for (int i = 0; i < points.size(); i++) {
            SizePoint p = points.get(i);
            table.row(value, replicate, p.n(), ratios[i], p.error(), p.alignment());
        }
    }

    /** The mean over {@code curves} of the errors of their first {@code points} points (each at least that long). */
    public static double[] meanErrors(List<? extends List<? extends Point>> curves, int points) {
        double[] mean = new double[points];
        for (List<? extends Point> curve : curves) {
            for (int i = 0; i < points; i++) {
                mean[i] += curve.get(i).error() / curves.size();
            }
        }
        return mean;
    }

    private GridWalk() {
    }
}
