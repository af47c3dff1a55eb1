package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The researchers' reader of docs/reading-results.md ({@code docs/examples/read_results.py}) loads a fresh sweep: its
 * report and every cell of {@code cells.parquet}. Skipped when {@code python3} with pandas and pyarrow is not
 * installed.
 */
class PandasCellsTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent()
            .resolve("docs/examples/read_results.py");

    @TempDir
    Path tmp;

    @Test
    void theReaderLoadsAFreshSweep() throws Exception {
        assumeTrue(python("-c", "import pandas, pyarrow").startsWith("exit 0\n"), "python3 with pandas and pyarrow is"
                + " not installed (pip install pandas pyarrow): the reader of docs/examples is not run");
        Path dir = tmp.resolve("sweep");
        SweepLocalTest.Run sweep = SweepLocalTest.sweep("--only", "hermite-identities", "--seed", "0", "--master",
                "local[1]", "--out", dir.toString(), "--quiet");
        assertEquals(0, sweep.code(), sweep.err());
        String read = python(SCRIPT.toString(), dir.resolve("report").toString(), dir.toString());
        assertTrue(read.startsWith("exit 0\nclaims: 1, holding: 1\n"), read);
        long cells = Files.readAllLines(dir.resolve("cells.csv")).size() - 1;
        assertTrue(read.contains("\ncells: " + cells + "\n"), read);
        assertTrue(read.lines().anyMatch(l -> l.matches("hermite-identities +done +" + cells + " .*")), read);
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
