package org.replearn.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deliberate change of one ulp, and other drifts, produce a complete and readable drift report. */
class DriftReportTest {
    @TempDir
    Path dir;

    /** {@code result} with value {@code index} of field {@code name} moved up by one ulp. */
    static EntryResult nudged(EntryResult result, String name, int index) {
        List<Field> fields = new ArrayList<>();
        for (Field f : result.fields()) {
            double[] v = f.values();
            if (f.name().equals(name)) {
                v[index] = Math.nextUp(v[index]);
            }
            fields.add(new Field(f.name(), f.shape(), v, f.rule()));
        }
        return new EntryResult(result.entry(), result.provenance(), fields);
    }

    @Test
    void oneUlpChangesAreAllReportedWithEntryFieldOldNewDifferenceAndTolerance() throws IOException {
        CatalogueEntry entry = Catalogue.entry("network-forward-gradient");
        EntryResult pinned = entry.compute(1);
        GoldenStore store = new GoldenStore(dir);
        store.write(Golden.of(entry, pinned, "test"));
        EntryResult changed = nudged(nudged(entry.compute(1), "loss", 0), "gradient.w", 7);

        DriftReport report = Drift.against(store.load(entry.name()), changed);
        String text = report.text();

        assertEquals(2, report.items().size(), text);
        double oldLoss = pinned.field("loss").value(0);
        double oldW = pinned.field("gradient.w").value(7);
        String wIndex = pinned.field("gradient.w").index(7);
        for (String expected : List.of("entry 'network-forward-gradient', field 'loss'",
                "entry 'network-forward-gradient', field 'gradient.w'", "1 of 1 value drifted", "1 of 40 values drifted",
                "value: old " + oldLoss + " (0x" + Golden.hex(oldLoss) + ")",
                "new " + Math.nextUp(oldLoss) + " (0x" + Golden.hex(Math.nextUp(oldLoss)) + ")",
                "diff " + (Math.nextUp(oldLoss) - oldLoss) + " (1 ulp)",
                wIndex + ": old " + oldW, "diff " + (Math.nextUp(oldW) - oldW) + " (1 ulp)",
                "tolerance exact (bit-for-bit)", Baselines.REGENERATE_COMMAND)) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
        }
    }

    private static final Provenance PROVENANCE = Provenance.of(7L, "n", "3");

    private static EntryResult result(Provenance p, Field... fields) {
        return new EntryResult("synthetic", p, List.of(fields));
    }

    @Test
    void toleranceRuleAcceptsWithinAndReportsBeyondWithTheAllowedDifference() {
        Rule rule = Rule.tolerance(1e-12, 1e-9, "test: an iterative solver converged to 1e-9");
        Field golden = new Field("x", new int[] {2}, new double[] {1.0, -2.0}, rule);
        EntryResult pinned = result(PROVENANCE, golden);
        // 1 + 5e-10 is inside 1e-12 + 1e-9·1; -2 - 3e-9 is outside 1e-12 + 1e-9·2.
        Field now = new Field("x", new int[] {2}, new double[] {1.0 + 5e-10, -2.0 - 3e-9}, rule);
        DriftReport report = Drift.against(pinned, result(PROVENANCE, now));
        assertEquals(1, report.items().size(), report.text());
        assertEquals(1, report.items().get(0).values().size(), report.text());
        assertEquals("[1]", report.items().get(0).values().get(0).index());
        assertTrue(report.text().contains("tolerance |diff| <= 1.0E-12 + 1.0E-9·|old| = " + (1e-12 + 2e-9)),
                report.text());
    }

    @Test
    void structuralChangesAreReportedTogetherWithValueDrift() {
        Field a = new Field("a", new int[0], new double[] {1.0}, Rule.exact());
        Field b = new Field("b", new int[] {2}, new double[] {1.0, 2.0}, Rule.exact());
        Field c = new Field("c", new int[0], new double[] {3.0}, Rule.exact());
        EntryResult pinned = result(PROVENANCE, a, b, c);
        Field a2 = new Field("a", new int[0], new double[] {1.5}, Rule.exact());
        Field b2 = new Field("b", new int[] {1, 2}, new double[] {1.0, 2.0}, Rule.exact());
        Field d = new Field("d", new int[0], new double[] {4.0}, Rule.exact());
        DriftReport report = Drift.against(pinned, result(Provenance.of(8L, "n", "3"), a2, b2, d));
        String text = report.text();
        assertEquals(5, report.items().size(), text);
        for (String expected : List.of("field 'provenance.seed': golden seed 7, catalogue seed 8",
                "field 'a': 1 of 1 value drifted", "old 1.0", "new 1.5", "diff 0.5",
                "field 'b': shape changed from [2] to [1, 2]", "field 'c': in the golden file but no longer computed",
                "field 'd': computed but not in the golden file")) {
            assertTrue(text.contains(expected), () -> "missing '" + expected + "' in:\n" + text);
        }
    }

    @Test
    void longDriftListsAreCappedButCountedAndNameTheLargestDifference() {
        int n = 25;
        double[] old = new double[n];
        double[] now = new double[n];
        for (int i = 0; i < n; i++) {
            old[i] = i;
            now[i] = i + (i == 17 ? 1.0 : 1e-3);
        }
        Field f = new Field("v", new int[] {5, 5}, old, Rule.exact());
        DriftReport report = Drift.against(result(PROVENANCE, f),
                result(PROVENANCE, new Field("v", new int[] {5, 5}, now, Rule.exact())));
        String text = report.text();
        assertTrue(text.contains("25 of 25 values drifted"), text);
        assertTrue(text.contains("… and 15 more drifted values; the largest |diff| is at [3,2]:"), text);
        assertEquals(n, report.items().get(0).values().size(), "every drifted value is kept in the report");
    }

    @Test
    void bitwiseComparisonIgnoresToleranceRules() {
        Rule loose = Rule.tolerance(1.0, 0.0, "test");
        EntryResult a = result(PROVENANCE, new Field("x", new int[0], new double[] {1.0}, loose));
        EntryResult b = result(PROVENANCE, new Field("x", new int[0], new double[] {Math.nextUp(1.0)}, loose));
        assertTrue(Drift.against(a, b).isEmpty());
        DriftReport bitwise = Drift.bitwise(a, b, "threads = 4");
        assertTrue(bitwise.text().contains("drifted in the run with threads = 4"), bitwise.text());
    }
}
