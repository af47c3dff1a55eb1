package org.replearn.regression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;

/** Collects the fields a catalogue entry computes, in insertion order; names must be unique. */
public final class Fields {
    private final List<Field> fields = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** Adds a field. */
    public Fields add(Field field) {
        if (!names.add(field.name())) {
            throw new IllegalArgumentException("field '" + field.name() + "' is added twice: give it another name");
        }
        fields.add(field);
        return this;
    }

    /** A scalar compared bit-for-bit. */
    public Fields exact(String name, double value) {
        return add(new Field(name, new int[0], new double[] {value}, Rule.exact()));
    }

    /** A vector compared bit-for-bit. */
    public Fields exact(String name, double[] values) {
        return add(new Field(name, new int[] {values.length}, values, Rule.exact()));
    }

    /** A matrix compared bit-for-bit. */
    public Fields exact(String name, DMatrixRMaj m) {
        double[] data = new double[m.getNumElements()];
        System.arraycopy(m.data, 0, data, 0, data.length);
        return add(new Field(name, new int[] {m.numRows, m.numCols}, data, Rule.exact()));
    }

    /** The fields in insertion order (unmodifiable). */
    public List<Field> list() {
        return Collections.unmodifiableList(new ArrayList<>(fields));
    }
}
