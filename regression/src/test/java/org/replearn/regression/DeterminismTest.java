package org.replearn.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The determinism gate inside one JVM: the whole catalogue computed twice with one thread, and with 2 and 4
 * threads, gives bit-identical values (the cross-JDK half is {@code regression/cross-jdk.sh}).
 */
class DeterminismTest {
    @Test
    void catalogueIsBitIdenticalAcrossRunsAndThreadCounts() {
        DriftReport report = new DriftReport();
        for (CatalogueEntry entry : Catalogue.entries()) {
            EntryResult first = entry.compute(1);
            report.addAll(Drift.bitwise(first, entry.compute(1), "threads = 1 (second run in the same JVM)"));
            report.addAll(Drift.bitwise(first, entry.compute(2), "threads = 2"));
            report.addAll(Drift.bitwise(first, entry.compute(4), "threads = 4"));
        }
        assertTrue(report.isEmpty(), report::body);
    }
}
