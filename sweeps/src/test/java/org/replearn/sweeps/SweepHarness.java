package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.replearn.checks.cli.ReplearnCli;

/**
 * Runs {@code replearn sweep} in-process ({@link SweepCli#execute}) on its own thread and checks what every
 * invocation must satisfy: a documented exit code (never 3), no stack trace or Java class name, no NaN/Infinity on
 * stdout, and a refusal (exit 2) as exactly one line on stderr and nothing on stdout. Shared by
 * {@link SweepFuzzProperties} and {@link SweepRegressionTest}.
 */
final class SweepHarness {
    /** After this long an invocation is abandoned so that a hang cannot stall the suite. */
    private static final long HARD_STOP_SECONDS = 60;
    /** A qualified class name of the JDK or of Spark, Hadoop, Parquet (not the property java.io.tmpdir). */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|jdk|sun|scala|org\\.apache)\\.([a-z0-9]+\\.)*[A-Z]\\w*");
    private static final Pattern ERROR_CLASS = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Error|Exception)\\b");

    private SweepHarness() {
    }

    /** Exit code, captured streams and wall time of one invocation. */
    record Run(List<String> args, int code, String out, String err, double seconds) {
        long errLines() {
            return err.strip().isEmpty() ? 0 : err.strip().lines().count();
        }

        @Override
        public String toString() {
            return "exit " + code + " after " + String.format(Locale.ROOT, "%.2f", seconds) + " s for "
                    + render(args) + "\n  stderr: " + clip(err) + "\n  stdout: " + clip(out);
        }
    }

    /**
     * The command of a child JVM with this JVM's module and Spark options (not its heap, agents, user locale or Spark
     * properties), then {@code options} and {@code -cp classPath}; the caller appends the main class.
     */
    static List<String> childJava(String classPath, String... options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-agentlib") && !a.startsWith("-javaagent")
                    && !a.startsWith("-Duser.") && !a.startsWith("-Dspark.")) {
                command.add(a);
            }
        }
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPath));
        return command;
    }

    /** Runs {@code replearn sweep args}. */
    static Run sweep(String... args) {
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(List.of(args));
        return run(all);
    }

    /** Runs {@code replearn args} (the sweeps jar's command line) on a fresh thread and waits for it. */
    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = args.toArray(new String[0]);
        FutureTask<Integer> task = new FutureTask<>(
                () -> SweepCli.execute(argv, new PrintWriter(out, true), new PrintWriter(err, true)));
        Thread worker = new Thread(task, "replearn-sweep-under-test");
        worker.setDaemon(true);
        long start = System.nanoTime();
        worker.start();
        int code;
        try {
            code = task.get(HARD_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return fail("hang: no answer after " + HARD_STOP_SECONDS + " s for " + render(args));
        } catch (ExecutionException e) {
            StringWriter trace = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(trace));
            return fail("SweepCli.execute threw instead of returning an exit code for " + render(args) + ":\n" + trace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
        return new Run(List.copyOf(args), code, out.toString(), err.toString(), (System.nanoTime() - start) * 1e-9);
    }

    /** The checks every invocation must pass, whatever its outcome. */
    static void assertWellBehaved(Run r) {
        assertTrue(r.code() >= 0 && r.code() <= 5, "undocumented exit code: " + r);
        assertTrue(r.code() != ReplearnCli.INTERNAL, "internal error (exit 3): " + r);
        for (String text : new String[] {r.err(), r.out()}) {
            for (String bad : new String[] {"\tat ", "Exception", "Caused by:", "picocli.CommandLine$"}) {
                assertFalse(text.contains(bad), "stack trace or Java class name ('" + bad.strip() + "'): " + r);
            }
            assertFalse(ERROR_CLASS.matcher(text).find(), "Java error class name: " + r);
            assertFalse(CLASS_NAME.matcher(text).find(), "Java class name: " + r);
        }
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), "NaN or Infinity on stdout: " + r);
        if (r.code() == ReplearnCli.USAGE) {
            assertTrue(r.out().isEmpty(), "a refused invocation printed on stdout: " + r);
            assertEquals(1, r.errLines(), "a refusal is one line on stderr: " + r);
        }
        if (r.code() != ReplearnCli.OK) {
            assertFalse(r.err().isBlank(), "a failure must say why on stderr: " + r);
        }
    }

    /** A refusal (exit 2) in one line that names {@code mention} (when not null). */
    static void assertRefused(Run r, String mention) {
        assertWellBehaved(r);
        assertEquals(ReplearnCli.USAGE, r.code(), "expected a refusal (exit 2): " + r);
        if (mention != null) {
            assertTrue(r.err().contains(mention), "the message should name " + mention + ": " + r);
        }
    }

    /**
     * Everything below {@code dir} (not following links), relative name → type, size, modification time and content
     * digest: equal before and after an invocation only when nothing was created, changed or deleted.
     */
    static Map<String, String> tree(Path dir) {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return m;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (!p.equals(dir)) {
                    m.put(dir.relativize(p).toString(), describe(p));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot walk " + dir + ": " + e, e);
        }
        return m;
    }

    /** Deletes {@code dir} and everything below it (links themselves, never their targets). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String describe(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "link -> " + Files.readSymbolicLink(p);
            }
            if (a.isDirectory()) {
                return "dir"; // its time changes when a file is probed there and removed
            }
            String digest = a.isRegularFile() ? " sha " + sha(Files.readAllBytes(p)) : "";
            return (a.isRegularFile() ? "file " : "other ") + a.size() + " bytes " + a.lastModifiedTime().toMillis()
                    + digest;
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** SHA-256 of {@code data} in hex. */
    static String sha(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arguments as a shell would show them, long ones abbreviated. */
    static String render(List<String> args) {
        StringBuilder sb = new StringBuilder("replearn");
        for (String a : args) {
            String shown = a.length() > 90 ? a.substring(0, 50) + "…(" + a.length() + " chars)…"
                    + a.substring(a.length() - 25) : a;
            sb.append(" '").append(shown.replace("\n", "\\n").replace("\t", "\\t")).append('\'');
        }
        return sb.toString();
    }

    private static String clip(String s) {
        String t = s.strip().replace("\n", " ⏎ ");
        return t.length() > 800 ? t.substring(0, 800) + "…" : t;
    }
}
