package org.replearn.regression;

import java.util.Objects;

/**
 * One pinned computation: a name (also the golden file's name), a description, its provenance, and the code that
 * computes its fields with a given number of threads (the results must not depend on it).
 *
 * @param name        entry name, lower-case words joined by '-'
 * @param description what is computed, one sentence
 * @param provenance  seed and configuration
 * @param computation the computation
 */
public record CatalogueEntry(String name, String description, Provenance provenance, Computation computation) {
    /** Computes the fields of an entry. */
    @FunctionalInterface
    public interface Computation {
        /** Adds the entry's fields to {@code out}, using at most {@code threads} threads. */
        void compute(int threads, Fields out);
    }

    /** Validates the name. */
    public CatalogueEntry {
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("entry name = '" + name + "' must be lower-case words joined by '-'");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(computation, "computation");
    }

    /** Runs the computation with {@code threads >= 1} threads. */
    public EntryResult compute(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        Fields out = new Fields();
        computation.compute(threads, out);
        if (out.list().isEmpty()) {
            throw new IllegalStateException("catalogue entry " + name + " computed no fields");
        }
        return new EntryResult(name, provenance, out.list());
    }
}
