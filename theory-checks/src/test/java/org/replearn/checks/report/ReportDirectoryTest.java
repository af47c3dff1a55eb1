package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A report never destroys data: the destination may be missing, empty or a previous report; everything else is
 * refused before any work and left exactly as it was. Each case is a real directory with real files that must
 * survive.
 */
class ReportDirectoryTest {
    private static final ReportDirectory.Contents ONE_FILE = dir -> {
        Files.writeString(dir.resolve("report.md"), "# new\n");
        return List.of("report.md");
    };

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void refused(String dir, String why) {
        ReportDirectory.Unusable e = assertThrows(ReportDirectory.Unusable.class, () -> ReportDirectory.check(dir));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    }

    /**
     * A run killed (SIGKILL) in the middle of a replacement: its lock file journals the temporary directory it made
     * and the previous report it moved aside. The next run puts the previous report back, deletes the temporary
     * directory and writes its report; a look-alike directory no journal names is kept.
     */
    @Test
    void theNextRunUndoesWhatAKilledReplacementLeft(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report").toAbsolutePath().normalize();
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        Path old = tmp.resolve(".replearn-old-0a1b2c3d");
        Files.move(out, old);
        Path partial = Files.createDirectory(tmp.resolve(".replearn-tmp-4e5f6a7b"));
        Files.writeString(partial.resolve("report.md"), "half a rep");
        Path lookAlike = Files.createDirectory(tmp.resolve(".replearn-tmp-00000000"));
        Files.writeString(DirectoryLock.fileOf(out), "pid 1, started 2026-12-07T00:00:00Z\ntemporary " + partial
                + "\nmoved aside " + old + "\n");

        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertEquals(List.of(".replearn-tmp-00000000", "report"), names(tmp));
        assertEquals(List.of(), names(lookAlike));
        assertEquals(List.of(".replearn-report", "report.md"), names(out));
    }

