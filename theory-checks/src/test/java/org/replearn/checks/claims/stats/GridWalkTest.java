package org.replearn.checks.claims.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.Sweep;

/** The grid walk: which points it runs, and the crossing of the points run. */
class GridWalkTest {
    /** The curve {@code err = 10/sqrt(n)} on {@code n = 1000·3^i}, i = 0…5. */
    private static GridWalk.SizePoint point(int i) {
        long n = 1000L * (long) Math.pow(3, i);
        return new GridWalk.SizePoint(n, 10 / Math.sqrt(n), i);
    }

    /**
     * Beyond the common prefix the walk stops at the first point at or below the level: 10/sqrt(n) drops to 0.1 between
     * n = 9000 and 27000, so with one common point it runs 4 points, and the crossing is n = 10⁴ (exact power law).
     */
    @Test
    void stopsAtTheFirstPointBelowTheLevel() {
        List<Integer> evaluated = new ArrayList<>();
        List<GridWalk.SizePoint> points = GridWalk.walk(6, 1, 0.1, i -> {
            evaluated.add(i);
            return point(i);
        });
        assertEquals(List.of(0, 1, 2, 3), evaluated);
        assertEquals(4, points.size());
        assertArrayEquals(new double[] {1000, 3000, 9000, 27000}, GridWalk.x(points), 0);
        assertEquals(10 / Math.sqrt(27000), GridWalk.errors(points)[3], 0);
        assertEquals(1e4, GridWalk.crossingOf(points, 0.1).x(), 1e-8);
    }

    /** The common prefix runs even after the level is crossed; a curve that never crosses runs the whole grid. */
    @Test
    void runsTheCommonPrefixAndStopsAtTheGridsEnd() {
        assertEquals(5, GridWalk.walk(6, 5, 0.1, GridWalkTest::point).size());
        List<GridWalk.SizePoint> never = GridWalk.walk(6, 1, 1e-6, GridWalkTest::point);
        assertEquals(6, never.size());
        assertEquals(Grids.Crossing.Kind.NOT_REACHED, GridWalk.crossingOf(never, 1e-6).kind());
        assertThrows(IllegalArgumentException.class, () -> GridWalk.walk(6, 0, 0.1, GridWalkTest::point));
    }

    /**
     * A curve at or below the level at its first point has no measured crossing: {@link GridWalk#crossingOf} says so;
     * a bracketed crossing is interpolated; one never reached says so.
     */
    @Test
    void aCrossingAtTheFirstPointIsNoMeasurement() {
        List<GridWalk.SizePoint> points = GridWalk.walk(6, 1, 0.5, GridWalkTest::point);
        assertEquals(1, points.size());
        Grids.Crossing first = GridWalk.crossingOf(points, 0.5);
        assertEquals(Grids.Crossing.Kind.AT_FIRST_POINT, first.kind());
        assertTrue(Double.isNaN(first.x()));
        Grids.Crossing bracketed = GridWalk.crossingOf(GridWalk.walk(6, 1, 0.1, GridWalkTest::point), 0.1);
        assertEquals(Grids.Crossing.Kind.BRACKETED, bracketed.kind());
        assertEquals(1e4, bracketed.x(), 1e-8);
        Grids.Crossing none = GridWalk.crossingOf(GridWalk.walk(6, 1, 1e-6, GridWalkTest::point), 1e-6);
        assertEquals(Grids.Crossing.Kind.NOT_REACHED, none.kind());
        assertEquals("1 at the first grid point (no measurement), 1 not reached by the grid's end",
                Grids.Crossing.unmeasured(List.of(first, bracketed, none)));
        assertEquals("", Grids.Crossing.unmeasured(List.of(bracketed)));
    }

    /** The table has one row per point, in grid order; the mean curve averages the curves point by point. */
    @Test
    void rowsAndMeanErrors() {
        List<GridWalk.SizePoint> a = GridWalk.walk(6, 3, 0.1, GridWalkTest::point);
        List<GridWalk.SizePoint> b = List.of(new GridWalk.SizePoint(1000, 0.5, 0),
                new GridWalk.SizePoint(3000, 0.25, 1), new GridWalk.SizePoint(9000, 0.125, 2),
                new GridWalk.SizePoint(27000, 0.0625, 3));
        Sweep.Builder table = Sweep.table("t", "d", "replicate", "n", "n_over_d2", "population_error", "alignment");
        GridWalk.rows(table, 8, 1, b, new double[] {1, 3, 9, 27});
        assertEquals("d,replicate,n,n_over_d2,population_error,alignment\n8,1,1000,1.0,0.5,0.0\n8,1,3000,3.0,0.25,1.0\n"
                + "8,1,9000,9.0,0.125,2.0\n8,1,27000,27.0,0.0625,3.0\n", table.build().toCsv());
        double[] mean = GridWalk.meanErrors(List.of(a, b), 3);
        assertEquals(3, mean.length);
        for (int i = 0; i < 3; i++) {
            assertEquals((a.get(i).error() + b.get(i).error()) / 2, mean[i], 1e-15);
        }
    }
}
