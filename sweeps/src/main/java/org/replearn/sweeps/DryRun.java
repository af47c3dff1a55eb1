package org.replearn.sweeps;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.pipeline.Plan;
import org.replearn.checks.report.Durations;

/**
 * {@code sweep --dry-run}: the size of a sweep before it starts. Per claim, the number of cells, the CPU-hours (each
 * cell's {@link Cell#work} times the CPU seconds per work unit measured for that claim, {@value #COSTS}) and the
 * largest cell, and the peak memory of a cell ({@link Cell#memoryBytes}, a model of its largest arrays). The
 * measured costs come from the {@code cells.csv} of a {@code sweep --scale full} on a 2-core x86-64 machine (CPU
 * time of each cell's thread). A claim whose cells changed since it was measured (its total work at full scale
 * differs from the recorded one) shows as not measured rather than with a wrong figure.
 */
final class DryRun {
    static final String COSTS = "cell-costs.tsv";

    /**
     * The measured cost of one claim's cells.
     *
     * @param secondsPerWork CPU seconds per work unit
     * @param fullWork       the claim's total work at full scale when it was measured
     * @param measuredOn     the run it was measured from
     */
    record Cost(double secondsPerWork, double fullWork, String measuredOn) {
    }

    /**
     * The measured costs shipped with the jar that still apply to {@code claims}: a claim whose cells changed since
     * (its total work at full scale differs) has none, rather than a wrong one.
     */
    static Map<String, Cost> costs(List<Claim<?, ?>> claims) {
        Map<String, Cost> shipped = new LinkedHashMap<>();
        try (InputStream in = DryRun.class.getResourceAsStream(COSTS)) {
            if (in != null) {
                MappingIterator<String[]> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                        .enable(CsvParser.Feature.SKIP_EMPTY_LINES).readerFor(String[].class)
                        .with(CsvSchema.emptySchema().withColumnSeparator('\t').withComments()).readValues(in);
                while (rows.hasNext()) {
                    String[] f = rows.next();
                    shipped.put(f[0], new Cost(Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Cost> costs = new LinkedHashMap<>();
        RunContext full = new RunContext(Scale.FULL, 0, 1, Progress.NONE);
        for (Claim<?, ?> claim : claims) {
            Cost c = shipped.get(claim.id());
            if (c != null && Math.abs(fullWork(claim, full) - c.fullWork()) <= 1e-9 * c.fullWork()) {
                costs.put(claim.id(), c);
            }
        }
        return costs;
    }

    private static double fullWork(Claim<?, ?> claim, RunContext full) {
        double work = 0;
        for (Cell cell : claim.cells(full)) {
            work += cell.work();
        }
        return work;
    }

    /** Prints the estimate of {@code plans} at {@code scale}; returns the CPU-hours of the measured claims. */
    static double print(List<Plan<?, ?>> plans, Scale scale, PrintWriter out) {
        List<Claim<?, ?>> claims = new ArrayList<>();
        for (Plan<?, ?> p : plans) {
            claims.add(p.claim());
        }
        Map<String, Cost> costs = costs(claims);
        out.printf(Locale.ROOT, "%-22s %7s %10s %17s %22s%n", "claim", "cells", "CPU-hours", "largest cell (CPU)",
                "peak memory per cell");
        int cells = 0;
        double hours = 0;
        List<String> unmeasured = new ArrayList<>();
        double largest = 0;
        long memory = 0;
        for (Plan<?, ?> p : plans) {
            String id = p.claim().id();
            Cost cost = costs.get(id);
            double work = 0;
            double max = 0;
            long mem = 0;
            for (Cell c : p.cells()) {
                work += c.work();
                max = Math.max(max, c.work());
                mem = Math.max(mem, c.memoryBytes());
            }
            cells += p.cells().size();
            double h = cost == null ? Double.NaN : work * cost.secondsPerWork() / 3600;
            double big = cost == null ? Double.NaN : max * cost.secondsPerWork();
            if (cost == null) {
                unmeasured.add(id);
            } else {
                hours += h;
                largest = Math.max(largest, big);
            }
            memory = Math.max(memory, mem);
            out.printf(Locale.ROOT, "%-22s %7d %10s %17s %22s%n", id, p.cells().size(),
                    cost == null ? "not measured" : String.format(Locale.ROOT, "%.2f", h),
                    cost == null ? "-" : Durations.words(big),
                    megabytes(mem));
        }
        out.printf(Locale.ROOT, "%-22s %7d %10s %17s %22s%n", "total", cells,
                String.format(Locale.ROOT, "%.2f", hours), largest > 0 ? Durations.words(largest) : "-",
                megabytes(memory));
        out.printf(Locale.ROOT, "scale %s: %d cells, about %.2f CPU-hours%s (%.2f h on 2 cores, %.2f h on 64 at"
                + " best: the largest cell bounds it below); each task needs one core and the memory above on top of"
                + " the executor's own (Spark: about 1 GB per executor).%nCPU time per work unit measured by 'sweep"
                + " --scale full' (%s); memory: a model of each cell's largest arrays.%n", scale.label(), cells, hours,
                unmeasured.isEmpty() ? "" : " without " + String.join(", ", unmeasured)
                        + " (not measured since its cells changed)",
                hours / 2, Math.max(hours / 64, largest / 3600), costs.isEmpty() ? "no measurements in this jar"
                        : costs.values().iterator().next().measuredOn());
        if (largest > 0) {
            long executors = suggestedExecutors(hours * 3600, largest, cells);
            out.printf(Locale.ROOT, "suggested: %d executors of one core and %.1f GB each (1 GB for the executor and"
                    + " the largest cell's memory): about %s of wall time; more executors would wait for the largest"
                    + " cell.%n", executors, (1e9 + memory) / 1e9, Durations.words(Math.max(largest,
                    hours * 3600 / executors)));
        }
        return hours;
    }

    /**
     * The executors beyond which the largest cell bounds the wall time: {@code ⌈total / largest⌉} one-core executors,
     * at most one per cell.
     */
    static long suggestedExecutors(double totalSeconds, double largestSeconds, int cells) {
        return Math.max(1, Math.min(cells, (long) Math.ceil(totalSeconds / largestSeconds)));
    }

    /**
     * Computes the cell {@code key} of {@code plan} on this thread ({@link CellTask}) and prints its CPU seconds beside
     * the price {@code work × seconds per unit}, when the claim's cost is measured.
     */
    static void timeCell(Plan<?, ?> plan, RunContext ctx, String key, PrintWriter out) {
        int index = plan.keys().indexOf(key);
        Cell cell = plan.cells().get(index);
        Cost cost = costs(List.of(plan.claim())).get(plan.claim().id());
        out.printf(Locale.ROOT, "computing %s cell %s (work %.4g, memory model %s)...%n", plan.claim().id(), key,
                cell.work(), megabytes(cell.memoryBytes()));
        out.flush();
        CellTask.Computed c = CellTask.compute(plan.claim(), ctx.withThreads(1), index, key);
        if (cost == null) {
            out.printf(Locale.ROOT, "cell %s: %.1f s of CPU (%.1f s wall); its claim's cost is not measured%n", key,
                    c.cpuSeconds(), c.wallSeconds());
        } else {
            double price = cell.work() * cost.secondsPerWork();
            out.printf(Locale.ROOT, "cell %s: %.1f s of CPU (%.1f s wall), priced %.1f s: measured/priced = %.2f%n",
                    key, c.cpuSeconds(), c.wallSeconds(), price, c.cpuSeconds() / price);
        }
    }

    /** Up to three of {@code plan}'s cell keys and how many there are, for an error message. */
    static String someKeys(Plan<?, ?> plan) {
        List<String> keys = plan.keys();
        return String.join(", ", keys.subList(0, Math.min(3, keys.size())))
                + (keys.size() > 3 ? ", … (" + keys.size() + " cells)" : "");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
