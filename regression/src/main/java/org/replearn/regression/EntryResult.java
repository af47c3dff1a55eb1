package org.replearn.regression;

import java.util.List;

/**
 * The computed fields of one catalogue entry.
 *
 * @param entry      entry name
 * @param provenance seed and configuration
 * @param fields     fields in catalogue order
 */
public record EntryResult(String entry, Provenance provenance, List<Field> fields) {
    /** Copies the field list. */
    public EntryResult {
        fields = List.copyOf(fields);
    }

    /** The field with this name, or {@code null}. */
    public Field field(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
