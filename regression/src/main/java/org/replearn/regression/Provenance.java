package org.replearn.regression;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a catalogue entry's numbers come from: the master seed ({@code null} when nothing is random) and the
 * configuration as sorted key/value strings (dimensions, target spec, sample sizes, …).
 *
 * @param seed          the master seed of {@code org.replearn.core.data.Seeds}, or {@code null}
 * @param configuration the configuration, sorted by key
 */
public record Provenance(Long seed, SortedMap<String, String> configuration) {
    /** Copies the configuration into an unmodifiable sorted map. */
    public Provenance {
        configuration = Collections.unmodifiableSortedMap(new TreeMap<>(configuration));
    }

    /** A provenance from alternating key, value arguments. */
    public static Provenance of(Long seed, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues has odd length " + keyValues.length
                    + ": pass key, value pairs");
        }
        SortedMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (map.put(keyValues[i], keyValues[i + 1]) != null) {
                throw new IllegalArgumentException("configuration key '" + keyValues[i] + "' is given twice");
            }
        }
        return new Provenance(seed, map);
    }
}
