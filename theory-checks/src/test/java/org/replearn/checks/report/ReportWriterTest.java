package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Sweep;

/** The report directory is written completely or not at all. */
class ReportWriterTest {

    private static Report report(Object detail) {
        Sweep sweep = Sweep.table("numbers", "n", "value").row(1, 0.5).row(2, "a,b").build();
        PlotSpec plot = new PlotSpec("curve", "t", "x", "y", true, true,
                List.of(new PlotSpec.Series("s", new double[] {1, 10}, new double[] {1, 0.1}, PlotSpec.Style.LINE_POINTS)),
                List.of(new PlotSpec.Marker("m", 3)));
        ClaimResult r = ClaimResult.builder("c", "s")
                .predicted("p")
                .measured("m")
                .tolerance("t")
                .rationale("why")
                .holds(true)
                .control("a wrong variant", true, "rejected by 1e6")
                .details(Map.of("x", detail))
                .sweeps(List.of(sweep))
                .plots(List.of(plot))
                .build();
        return new Report("cmd", Map.of("seed", 1), List.of(r), Map.of("c", 0.1), 0.1);
    }

    @Test
    void writesAllFilesAndQuotesCsvCells(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(1.0), ReportDirectory.check(out.toString()));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(".replearn-report", "claims.json", "config.json", "curve.png", "numbers.csv",
                    "report.html", "report.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("n,value\n1,0.5\n2,\"a,b\"\n", Files.readString(out.resolve("numbers.csv")));
        String claims = Files.readString(out.resolve("claims.json"));
        assertTrue(claims.contains("\"controls\"") && claims.contains("\"variant\" : \"a wrong variant\"")
                && claims.contains("\"rejected\" : true"), claims);
        assertTrue(Files.readString(out.resolve("report.md")).contains("Negative control: a wrong variant"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
    }

    @Test
    void failedWriteLeavesTheOldReportIntactAndNoTemporaries(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(1.0), ReportDirectory.check(out.toString()));
        String before = Files.readString(out.resolve("claims.json"));
        // Jackson cannot serialize a bare Object: the write fails half-way through.
        assertThrows(Exception.class,
                () -> ReportWriter.write(report(new Object()), ReportDirectory.check(out.toString())));
        assertEquals(before, Files.readString(out.resolve("claims.json")));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(1, siblings.count());
        }
    }
}
