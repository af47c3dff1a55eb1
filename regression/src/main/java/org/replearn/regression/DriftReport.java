package org.replearn.regression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every drift found between pinned and computed results: for each drifted field the entry, the field, its rule,
 * and for each drifted value the old and new values (decimal and raw bits), the difference (and distance in ulps)
 * and the tolerance. Structural problems (missing or new fields, shape, rule or provenance changes) are items too.
 */
public final class DriftReport {
    /** At most this many drifted values are listed per field; the rest are counted and the largest one named. */
    public static final int MAX_VALUES_LISTED = 10;

    /**
     * One drifted value.
     *
     * @param index position, e.g. {@code [2,5]}
     * @param old   pinned value
     * @param now   computed value
     */
    public record Value(String index, double old, double now) {
        /** {@code now - old}. */
        public double difference() {
            return now - old;
        }
    }

    /**
     * One drifted field or structural problem.
     *
     * @param entry   entry name
     * @param field   field name (or {@code provenance.…})
     * @param problem what is wrong, one line
     * @param rule    the rule applied, or {@code null} for structural problems
     * @param values  the drifted values (all of them)
     */
    public record Item(String entry, String field, String problem, Rule rule, List<Value> values) {
        /** Copies the list. */
        public Item {
            values = List.copyOf(values);
        }
    }

    private final List<Item> items = new ArrayList<>();

    /** Adds an item. */
    public void add(Item item) {
        items.add(item);
    }

    /** Adds all items of another report. */
    public void addAll(DriftReport other) {
        items.addAll(other.items);
    }

    /** The items (unmodifiable). */
    public List<Item> items() {
        return List.copyOf(items);
    }

    /** Whether nothing drifted. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The readable report, one block per drifted field, ending with the regeneration hint. */
    public String text() {
        if (items.isEmpty()) {
            return "No drift.";
        }
        return body() + "If the change is intended, regenerate the golden files, review the printed changes and"
                + " commit them with the change that caused them:\n  " + Baselines.REGENERATE_COMMAND + "\n";
    }

    /** The report without the regeneration hint. */
    public String body() {
        if (items.isEmpty()) {
            return "No drift.\n";
        }
        Set<String> entries = new LinkedHashSet<>();
        for (Item i : items) {
            entries.add(i.entry());
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Regression drift in ").append(entries.size()).append(entries.size() == 1 ? " entry: " : " entries: ")
                .append(items.size()).append(items.size() == 1 ? " field differs" : " fields differ")
                .append(" from the golden values.\n");
        for (Item item : items) {
            sb.append("  entry '").append(item.entry()).append("', field '").append(item.field()).append("': ")
                    .append(item.problem()).append('\n');
            appendValues(sb, item);
        }
        return sb.toString();
    }

    private static void appendValues(StringBuilder sb, Item item) {
        List<Value> values = item.values();
        int largest = 0;
        for (int k = 1; k < values.size(); k++) {
            if (!(Math.abs(values.get(k).difference()) <= Math.abs(values.get(largest).difference()))) {
                largest = k;
            }
        }
        int listed = Math.min(values.size(), MAX_VALUES_LISTED);
        for (int k = 0; k < listed; k++) {
            appendValue(sb, item, values.get(k));
        }
        if (values.size() > listed) {
            sb.append("      … and ").append(values.size() - listed).append(" more drifted values; the largest |diff|")
                    .append(" is at ").append(values.get(largest).index()).append(":\n");
            appendValue(sb, item, values.get(largest));
        }
    }

    private static void appendValue(StringBuilder sb, Item item, Value v) {
        sb.append("      ").append(v.index().isEmpty() ? "value" : v.index())
                .append(": old ").append(v.old()).append(" (0x").append(Golden.hex(v.old())).append(')')
                .append("  new ").append(v.now()).append(" (0x").append(Golden.hex(v.now())).append(')')
                .append("  diff ").append(v.difference());
        long ulps = ulps(v.old(), v.now());
        if (ulps > 0) {
            sb.append(" (").append(ulps).append(ulps == 1 ? " ulp)" : " ulps)");
        }
        Rule r = item.rule();
        sb.append("  tolerance ").append(r.describe());
        if (r.kind() == Rule.Kind.TOLERANCE) {
            sb.append(" = ").append(r.absolute() + r.relative() * Math.abs(v.old()));
        }
        sb.append('\n');
    }

    /** Distance in units in the last place between two finite doubles of the same sign, or -1. */
    static long ulps(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || (a < 0) != (b < 0)) {
            return -1;
        }
        return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
    }

    @Override
    public String toString() {
        return text();
    }
}
