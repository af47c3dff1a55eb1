package org.replearn.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims mutation gate's cheap parts (docs/mutations.md): every bug patch still applies to the current code
 * ({@code git apply --check}) and documents itself, the script refuses bad input in one line with exit code 2, and
 * {@link MutationTable} judges and writes the table from reports.
 */
class MutationGateTest {
    private static final Path ROOT = repositoryRoot();
    private static final Path MUTATIONS = ROOT.resolve("regression/mutations");

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("regression/mutations")) && Files.isDirectory(p.resolve("math-core"))) {
                return p;
            }
        }
        throw new IllegalStateException("no regression/mutations above " + Path.of("").toAbsolutePath());
    }

    private static List<Path> patches() throws IOException {
        try (Stream<Path> s = Files.list(MUTATIONS)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d\\d-[a-z0-9-]+\\.patch")).sorted().toList();
        }
    }

    private static Result exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    record Result(int code, String out, String err) {
    }

    @Test
    void everyPatchStillAppliesToTheCurrentCode() throws Exception {
        for (Path patch : patches()) {
            Result r = exec(ROOT, "git", "apply", "--check", patch.toString());
            assertEquals(0, r.code(), patch.getFileName() + " no longer applies (update it to the code it mutates): "
                    + r.err());
        }
    }

    @Test
    void atLeastEightDocumentedBugsInMathCoreEachNumberedOnce() throws IOException {
        List<Path> patches = patches();
        assertTrue(patches.size() >= 8, "the gate needs at least eight bugs, found " + patches.size());
        Set<String> numbers = new TreeSet<>();
        Pattern touched = Pattern.compile("(?m)^diff --git a/(\\S+) b/");
        for (Path patch : patches) {
            String name = patch.getFileName().toString();
            String text = Files.readString(patch, StandardCharsets.UTF_8);
            String number = name.substring(0, 2);
            assertTrue(numbers.add(number), "two patches numbered " + number);
            assertTrue(text.startsWith("# Bug " + Integer.parseInt(number) + ": "), name + ": header '# Bug N: ...'");
            assertTrue(text.contains("\n# Models: "), name + ": header line '# Models: ...'");
            Matcher file = Pattern.compile("(?m)^# File: (\\S+)").matcher(text);
            assertTrue(file.find(), name + ": header line '# File: path'");
            assertTrue(Files.isRegularFile(ROOT.resolve(file.group(1))), name + ": no file " + file.group(1));
            Matcher m = touched.matcher(text);
            int files = 0;
            while (m.find()) {
                files++;
                assertTrue(m.group(1).startsWith("math-core/src/main/"), name + " changes " + m.group(1)
                        + ", outside math-core's main code");
            }
            assertTrue(files >= 1, name + " changes no file");
        }
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        String script = MUTATIONS.resolve("run.sh").toString();
        for (String[] args : new String[][] {{"--seed", "x"}, {"--bugs", "99"}, {"--scale", "huge"}, {"--frobnicate"}}) {
            String[] command = Stream.concat(Stream.of("bash", script), Stream.of(args)).toArray(String[]::new);
            Result r = exec(ROOT, command);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("mutations: "), r.err());
        }
    }

    @Test
    void tableNamesTheClaimsEachBugFailsWithMeasurementAndTolerance(@TempDir Path dir) throws IOException {
        report(dir.resolve("baseline"), claim("a", true, "0.1 ± 0.01", ""), claim("b", true, "1.0", ""));
        report(dir.resolve("01-x"), claim("a", false, "0.9 ± 0.01", ""), claim("b", true, "1.0", ""));
        report(dir.resolve("02-y"), claim("a", true, "0.1 ± 0.01", ""), claim("b", true, "1.0", ""));
        Files.writeString(dir.resolve("runs.tsv"), "baseline\t0\tbaseline\tnone\n01-x\t1\t01-x\tbug x\n"
                + "02-y\t0\t02-y\tbug y\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = MutationTable.run(new String[] {dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(MutationTable.NOT_CAUGHT, code, "02-y fails no claim");
        String md = Files.readString(dir.resolve("mutations.md"), StandardCharsets.UTF_8);
        assertEquals(md, out.toString(StandardCharsets.UTF_8));
        assertTrue(md.contains("| `a` | holds | **FAILS** | holds |"), md);
        assertTrue(md.contains("| `01-x` | `a` | `a`: measured 0.9 ± 0.01 vs predicted a = 0.1, tolerance 0.05 (3 SE)"),
                md);
        assertTrue(md.contains("| `02-y` | **none** |"), md);
        assertTrue(md.contains("1 of 2 bugs caught"), md);
        List<String> csv = Files.readAllLines(dir.resolve("mutations.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 3 * 2, csv.size());
        assertTrue(csv.contains("\"01-x\",1,\"a\",false,\"0.9 ± 0.01\",\"a = 0.1\",\"0.05 (3 SE)\",\"\",\"\""),
                csv.toString());
    }

    @Test
    void aControlNoLongerRejectedOrAThrowingClaimCatchesABug(@TempDir Path dir) throws IOException {
        report(dir.resolve("baseline"), claim("a", true, "0.1", ""));
        report(dir.resolve("01-x"), claim("a", false, "0.1", "the control"));
        report(dir.resolve("02-y"), claim("a", false, "0.1", "").replace("\"holds\"", "\"error\": \"boom\", \"holds\""));
        Files.writeString(dir.resolve("runs.tsv"), "baseline\t0\tbaseline\tnone\n01-x\t1\t01-x\tx\n02-y\t3\t02-y\ty\n");
        assertEquals(MutationTable.ALL_CAUGHT, MutationTable.run(new String[] {dir.toString()}, quiet(), quiet()));
        String md = Files.readString(dir.resolve("mutations.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("control not rejected: the control [0.2]"), md);
        assertTrue(md.contains("`a`: threw: boom"), md);
    }

    @Test
    void aRunWithoutClaimsJsonOrABadRunsFileIsReported(@TempDir Path dir) throws IOException {
        assertEquals(MutationTable.USAGE, MutationTable.run(new String[] {dir.toString()}, quiet(), quiet()));
        Files.writeString(dir.resolve("runs.tsv"), "baseline\tzero\n");
        assertEquals(MutationTable.USAGE, MutationTable.run(new String[] {dir.toString()}, quiet(), quiet()));
        report(dir.resolve("baseline"), claim("a", true, "0.1", ""));
        Files.writeString(dir.resolve("runs.tsv"), "baseline\t0\tbaseline\tnone\n01-x\t3\t01-x\tx\n");
        assertEquals(MutationTable.UNREADABLE, MutationTable.run(new String[] {dir.toString()}, quiet(), quiet()));
        assertTrue(Files.readString(dir.resolve("mutations.md"), StandardCharsets.UTF_8)
                .contains("| `01-x` | **no report**: no claims.json (replearn exited 3) |"));
        assertFalse(Files.exists(dir.resolve("01-x")));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    /** A claim object of claims.json (schema version 1), with one control rejected unless {@code freeControl}. */
    private static String claim(String id, boolean holds, String measured, String freeControl) {
        String control = freeControl.isEmpty() ? "{\"variant\": \"c\", \"rejected\": true, \"measured\": {\"text\": \"9\"}}"
                : "{\"variant\": \"" + freeControl + "\", \"rejected\": false, \"measured\": {\"text\": \"0.2\"}}";
        return "{\"id\": \"" + id + "\", \"prediction\": {\"kind\": \"equality\", \"value\": 0.1, \"text\": \"" + id
                + " = 0.1\"}, \"measured\": {\"value\": 0.1, \"text\": \"" + measured + "\"}, \"tolerance\":"
                + " {\"value\": 0.05, \"derivation\": \"3 SE\"}, \"holds\": " + holds + ", \"controls\": [" + control
                + "], \"details\": {}}";
    }

    private static void report(Path dir, String... claims) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("claims.json"), "{\"schema_version\": 1, \"run\": {\"git_commit\": \"abc\","
                + " \"scale\": \"quick\", \"seed\": 0, \"date\": \"2026-01-01T00:00:00Z\", \"command\": \"c\"},"
                + " \"claims\": [" + String.join(", ", claims) + "]}");
    }
}
