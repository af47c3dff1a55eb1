package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The researchers' reader of docs/reading-results.md ({@code docs/examples/read_results.py}) loads a freshly produced
 * report into pandas: every claim, its verdict and its controls, and every table. Skipped when {@code python3} with
 * pandas is not installed.
 */
class PandasReaderTest {
    /** The example script, from the module directory the tests run in. */
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent()
            .resolve("docs/examples/read_results.py");

    @TempDir
    Path tmp;

    @Test
    void theReaderLoadsAFreshReport() throws Exception {
        assumeTrue(python("-c", "import pandas").startsWith("exit 0\n"), "python3 with pandas is not installed"
                + " (pip install pandas pyarrow): the reader of docs/examples is not run");
        Path report = tmp.resolve("report");
        CliHarness.Run r = CliHarness.run(List.of("reproduce", "--only", "hermite-identities", "--quiet", "--threads",
                "1", "--out", report.toString()));
        assertEquals(ReplearnCli.OK, r.code(), r.err());

        String read = python(SCRIPT.toString(), report.toString());
        assertTrue(read.startsWith("exit 0\nclaims: 1, holding: 1\n"), read);
        assertTrue(read.lines().anyMatch(l -> l.strip().matches("hermite-identities +True +equality .*")), read);
        assertTrue(read.contains("controls: 1, rejected: 1\n"), read);
        try (var tables = Files.list(report)) {
            for (Path csv : tables.filter(p -> p.toString().endsWith(".csv")).toList()) {
                String name = csv.getFileName().toString().replace(".csv", "");
                long rows = Files.readAllLines(csv).size() - 1;
                assertTrue(read.contains("table " + name + ": " + rows + " rows"), read);
            }
        }
    }

    /** {@code exit <code>}, a newline and the output of {@code python3 args} (at most two minutes). */
    private String python(String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(tmp, "python", ".txt");
        Process p;
        try {
            p = new ProcessBuilder(Stream.concat(Stream.of("python3"), Stream.of(args)).toList())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return "exit 127\npython3 cannot be started: " + e.getMessage();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "exit -1\npython3 did not finish within 120 s";
        }
        return "exit " + p.exitValue() + "\n" + Files.readString(output, StandardCharsets.UTF_8);
    }
}
