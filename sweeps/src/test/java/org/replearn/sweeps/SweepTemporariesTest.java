package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.report.DirectoryLock;
import org.replearn.checks.report.OutputDirectory;

/**
 * A sweep's temporary files: an interrupted run's (in the temporary directory its marker records) are deleted by the
 * next sweep, files named alike that no marker records are kept, and SIGTERM leaves none.
 */
class SweepTemporariesTest {
    private static final String TEMP_DIR_PREFIX = ".replearn-sweep-tmp-";

    private static List<String> temporaryDirectories(Path root) throws Exception {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(TEMP_DIR_PREFIX)).toList();
        }
    }

    /** Every file or directory under {@code root} named like a temporary, relative to {@code root}. */
    private static List<String> temporaries(Path root) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (n.matches("\\..*\\.tmp-[0-9a-f]{8}") || n.startsWith(TEMP_DIR_PREFIX)) {
                    found.add(root.relativize(p).toString());
                }
            });
        }
        return found;
    }

    /** Issue 29 (6): temporaries an interrupted sweep left were ignored forever; the next sweep now deletes them. */
    @Test
    void anInterruptedRunsTemporariesAreDeletedAndUnrecordedLookAlikesKept(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("sweep");
        SweepDirectory first = SweepDirectory.check(root.toString());
        first.prepare();
        first.write(SweepDirectory.CELLS_CSV, "claim\n".getBytes(StandardCharsets.UTF_8));
        List<String> recorded = temporaryDirectories(root);
        assertEquals(1, recorded.size(), recorded.toString());
        assertTrue(Files.readString(root.resolve(SweepDirectory.MARKER)).contains(recorded.get(0)));
        // the first run is killed while writing: its temporary stays, and so does its lock
        Path left = Files.writeString(root.resolve(recorded.get(0)).resolve(".cells.parquet.tmp-0badf00d"), "PAR1");
        Path store = Files.createDirectories(root.resolve("cells/some-claim/0123456789abcdef"));
        Path userTop = Files.writeString(root.resolve(".foo.tmp-deadbeef"), "mine");
        Path userCell = Files.writeString(store.resolve(".k.cell.tmp-deadbeef"), "mine too");
        DirectoryLock.release(root);

        SweepDirectory second = SweepDirectory.check(root.toString());
        second.prepare();
        assertFalse(Files.exists(left), "the interrupted run's temporary is deleted");
        assertFalse(Files.exists(root.resolve(recorded.get(0))), "and its temporary directory");
        assertEquals("mine", Files.readString(userTop), "a look-alike no marker records is kept");
        assertEquals("mine too", Files.readString(userCell));
        second.write(SweepDirectory.CELLS_CSV, "claim\n".getBytes(StandardCharsets.UTF_8));
        second.finish();
        assertEquals(List.of(), temporaryDirectories(root), "a finished sweep leaves no temporary directory");
        assertTrue(Files.readString(root.resolve(SweepDirectory.MARKER)).contains("\"temporaries\":[]"));
        assertEquals(List.of(".foo.tmp-deadbeef", "cells/some-claim/0123456789abcdef/.k.cell.tmp-deadbeef"),
                temporaries(root).stream().sorted().toList());
        DirectoryLock.release(root);
    }

    /**
     * A sweep killed while putting its report in place leaves the report's temporary directory in the sweep directory;
     * the lock's journal names it, so the next sweep deletes it instead of refusing the directory.
     */
    @Test
    void aKilledReportReplacementIsUndoneByTheNextSweep(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("sweep").toAbsolutePath().normalize();
        SweepDirectory first = SweepDirectory.check(root.toString());
        first.prepare();
        first.write(SweepDirectory.CELLS_CSV, "claim\n".getBytes(StandardCharsets.UTF_8));
        first.finish();
        DirectoryLock.release(root);
        Path partial = Files.createDirectory(root.resolve(".replearn-tmp-1a2b3c4d"));
        Files.writeString(partial.resolve("claims.json"), "{\"schema");
        Files.writeString(DirectoryLock.fileOf(root), "pid 1, started 2026-12-07T00:00:00Z\ntemporary " + partial
                + "\n");

        SweepDirectory second = SweepDirectory.check(root.toString());
        assertFalse(Files.exists(partial), "the killed run's report temporary is deleted");
        second.prepare();
        DirectoryLock.release(root);
    }

    /** A recorded temporary directory holding anything but temporary files is refused, naming it, and kept. */
    @Test
    void aRecordedTemporaryDirectoryWithAUserFileIsRefusedAndKept(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("sweep"));
        String name = TEMP_DIR_PREFIX + "0123abcd";
        Files.writeString(root.resolve(SweepDirectory.MARKER),
                "{\"writer\":\"replearn-sweep\",\"temporaries\":[\"" + name + "\"]}");
        Path notes = Files.writeString(Files.createDirectory(root.resolve(name)).resolve("notes.txt"), "mine");
        String message = assertThrows(OutputDirectory.Unusable.class,
                () -> SweepDirectory.check(root.toString())).getMessage();
        assertTrue(message.contains("'" + name + "/notes.txt'"), message);
        assertEquals("mine", Files.readString(notes));
        Path unrecorded = root.resolve(TEMP_DIR_PREFIX + "89abcdef");
        Files.delete(notes);
        Files.createDirectory(unrecorded);
        message = assertThrows(OutputDirectory.Unusable.class,
                () -> SweepDirectory.check(root.toString())).getMessage();
        assertTrue(message.contains("'" + unrecorded.getFileName() + "'"), "not recorded, not ours: " + message);
        assertTrue(Files.isDirectory(unrecorded));
    }

    /**
     * Issue 29 (6): a real SIGTERM while a sweep writes its cells leaves no temporary file or directory (the shutdown
     * hook deletes the ones in flight and no new one is started), no Spark stack trace on stderr and no verdict (the
     * cancelled cells are not failures: no "FAILS" line, no count of failed cells), and the same command then
     * completes.
     */
    @Test
    void sigtermLeavesNoTemporary(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty")) {
                command.add(a);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SweepCli.class.getName(), "sweep",
                "--scale", "quick", "--only", "hermite-identities", "--master", "local[2]", "--out", out.toString(),
                "--quiet"));
        Path log = tmp.resolve("stderr.txt");
        Path stdout = tmp.resolve("stdout.txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        Path cells = out.resolve("cells/hermite-identities");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline && !hasCell(cells)) {
            Thread.sleep(2);
        }
        assertTrue(p.isAlive(), "the sweep ended before it wrote a cell");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the sweep did not end after SIGTERM");
        assertEquals(List.of(), temporaries(out), "exit " + p.exitValue());
        String err = Files.readString(log);
        assertFalse(err.contains("Exception") || err.contains(" ERROR "), "Spark's shutdown is silent: " + err);
        String verdicts = Files.readString(stdout);
        assertFalse(verdicts.contains("FAILS") || verdicts.contains("failed"), "no verdict after SIGTERM: " + verdicts);

        Process again = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, again.waitFor());
        assertEquals(List.of(), temporaries(out));
        assertTrue(Files.isRegularFile(out.resolve(SweepDirectory.CELLS_PARQUET)));
    }

    private static boolean hasCell(Path cells) throws Exception {
        if (!Files.isDirectory(cells)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(cells)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".cell"));
        }
    }
}
