package org.replearn.checks.claims.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of one experiment sweep, one row per run, written as {@code <name>.csv}. Cells are numbers, strings or
 * booleans; doubles are written with {@link Double#toString(double)} (shortest round-trip form), so the CSV holds
 * exactly the numbers the verdict was computed from.
 *
 * @param name    file stem, e.g. {@code population-gradient-error}
 * @param columns column names
 * @param rows    the rows, each with one cell per column
 */
public record Sweep(String name, List<String> columns, List<List<Object>> rows) implements java.io.Serializable {
    /** Checks every row has one cell per column; copies. */
    public Sweep {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("sweep name '" + name + "' must be kebab-case [a-z0-9-]: it is a file name");
        }
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("sweep " + name + ": row " + row + " has " + row.size()
                        + " cells for " + columns.size() + " columns " + columns);
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** A builder for a table with these columns. */
    public static Builder table(String name, String... columns) {
        return new Builder(name, Arrays.asList(columns));
    }

    /** The table as RFC 4180 CSV with a header line. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns);
        for (List<Object> row : rows) {
            appendLine(sb, row);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String s = String.valueOf(cells.get(i));
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
                s = '"' + s.replace("\"", "\"\"") + '"';
            }
            sb.append(s);
        }
        sb.append('\n');
    }

    /** Collects rows in order. */
    public static final class Builder {
        private final String name;
        private final List<String> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(String name, List<String> columns) {
            this.name = name;
            this.columns = columns;
        }

        /** Appends a row (one cell per column). */
        public Builder row(Object... cells) {
            rows.add(Arrays.asList(cells));
            return this;
        }

        /** The table. */
        public Sweep build() {
            return new Sweep(name, columns, rows);
        }
    }
}
