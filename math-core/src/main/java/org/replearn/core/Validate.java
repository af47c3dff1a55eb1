package org.replearn.core;

import org.ejml.data.DMatrixRMaj;

/**
 * Fail-fast argument checks shared by the whole library. Every failure is an
 * {@link IllegalArgumentException} whose message names the argument, the offending value and the fix.
 */
public final class Validate {
    private Validate() {
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min, String fix) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + " must be >= " + min + ": " + fix);
        }
        return value;
    }

    /** Requires {@code value} finite and strictly positive. */
    public static double positive(String name, double value, String fix) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " must be finite and > 0: " + fix);
        }
        return value;
    }

    /** Requires {@code value} finite and {@code >= 0}. */
    public static double nonNegative(String name, double value, String fix) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " must be finite and >= 0: " + fix);
        }
        return value;
    }

    /** Requires a finite scalar. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + " is not finite: remove NaN/Inf from the input");
        }
        return value;
    }

    /** Requires every entry finite; names the first offending index. */
    public static double[] finite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + values[i]
                        + " is not finite: remove NaN/Inf from the input");
            }
        }
        return values;
    }

    /** Requires every entry of a matrix finite; names the first offending (row, column). */
    public static DMatrixRMaj finite(String name, DMatrixRMaj m) {
        double[] data = m.data;
        int size = m.getNumElements();
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(data[i])) {
                throw new IllegalArgumentException(name + "(" + (i / m.numCols) + ", " + (i % m.numCols) + ") = "
                        + data[i] + " is not finite: remove NaN/Inf from the input");
            }
        }
        return m;
    }

    /**
     * The one home of the ridge-grid rule: at least one value, every value finite and {@code > 0}, strictly
     * increasing (ties are broken by grid order, so the order must be the natural one). Returns a copy.
     */
    public static double[] lambdaGrid(String name, double[] grid) {
        atLeast(name + " length", grid.length, 1, "give at least one ridge λ");
        for (int i = 0; i < grid.length; i++) {
            positive(name + "[" + i + "]", grid[i], "ridge λ must be > 0");
            if (i > 0 && !(grid[i] > grid[i - 1])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + grid[i] + " is not greater than " + name
                        + "[" + (i - 1) + "] = " + grid[i - 1] + ": pass a strictly increasing grid");
            }
        }
        return grid.clone();
    }

    /** Requires {@code actual == expected} for a dimension. */
    public static void dimension(String name, int actual, int expected, String fix) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has dimension " + actual + " but " + expected
                    + " is required: " + fix);
        }
    }

    /** Requires a matrix of the given shape. */
    public static void shape(String name, DMatrixRMaj m, int rows, int cols) {
        if (m.numRows != rows || m.numCols != cols) {
            throw new IllegalArgumentException(name + " is " + m.numRows + "x" + m.numCols + " but " + rows + "x"
                    + cols + " is required: pass a matrix of matching shape");
        }
    }
}