    /** A run refused after locking (no report written) leaves none of the parents the lock created. */
    @Test
    void releasedLockRemovesTheParentsItCreatedWhileEmpty(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("mine.txt"), "the user's");
        Path out = tmp.resolve("a/b/report").toAbsolutePath().normalize();
        DirectoryLock.acquire("a/b/report", out);
        assertTrue(Files.isDirectory(tmp.resolve("a/b")));
        DirectoryLock.release(out);
        assertEquals(List.of("mine.txt"), names(tmp), "only what was there before");
    }

    @Test
    void writesIntoMissingNestedDirectories(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("a/b/report");
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertEquals(List.of(".replearn-report", "report.md"), names(out));
        assertEquals(List.of("a"), names(tmp), "no temporary or probe directory is left");
        assertEquals(List.of("report"), names(tmp.resolve("a/b")));
    }

    @Test
    void directoriesFollowTheUmaskLikeAnyOtherDirectory(@TempDir Path tmp) throws Exception {
        Path reference = Files.createDirectory(tmp.resolve("made-by-java"));
        Path out = tmp.resolve("report");
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(out), "not 0700 whatever the umask");
    }

    @Test
    void fillsAnEmptyDirectory(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("empty"));
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertEquals(List.of(".replearn-report", "report.md"), names(out));
        assertEquals(List.of("empty"), names(tmp));
    }

    @Test
    void replacesAPreviousReportAsAWhole(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        ReportDirectory.check(out.toString()).replaceWith(dir -> {
            Files.writeString(dir.resolve("old.csv"), "x\n");
            return List.of("old.csv");
        });
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertEquals(List.of(".replearn-report", "report.md"), names(out), "the old report's files are gone");
        assertEquals(List.of("report"), names(tmp));
    }

    @Test
    void refusesADirectoryWithAUserFileAndLeavesItUntouched(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("my-project"));
        Files.writeString(out.resolve("thesis.tex"), "years of work");
        refused(out.toString(), "holds files Replearn did not write ('thesis.tex')");
        assertEquals("years of work", Files.readString(out.resolve("thesis.tex")));
        assertEquals(List.of("my-project"), names(tmp));
    }

    @Test
    void refusesAPreviousReportThatTheUserAddedAFileTo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        Files.writeString(out.resolve("notes.txt"), "mine");
        refused(out.toString(), "'notes.txt'");
        assertEquals(List.of(".replearn-report", "notes.txt", "report.md"), names(out));
    }

    @Test
    void aForgedOrForeignMarkerDoesNotMakeADirectoryReplaceable(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("forged"));
        Files.writeString(out.resolve(ReportDirectory.MARKER), "{\"writer\":\"replearn\",\"files\":[\"../x\"]}");
        Files.writeString(out.resolve("data.bin"), "keep");
        refused(out.toString(), "'data.bin'");
        Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve(ReportDirectory.MARKER), "not json");
        refused(other.toString(), "'" + ReportDirectory.MARKER + "'");
        assertEquals("keep", Files.readString(out.resolve("data.bin")));
    }

    /** The user's working directory and its parent hold the project: never a report destination. */
    @ParameterizedTest
    @ValueSource(strings = {".", "..", "./", "../."})
    void refusesTheWorkingDirectoryAndItsParent(String dir) {
        refused(dir, "holds files Replearn did not write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/"})
    void refusesPathsThatNameNoNewDirectory(String dir) {
        assertThrows(ReportDirectory.Unusable.class, () -> ReportDirectory.check(dir));
    }

    @Test
    void refusesFilesDevicesAndPathsUnderAFile(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("results.txt"), "keep");
        refused(file.toString(), "is not a directory");
        refused("/dev/null", "is not a directory");
        refused(file.resolve("report").toString(), "is not a directory");
        refused("/proc/replearn-report", "cannot be written");
        assertEquals("keep", Files.readString(file));
        assertEquals(List.of("results.txt"), names(tmp));
    }

    @Test
    void refusesASymbolicLink(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        refused(link.toString(), "symbolic link");
        assertTrue(Files.isSymbolicLink(link));
    }

    /** A legal 240-byte name works (the temporary name beside it is short); a 256-byte one is refused up front. */
    @Test
    void longNames(@TempDir Path tmp) throws Exception {
        Path ok = tmp.resolve("r".repeat(240));
        ReportDirectory.check(ok.toString()).replaceWith(ONE_FILE);
        assertTrue(Files.isRegularFile(ok.resolve("report.md")));
        refused(tmp.resolve("r".repeat(256)).toString(), "cannot be written");
        assertEquals(1, names(tmp).size());
    }

    /**
     * A read-only directory is refused unless the process may write there anyway (root may): the verdict follows
     * the operating system's own answer, and either way nothing else in it changes.
     */
    @Test
    void readOnlyParent(@TempDir Path tmp) throws Exception {
        Path parent = Files.createDirectory(tmp.resolve("ro"));
        Files.writeString(parent.resolve("keep.txt"), "keep");
        Files.setPosixFilePermissions(parent, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        try {
            Path out = parent.resolve("report");
            if (Files.isWritable(parent)) {
                ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
                assertTrue(Files.isRegularFile(out.resolve("report.md")));
            } else {
                refused(out.toString(), "permission denied");
                assertFalse(Files.exists(out));
            }
            assertEquals("keep", Files.readString(parent.resolve("keep.txt")));
        } finally {
            Files.setPosixFilePermissions(parent, Set.of(PosixFilePermission.values()));
        }
    }

    @Test
    void aFailedWriteLeavesTheOldReportAndNoTemporaries(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertThrows(IOException.class, () -> ReportDirectory.check(out.toString()).replaceWith(dir -> {
            Files.writeString(dir.resolve("half.csv"), "x");
            throw new IOException("disk full");
        }));
        assertEquals("# new\n", Files.readString(out.resolve("report.md")));
        assertEquals(List.of("report"), names(tmp));
    }

    /**
     * SIGTERM in the middle of a write: the shutdown hook lets the replacement finish (or undoes it), so the old or
     * the new report stands complete and no temporary directory is left. A child JVM writes a report whose second
     * file comes 1.5 s after the first; the test terminates it as soon as the first file is written.
     */
    @Test
    void terminationDuringAWriteLeavesACompleteReportAndNoTemporaries(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SlowReport.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("writing", r.readLine());
            child.destroy();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ends after SIGTERM");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(List.of("report"), names(tmp), "no temporary directory beside the report");
        List<String> files = names(out);
        assertTrue(files.equals(List.of(".replearn-report", "report.md"))
                || files.equals(List.of(".replearn-report", "a.csv", "b.csv")), "old or new report, whole: " + files);
    }

    /** Regression: a marker anyone can write listed the user's file, which the next run deleted (exit 0). */
    @Test
    void aForgedMarkerListingAUsersFileIsRefusedAndTheFileKept(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("forged"));
        Files.writeString(out.resolve(ReportDirectory.MARKER), "{\"writer\":\"replearn\",\"files\":[\"sentinel.txt\"]}");
        Files.writeString(out.resolve("sentinel.txt"), "mine");
        refused(out.toString(), "'sentinel.txt'");
        Files.writeString(out.resolve(ReportDirectory.MARKER), "{\"writer\":\"replearn\",\"files\":[{\"name\":"
                + "\"sentinel.txt\",\"size\":4,\"sha256\":\"" + "0".repeat(64) + "\"}]}");
        refused(out.toString(), "'sentinel.txt'");
        assertEquals("mine", Files.readString(out.resolve("sentinel.txt")));
        assertEquals(List.of("forged"), names(tmp), "no lock file or temporary left");
    }

    /** Regression: a report file the user edited was replaced; now it is refused, named, and kept. */
    @Test
    void anEditedReportFileIsRefusedNamingItAndKept(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        Files.writeString(out.resolve("report.md"), "# my notes\n");
        refused(out.toString(), "'report.md'");
        assertEquals("# my notes\n", Files.readString(out.resolve("report.md")));
        Files.move(out.resolve("report.md"), tmp.resolve("notes.md"));
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertEquals(List.of(".replearn-report", "report.md"), names(out), "an unedited report is replaced");
        assertEquals(List.of("notes.md", "report"), names(tmp));
    }

    /** Regression: a report marker without checksums (an older version's) proves nothing: refused, never deleted. */
    @Test
    void aMarkerWithoutChecksumsIsRefusedNamingItsFirstFile(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("old"));
        Files.writeString(out.resolve(ReportDirectory.MARKER),
                "{\"writer\":\"replearn\",\"files\":[\"claims.json\",\"report.md\"]}");
        Files.writeString(out.resolve("claims.json"), "{}");
        Files.writeString(out.resolve("report.md"), "# old\n");
        refused(out.toString(), "'claims.json'");
        assertEquals(List.of(".replearn-report", "claims.json", "report.md"), names(out));
    }

    /**
     * Regression: two runs on one directory both wrote it (one lost with 'directory not empty'). A child JVM holds
     * the lock of a missing directory; this run is refused at once, naming the child's pid, and creates nothing.
     */
    @Test
    void aSecondRunOnALockedDirectoryIsRefusedNamingTheHolder(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("new/report");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HoldLock.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", r.readLine());
            refused(out.toString(), "in use by another Replearn run (pid " + child.pid() + ", started ");
            assertFalse(Files.exists(out), "the refused run wrote nothing");
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child ends when its stdin closes");
        } finally {
            child.destroyForcibly();
        }
        ReportDirectory.check(out.toString()).replaceWith(ONE_FILE);
        assertEquals(List.of("report"), names(tmp.resolve("new")), "the lock file is removed by its holder");
    }

    /** The child process of the lock test: locks {@code args[0]}, says so, and holds it until stdin closes. */
    public static final class HoldLock {
        private HoldLock() {
        }

        /** Holds the lock of {@code args[0]} until standard input ends. */
        public static void main(String[] args) throws Exception {
            ReportDirectory.check(args[0]);
            System.out.println("locked");
            System.out.flush();
            System.in.read();
        }
    }

    /** The child process of the termination test. */
    public static final class SlowReport {
        private SlowReport() {
        }

        /** Writes a two-file report into {@code args[0]}, pausing between the files. */
        public static void main(String[] args) throws Exception {
            ReportDirectory.check(args[0]).replaceWith(dir -> {
                Files.writeString(dir.resolve("a.csv"), "a\n");
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Files.writeString(dir.resolve("b.csv"), "b\n");
                return List.of("a.csv", "b.csv");
            });
        }
    }
}
