package org.replearn.checks.claims.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
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
    /** Quotes a field only when it holds a comma, a quote or a line break (RFC 4180's minimum). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

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

    /** The table as RFC 4180 CSV with a header line ({@code \n} line ends), written by Jackson's CSV module. */
    public String toCsv() {
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build().withHeader().withLineSeparator("\n")).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("sweep " + name + " is not writable as CSV", e);
        }
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
