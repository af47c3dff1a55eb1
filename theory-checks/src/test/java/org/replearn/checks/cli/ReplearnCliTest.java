package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of the command line: exit codes, one-line usage errors, JSON fields, the report directory. */
class ReplearnCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliHarness.Run run(String... args) {
        return CliHarness.run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reproduce --scale medium", "reproduce --threads 0", "reproduce --only no-such-claim",
        "reproduce --bogus", "train --target h2(z1 --d 4 --n 10", "train --target single-h2 --d 4 --n 10 --m 3",
        "train --target single-h2 --d 4 --n 10 --method sgd", "target --target multi-deg4 --d 1", "target", "nope"})
    void usageErrorsExitTwoWithOneLineNamingTheProblem(String args) {
        CliHarness.Run r = run(args.split(" "));
        assertEquals(ReplearnCli.USAGE, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line expected, got: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
    }

    @Test
    void badFlagMessageNamesTheFlag() {
        assertTrue(run("reproduce", "--scale", "medium").err().contains("--scale"));
        assertTrue(run("train", "--target", "h2(z1", "--d", "4", "--n", "10").err().contains("--target"));
        assertTrue(run("target", "--target", "multi-deg4", "--d", "1").err().contains("--d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reproduce", "results", "diff", "list", "train", "target"})
    void everySubcommandPrintsTheVersionAndCommit(String command) {
        CliHarness.Run r = run(command, "-V");
        assertEquals(ReplearnCli.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("replearn ") && r.out().contains("(commit "), r.out());
    }

    @Test
    void aMistypedOptionOrCommandNamesTheNearestOne() {
        assertTrue(run("reproduce", "--onyl", "width").err().contains("unknown option '--onyl': did you mean '--only'?"));
        assertTrue(run("reprodce").err().contains("unknown command 'reprodce': did you mean 'reproduce'?"));
        CliHarness.Run unknown = run("xyzzy");
        assertEquals(ReplearnCli.USAGE, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'xyzzy': use reproduce, results, diff, list"), unknown.err());
    }

    @Test
    void sweepIsListedAndPointsToTheSweepJar() {
        assertTrue(run("--help").out().contains("sweep"));
        CliHarness.Run r = run("sweep", "--scale", "quick");
        assertEquals(ReplearnCli.USAGE, r.code());
        assertTrue(r.err().contains("./replearn sweep"), r.err());
    }

    /** Prediction: multi-deg4 has E₂ = 0.3, E₄ = 0.7 and G₂ = sqrt(2)·sqrt(0.3/2)·I (κ = 1); exact to rounding. */
    @Test
    void targetJsonHasTheDocumentedFields() throws Exception {
        CliHarness.Run r = run("target", "--target", "multi-deg4", "--d", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        for (String f : new String[] {"mean", "variance", "energy_by_degree", "linear_norm", "hessian_eigenvalues",
            "kappa", "nondegenerate"}) {
            assertTrue(o.has(f), "missing field " + f + " in " + r.out());
        }
        double[] energy = JSON.treeToValue(o.get("energy_by_degree"), double[].class);
        double[] expected = {0, 0, 0.3, 0, 0.7};
        assertEquals(expected.length, energy.length);
        for (int k = 0; k < energy.length; k++) {
            assertEquals(expected[k], energy[k], 1e-15, "E_" + k);
        }
        double lambda = Math.sqrt(2) * Math.sqrt(0.3) / Math.sqrt(2);
        for (JsonNode ev : o.get("hessian_eigenvalues")) {
            assertEquals(lambda, ev.asDouble(), 1e-14);
        }
        assertEquals(1.0, o.get("kappa").asDouble(), 1e-12);
        assertEquals(0.0, o.get("linear_norm").asDouble());
        assertEquals(1.0, o.get("variance").asDouble(), 1e-15);
        assertTrue(o.get("nondegenerate").asBoolean());
    }

    /** single-h3 has G₂ = 0: degenerate, κ infinite (written as null). */
    @Test
    void degenerateTargetReportsInfiniteKappaAsNull() throws Exception {
        JsonNode o = JSON.readTree(run("target", "--target", "single-h3", "--json").out());
        assertFalse(o.get("nondegenerate").asBoolean());
        assertTrue(o.get("kappa").isNull());
    }

    @Test
    void trainJsonHasTheDocumentedFields() throws Exception {
        CliHarness.Run r = run("train", "--target", "single-h2", "--d", "4", "--n", "300", "--m", "16", "--validation", "500",
                "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        for (String f : new String[] {"test_error", "excess_test_loss", "alignment", "seconds"}) {
            assertTrue(o.has(f) && o.get(f).isNumber(), "missing numeric field " + f + " in " + r.out());
        }
        double a = o.get("alignment").asDouble();
        assertTrue(a >= 0 && a <= 1, "alignment is an energy fraction: " + a);
    }

    @Test
    void kernelMethodHasNoAlignment() throws Exception {
        CliHarness.Run r = run("train", "--target", "single-h2", "--d", "4", "--n", "200", "--method", "ntk-krr", "--validation",
                "300", "--threads", "1", "--json");
        assertEquals(0, r.code(), r.err());
        assertNull(JSON.readTree(r.out()).get("alignment").textValue());
        assertTrue(JSON.readTree(r.out()).get("alignment").isNull());
    }

    @Test
    void reproduceWritesEveryFileAndReplacesAnOldReport(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("report");
        String[] args = {"reproduce", "--only", "hermite-identities", "--out", out.toString(), "--quiet", "--threads",
            "1"};
        assertEquals(0, run(args).code());
        CliHarness.Run r = run(args);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().isEmpty(), "no progress output without a console: " + r.err());
        for (String f : new String[] {"report.md", "report.html", "claims.json", "config.json",
            "hermite-orthonormality.csv", "hermite-stein.csv", ".replearn-report"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), "missing " + f);
        }
        JsonNode doc = JSON.readTree(out.resolve("claims.json").toFile());
        assertEquals(1, doc.get("schema_version").asInt());
        JsonNode claims = doc.get("claims");
        assertTrue(claims.isArray() && claims.size() == 1);
        for (String f : new String[] {"id", "statement", "prediction", "measured", "tolerance", "holds", "controls",
            "details"}) {
            assertTrue(claims.get(0).has(f), "claims.json lacks " + f);
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(1, siblings.count(), "no temporary directories may be left beside the report");
        }
    }

    /** A directory of the user's is refused before any claim runs, naming --out, and left as it was. */
    @Test
    void reproduceNeverWritesOverAUsersDirectory(@TempDir Path tmp) throws Exception {
        Path mine = Files.createDirectory(tmp.resolve("my-project"));
        Files.writeString(mine.resolve("stale.txt"), "from the user");
        long start = System.nanoTime();
        CliHarness.Run r = run("reproduce", "--out", mine.toString(), "--quiet", "--threads", "1");
        assertEquals(ReplearnCli.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains("stale.txt"), r.err());
        assertTrue((System.nanoTime() - start) * 1e-9 < 5, "refused before the claims ran");
        assertEquals("from the user", Files.readString(mine.resolve("stale.txt")));
        assertEquals(1, Files.list(mine).count());
    }
}
