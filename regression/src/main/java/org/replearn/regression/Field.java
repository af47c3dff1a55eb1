package org.replearn.regression;

import java.util.Arrays;
import java.util.Objects;

/**
 * One pinned quantity of a catalogue entry: a row-major array of {@code double}s with its shape ({@code []} for a
 * scalar, {@code [n]} for a vector, {@code [rows, cols]} for a matrix) and its comparison rule.
 *
 * @param name   field name, unique within its entry
 * @param shape  dimensions whose product is {@code values.length}
 * @param values the values, row-major
 * @param rule   how the values are compared with the golden ones
 */
public record Field(String name, int[] shape, double[] values, Rule rule) {
    /** Validates the name and that the shape matches the number of values; copies the arrays. */
    public Field {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("field name = '" + name + "' must be a letter followed by letters,"
                    + " digits, '_', '.' or '-'");
        }
        Objects.requireNonNull(rule, "rule of field " + name);
        shape = shape.clone();
        values = values.clone();
        long size = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("shape of field " + name + " = " + Arrays.toString(shape)
                        + " has a negative dimension");
            }
            size *= s;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("field " + name + " has shape " + Arrays.toString(shape) + " (" + size
                    + " values) but " + values.length + " values: make the shape match");
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** Value {@code i} (row-major). */
    public double value(int i) {
        return values[i];
    }

    /** The multi-dimensional index of flat position {@code i}, e.g. {@code [2,5]}; empty for a scalar. */
    public String index(int i) {
        if (shape.length == 0) {
            return "";
        }
        int[] idx = new int[shape.length];
        int rest = i;
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = rest % shape[k];
            rest /= shape[k];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int k = 0; k < idx.length; k++) {
            sb.append(k == 0 ? "" : ",").append(idx[k]);
        }
        return sb.append(']').toString();
    }

    /** Same values and shape, bit-for-bit, and the same rule. */
    public boolean sameAs(Field o) {
        if (!name.equals(o.name) || !Arrays.equals(shape, o.shape) || !rule.equals(o.rule)
                || values.length != o.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(o.values[i])) {
                return false;
            }
        }
        return true;
    }
}
