package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.report.OutputDirectory;
import org.replearn.checks.report.ReportDirectory;

/** A sweep's markers prove ownership file by file, and one sweep at a time writes a directory. */
class SweepDirectoryTest {
    private static String refused(Path dir) {
        return assertThrows(OutputDirectory.Unusable.class, () -> SweepDirectory.check(dir.toString())).getMessage();
    }

    /** Regression: a sweep's {@code report/} with a forged marker lost the user's {@code thesis.tex}. */
    @Test
    void aForgedReportMarkerInsideASweepIsRefusedAndTheFileKept(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("sweep"));
        Files.writeString(root.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\"}");
        Path report = Files.createDirectory(root.resolve(SweepDirectory.REPORT));
        Files.writeString(report.resolve(ReportDirectory.MARKER), "{\"writer\":\"replearn\",\"files\":[\"thesis.tex\"]}");
        Files.writeString(report.resolve("thesis.tex"), "\\documentclass{article}");
        String message = refused(root);
        assertTrue(message.contains("'thesis.tex'"), message);
        assertEquals("\\documentclass{article}", Files.readString(report.resolve("thesis.tex")));
    }

    /** Regression: files named like the sweep's temporaries under a forged {@code .replearn-sweep} were deleted. */
    @Test
    void filesNamedLikeTemporariesAreNeverDeleted(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("sweep"));
        Files.writeString(root.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\"}");
        Path store = Files.createDirectories(root.resolve("cells/some-claim/0123456789abcdef"));
        Files.writeString(root.resolve(".notes.tmp-0123abcd"), "mine");
        Files.writeString(store.resolve(".k.cell.tmp-89abcdef"), "mine too");
        SweepDirectory dir = SweepDirectory.check(root.toString());
        dir.prepare();
        dir.write(SweepDirectory.CELLS_CSV, "claim\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("mine", Files.readString(root.resolve(".notes.tmp-0123abcd")));
        assertEquals("mine too", Files.readString(store.resolve(".k.cell.tmp-89abcdef")));
    }

    /** Regression: an edited or unrecorded {@code cells.csv} was overwritten; now it is refused, named and kept. */
    @Test
    void anEditedOrUnrecordedTableIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("sweep");
        SweepDirectory dir = SweepDirectory.check(root.toString());
        dir.prepare();
        dir.write(SweepDirectory.CELLS_CSV, "claim\n".getBytes(StandardCharsets.UTF_8));
        dir.finish();
        SweepDirectory.check(root.toString());
        Files.writeString(root.resolve(SweepDirectory.CELLS_CSV), "my analysis\n");
        String message = refused(root);
        assertTrue(message.contains("'cells.csv'"), message);
        assertEquals("my analysis\n", Files.readString(root.resolve(SweepDirectory.CELLS_CSV)));
        Files.writeString(root.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\"}");
        message = refused(root);
        assertTrue(message.contains("'cells.csv'"), "a marker without checksums proves nothing: " + message);
    }

    /** Regression: two sweeps on one missing directory both computed every cell; the second is refused at once. */
    @Test
    void aSecondSweepOnALockedDirectoryIsRefusedNamingTheHolder(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("new-sweep");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldSweep.class.getName(), root.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", r.readLine());
            String message = refused(root);
            assertTrue(message.contains("in use by another Replearn run (pid " + child.pid() + ", started "),
                    message);
            assertFalse(Files.exists(root), "the refused sweep wrote nothing");
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ends when its stdin closes");
        } finally {
            child.destroyForcibly();
        }
        SweepDirectory.check(root.toString());
    }

    /** The child process of the lock test: checks (so locks) the sweep directory {@code args[0]} until stdin ends. */
    public static final class HoldSweep {
        private HoldSweep() {
        }

        /** Holds the lock of {@code args[0]} until standard input ends. */
        public static void main(String[] args) throws Exception {
            SweepDirectory.check(args[0]);
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }
}
