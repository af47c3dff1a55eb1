package org.replearn.regression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Compares computed results with pinned ones and collects every drifted field into a {@link DriftReport}. */
public final class Drift {
    private Drift() {
    }

    /**
     * Compares a computed result with its golden one using the golden file's rules: every field, every value;
     * also reports changed provenance, missing or new fields, changed shapes and changed rules.
     */
    public static DriftReport against(EntryResult golden, EntryResult now) {
        DriftReport report = new DriftReport();
        String entry = golden.entry();
        if (!Objects.equals(golden.provenance().seed(), now.provenance().seed())) {
            report.add(structural(entry, "provenance.seed", "golden seed " + golden.provenance().seed()
                    + ", catalogue seed " + now.provenance().seed()));
        }
        if (!golden.provenance().configuration().equals(now.provenance().configuration())) {
            report.add(structural(entry, "provenance.configuration", "golden " + golden.provenance().configuration()
                    + ", catalogue " + now.provenance().configuration()));
        }
        for (Field old : golden.fields()) {
            Field f = now.field(old.name());
            if (f == null) {
                report.add(structural(entry, old.name(), "in the golden file but no longer computed"));
            } else if (!Arrays.equals(old.shape(), f.shape())) {
                report.add(structural(entry, old.name(), "shape changed from " + Golden.shapeText(old.shape())
                        + " to " + Golden.shapeText(f.shape())));
            } else {
                if (!old.rule().equals(f.rule())) {
                    report.add(structural(entry, old.name(), old.rule().describe().equals(f.rule().describe())
                            ? "rule justification changed to: " + f.rule().justification()
                            : "comparison rule changed from '" + old.rule().describe() + "' to '"
                                    + f.rule().describe() + "' (" + f.rule().justification() + ")"));
                }
                compareValues(report, entry, old, f, old.rule(), "");
            }
        }
        for (Field f : now.fields()) {
            if (golden.field(f.name()) == null) {
                report.add(structural(entry, f.name(), "computed but not in the golden file"));
            }
        }
        return report;
    }

    /**
     * Bit-for-bit comparison of two runs of the same entry (determinism gate), whatever the fields' rules.
     *
     * @param label describes the second run, e.g. {@code "threads = 4"}
     */
    public static DriftReport bitwise(EntryResult first, EntryResult second, String label) {
        DriftReport report = new DriftReport();
        for (Field a : first.fields()) {
            Field b = second.field(a.name());
            if (b == null || !Arrays.equals(a.shape(), b.shape())) {
                report.add(structural(first.entry(), a.name(), "missing or reshaped in the run with " + label));
            } else {
                compareValues(report, first.entry(), a, b, Rule.exact(), " in the run with " + label);
            }
        }
        return report;
    }

    private static void compareValues(DriftReport report, String entry, Field old, Field now, Rule rule,
                                      String context) {
        List<DriftReport.Value> drifted = new ArrayList<>();
        for (int i = 0; i < old.size(); i++) {
            if (!rule.accepts(old.value(i), now.value(i))) {
                drifted.add(new DriftReport.Value(old.index(i), old.value(i), now.value(i)));
            }
        }
        if (!drifted.isEmpty()) {
            report.add(new DriftReport.Item(entry, old.name(), drifted.size() + " of " + old.size()
                    + (old.size() == 1 ? " value" : " values") + " drifted" + context + " (shape "
                    + Golden.shapeText(old.shape()) + ", rule " + rule.describe() + ")", rule, drifted));
        }
    }

    private static DriftReport.Item structural(String entry, String field, String problem) {
        return new DriftReport.Item(entry, field, problem, null, List.of());
    }
}
