package org.replearn.regression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fixed catalogue of pinned computations, in a fixed order. Every entry is small (the whole catalogue runs in
 * seconds) and fully determined by its configuration and seed.
 */
public final class Catalogue {
    private static final List<CatalogueEntry> ENTRIES;

    static {
        List<CatalogueEntry> all = new ArrayList<>();
        all.addAll(HermiteEntries.all());
        all.addAll(TargetEntries.all());
        all.addAll(NetworkEntries.all());
        all.addAll(LearningEntries.all());
        Set<String> names = new LinkedHashSet<>();
        for (CatalogueEntry e : all) {
            if (!names.add(e.name())) {
                throw new IllegalStateException("catalogue entry name '" + e.name() + "' is used twice");
            }
        }
        ENTRIES = Collections.unmodifiableList(all);
    }

    private Catalogue() {
    }

    /** The entries, in catalogue order. */
    public static List<CatalogueEntry> entries() {
        return ENTRIES;
    }

    /** The entry names, in catalogue order. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (CatalogueEntry e : ENTRIES) {
            names.add(e.name());
        }
        return names;
    }

    /** The entry with this name. */
    public static CatalogueEntry entry(String name) {
        for (CatalogueEntry e : ENTRIES) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("no catalogue entry '" + name + "': use one of " + names());
    }
}
