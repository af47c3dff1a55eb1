package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.paper.Claims;
import org.replearn.checks.cli.ReplearnCli;

/** {@code sweep --dry-run}: the cluster scale's sizes and price, the suggested executors, one cell timed. */
class DryRunTest {
    private static final List<String> ABOUT_D = List.of("sample-complexity", "subspace-recovery", "degenerate-target",
            "transfer");

    @Test
    void theClusterScaleTakesTheClaimsAboutDToD1024WithSixteenReplicates() {
        RunContext cluster = new RunContext(Scale.CLUSTER, 0, 1, Progress.NONE);
        RunContext paper = new RunContext(Scale.PAPER, 0, 1, Progress.NONE);
        for (Claim<?, ?> claim : Claims.select(ABOUT_D)) {
            List<String> keys = claim.cells(cluster).stream().map(Cell::key).toList();
            long atD1024 = keys.stream().filter(k -> k.matches("(.*-)?d1024(-.*)?")).count();
            assertTrue(atD1024 >= 16, claim.id() + " has a cell at d = 1024 per replicate, 16 replicates: " + keys);
            assertTrue(claim.cells(cluster).size() > claim.cells(paper).size(), claim.id());
        }
        for (Claim<?, ?> claim : Claims.all()) {
            if (!ABOUT_D.contains(claim.id()) && !claim.id().equals("sample-complexity-r")) {
                assertEquals(claim.cells(paper).stream().map(Cell::key).toList(),
                        claim.cells(cluster).stream().map(Cell::key).toList(),
                        claim.id() + " has no cluster sizes: it runs its paper sizes");
            }
        }
    }

    @Test
    void theDryRunSuggestsTheExecutorsBeyondWhichTheLargestCellBoundsTheWallTime() {
        assertEquals(10, DryRun.suggestedExecutors(36_000, 3_600, 100));
        assertEquals(11, DryRun.suggestedExecutors(36_001, 3_600, 100));
        assertEquals(5, DryRun.suggestedExecutors(36_000, 3_600, 5), "at most one executor per cell");
        assertEquals(1, DryRun.suggestedExecutors(3_600, 3_600, 1));
        SweepHarness.Run r = SweepHarness.sweep("--scale", "cluster", "--dry-run");
        SweepHarness.assertWellBehaved(r);
        assertEquals(ReplearnCli.OK, r.code(), r.toString());
        assertTrue(r.out().contains("scale cluster:") && r.out().contains("suggested: "), r.out());
    }

    @Test
    void oneCellIsComputedAndPricedAtItsClaimsMeasuredCost() {
        String key = "r1-s0";
        SweepHarness.Run r = SweepHarness.sweep("--scale", "quick", "--dry-run", "--only", "sample-complexity-r",
                "--time-cell", key);
        SweepHarness.assertWellBehaved(r);
        assertEquals(ReplearnCli.OK, r.code(), r.toString());
        Claim<?, ?> claim = Claims.select(List.of("sample-complexity-r")).get(0);
        Cell cell = claim.cells(new RunContext(Scale.QUICK, 0, 1, Progress.NONE)).stream()
                .filter(c -> c.key().equals(key)).findFirst().orElseThrow();
        double price = cell.work() * DryRun.costs(List.of(claim)).get(claim.id()).secondsPerWork();
        Matcher m = Pattern.compile("cell " + key + ": ([0-9.]+) s of CPU \\(([0-9.]+) s wall\\), priced ([0-9.]+) s")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) > 0, r.out());
        assertEquals(String.format(Locale.ROOT, "%.1f", price), m.group(3), "the price is work × seconds per unit");
    }

    @Test
    void timeCellIsRefusedWithoutADryRunOfOneClaimOrForAnUnknownCell() {
        for (String[] args : new String[][] {
            {"--only", "sample-complexity-r", "--time-cell", "r1-s0"},
            {"--dry-run", "--time-cell", "r1-s0"},
            {"--dry-run", "--only", "sample-complexity-r", "--time-cell", "r9-s0"}}) {
            SweepHarness.Run r = SweepHarness.sweep(args);
            SweepHarness.assertWellBehaved(r);
            assertEquals(ReplearnCli.USAGE, r.code(), r.toString());
            assertTrue(r.err().contains("--time-cell"), r.toString());
        }
    }
}
