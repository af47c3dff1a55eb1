package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The researchers' reader of docs/reading-results.md ({@code docs/examples/read_results.py}) loads a freshly produced
 * report into pandas: every claim, its verdict and its controls, and every table. Skipped when {@code python3} with
 * pandas is not installed.
 */
class PandasReaderTest {
    /** The example script, from the module directory the tests run in. */
    static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("docs/examples/read_results.py");

    @TempDir
    Path tmp;

    @Test
    void theReaderLoadsAFreshReport() throws Exception {
        assumeTrue(python("-c", "import pandas").code() == 0, "python3 with pandas is not installed"
                + " (pip install pandas pyarrow): the reader of docs/examples is not run");
        Path report = tmp.resolve("report");
        CliHarness.Run r = CliHarness.run(List.of("reproduce", "--only", "hermite-identities", "--quiet", "--threads",
                "1", "--out", report.toString()));
        assertEquals(ReplearnCli.OK, r.code(), r.err());

        Result read = python(SCRIPT.toString(), report.toString());
        assertEquals(0, read.code(), read.output());
        assertTrue(read.output().startsWith("claims: 1, holding: 1\n"), read.output());
        assertTrue(read.output().contains(" hermite-identities "), read.output());
        assertTrue(read.output().contains("controls: 1, rejected: 1\n"), read.output());
        try (var tables = Files.list(report)) {
            for (Path csv : tables.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String name = csv.getFileName().toString().replace(".csv", "");
                long rows = Files.readAllLines(csv).size() - 1;
                assertTrue(read.output().contains("table " + name + ": " + rows + " rows"), read.output());
            }
        }
    }

    /** A process's exit code and its stdout and stderr together. */
    record Result(int code, String output) {
    }

    /** Runs {@code python3} with {@code args} (at most two minutes); exit code 127 when it cannot be started. */
    Result python(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(tmp, "python", ".txt");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return new Result(127, "python3 cannot be started: " + e.getMessage());
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "python3 did not finish within 120 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
