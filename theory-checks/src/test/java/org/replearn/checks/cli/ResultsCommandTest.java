package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.Tolerance;
import org.replearn.checks.report.Report;
import org.replearn.checks.report.ReportDirectory;
import org.replearn.checks.report.ReportWriter;
import org.replearn.checks.report.RunMetadata;

/** {@code replearn results}: the table from a report's claims.json, and one-line refusals naming PATH. */
class ResultsCommandTest {
    private static CliHarness.Run run(String... args) {
        return CliHarness.run(args);
    }

    /** A report of three synthetic claims: an equality with a standard error, a band never measured, a bound. */
    private static Path report(Path dir) throws Exception {
        ClaimResult equality = ClaimResult.builder("sample-complexity", "s")
                .prediction(Prediction.equality(1.0, "exponent 1"))
                .measured(Measurement.of(0.98123, 0.0312, 5, "exponent 0.98"))
                .tolerance(Tolerance.of(0.1, "3 standard errors"))
                .rationale("why").holds(true).build();
        ClaimResult band = ClaimResult.builder("width", "s")
                .prediction(Prediction.band(0.2, 0.4, "between 0.2 and 0.4"))
                .measured(Measurement.of(Double.NaN, Double.NaN, 1, "could not be computed"))
                .tolerance(Tolerance.none("a band has none"))
                .rationale("why").holds(false).build();
        ClaimResult bound = ClaimResult.builder("gd-head", "s")
                .prediction(Prediction.upperBound(0.5, "at most 0.5"))
                .measured(Measurement.exact(2.5e-7, "tiny"))
                .tolerance(Tolerance.of(0, "exact"))
                .rationale("why").holds(true).build();
        RunMetadata meta = new RunMetadata("0.1.0", "0123456789abcdef0123456789abcdef01234567", "2026-12-07T09:00:00Z",
                "17.0.15", "Debian", 2, "replearn reproduce --seed 0", "./replearn reproduce --scale quick --seed 0");
        Report report = new Report(meta, Map.of("scale", "quick", "seed", 0, "claims", List.of("x")),
                List.of(equality, band, bound), Map.of(), 1.0);
        return ReportWriter.write(report, ReportDirectory.check(dir.toString()));
    }

    @Test
    void printsTheResultsTableOfADirectoryOrItsClaimsJson(@TempDir Path tmp) throws Exception {
        Path dir = report(tmp.resolve("r"));
        String expected = """
                Run 2026-12-07T09:00:00Z: replearn 0.1.0 (commit 0123456789ab), Java 17.0.15 (Debian), 2 cores; typed \
                `replearn reproduce --seed 0`.

                | claim | prediction | measured | tolerance | verdict |
                | --- | --- | --- | --- | --- |
                | `sample-complexity` | equality 1 | 0.9812 ± 0.0312 (5 replicates) | 0.1 | holds |
                | `width` | band [0.2, 0.4] | n/a | n/a | **FAILS** |
                | `gd-head` | upper bound 0.5 | 2.500e-07 (exact) | 0 | holds |

                2 of 3 claims hold.
                """;
        for (Path p : List.of(dir, dir.resolve("claims.json"))) {
            CliHarness.Run r = run("results", p.toString());
            assertEquals(ReplearnCli.OK, r.code(), r.err());
            assertEquals(expected, r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void refusesInOneLineNamingThePath(@TempDir Path tmp) throws Exception {
        Path notJson = Files.writeString(tmp.resolve("notes.txt"), "not { json");
        Path otherVersion = Files.writeString(tmp.resolve("v2.json"), "{\"schema_version\": 2, \"run\": {}, \"claims\": []}");
        Path oldLayout = Files.writeString(tmp.resolve("old.json"), "[ {\"id\": \"x\"} ]");
        Path lacking = Files.writeString(tmp.resolve("lacking.json"),
                "{\"schema_version\": 1, \"run\": {}, \"claims\": [ {\"id\": \"x\", \"holds\": true} ]}");
        Path emptyDir = Files.createDirectory(tmp.resolve("empty"));
        Map<Path, String> problems = Map.of(
                tmp.resolve("missing"), "does not exist",
                emptyDir, "is a directory without claims.json",
                notJson, "is not JSON",
                otherVersion, "has schema_version 2; this replearn reads 1",
                oldLayout, "has no schema_version",
                lacking, "is not a claims.json: claims[0] has no 'prediction'");
        for (Map.Entry<Path, String> e : problems.entrySet()) {
            CliHarness.Run r = run("results", e.getKey().toString());
            assertEquals(ReplearnCli.USAGE, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("replearn results: invalid value for parameter 'PATH': '" + e.getKey()
                    + "' " + e.getValue()), r.err());
            assertEquals("", r.out());
        }
    }
}
