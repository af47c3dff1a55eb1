package org.replearn.regression;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression gate: every catalogue entry, recomputed, equals its golden file under the file's rules. A failure
 * prints the drift report of every drifted field of the entry. The golden directory is the system property
 * {@code replearn.golden.dir} (set by the module's surefire configuration to {@code src/test/resources/golden}).
 */
class GoldenBaselineTest {
    /** The checked-in golden files. */
    static GoldenStore store() {
        return new GoldenStore(Path.of(System.getProperty("replearn.golden.dir", "src/test/resources/golden")));
    }

    static Stream<String> entries() {
        return Catalogue.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void entryMatchesItsGoldenFile(String name) {
        EntryResult golden = store().load(name);
        DriftReport report = Drift.against(golden, Catalogue.entry(name).compute(2));
        assertTrue(report.isEmpty(), report::text);
    }

    @Test
    void everyGoldenFileBelongsToACatalogueEntry() throws IOException {
        GoldenStore store = store();
        SortedSet<String> stale = Baselines.staleFiles(Catalogue.entries(), store);
        assertTrue(stale.isEmpty(), () -> "golden files without a catalogue entry in " + store.directory() + ": "
                + stale + "; regenerate (removes them) with " + Baselines.REGENERATE_COMMAND);
    }
}
