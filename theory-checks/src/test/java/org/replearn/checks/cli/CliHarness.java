package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the command line in-process (as {@link ReplearnCliTest} does) and checks what every invocation must satisfy:
 * a documented exit code, at most three lines on stderr, no stack trace or Java class name, no NaN/Infinity on
 * stdout, and nothing changed on disk outside the test's own temporary directory. Shared by
 * {@link CliFuzzProperties} and {@link CliRegressionTest}.
 */
final class CliHarness {
    /**
     * Wall time a refusal may take: a usage error is decided before any work, in milliseconds, so this bound only
     * catches work done before refusing; it is not applied to runs that compute (the machine's load decides their
     * time; {@link #HARD_STOP_SECONDS} guards against hangs).
     */
    static final double MAX_SECONDS = 5.0;
    /** After this long the invocation is abandoned (interrupted) so a hang cannot stall the whole suite. */
    private static final long HARD_STOP_SECONDS = 60;
    private static final Pattern ERROR_CLASS = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Error|Exception)\\b");

    private CliHarness() {
    }

    /**
     * The documented limits, read from math-core's public constants ({@code TargetSpec.MAX_LENGTH},
     * {@code TargetSpec.MAX_DEPTH}, {@code Hermite.MAX_DEGREE}, {@code HermitePolynomial.MAX_VARIABLES},
     * {@code HermitePolynomial.MIN_COEFFICIENT}/{@code MAX_COEFFICIENT}). They are looked up by name because the
     * package {@code org.replearn.core.target} is being renamed to {@code org.replearn.core.targets}: the tests
     * follow the constants wherever they live.
     */
    static final class Limits {
        private static final String[] TARGET_PACKAGES = {"org.replearn.core.targets", "org.replearn.core.target"};
        static final int MAX_LENGTH = ((Number) constant("TargetSpec", "MAX_LENGTH", TARGET_PACKAGES)).intValue();
        static final int MAX_DEPTH = ((Number) constant("TargetSpec", "MAX_DEPTH", TARGET_PACKAGES)).intValue();
        static final int MAX_VARIABLES = ((Number) constant("HermitePolynomial", "MAX_VARIABLES", TARGET_PACKAGES))
                .intValue();
        static final double MIN_COEFFICIENT = ((Number) constant("HermitePolynomial", "MIN_COEFFICIENT",
                TARGET_PACKAGES)).doubleValue();
        static final double MAX_COEFFICIENT = ((Number) constant("HermitePolynomial", "MAX_COEFFICIENT",
                TARGET_PACKAGES)).doubleValue();
        static final int MAX_DEGREE = ((Number) constant("Hermite", "MAX_DEGREE", "org.replearn.core.hermite"))
                .intValue();

        private Limits() {
        }

        private static Object constant(String simpleName, String field, String... packages) {
            for (String pkg : packages) {
                try {
                    return Class.forName(pkg + "." + simpleName).getField(field).get(null);
                } catch (ClassNotFoundException e) {
                    // try the next package
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(simpleName + "." + field + " is not a public constant", e);
                }
            }
            throw new IllegalStateException(simpleName + " not found in " + String.join(", ", packages));
        }
    }

    /** Exit code, captured streams and wall time of one invocation. */
    record Run(List<String> args, int code, String out, String err, double seconds) {
        long errLines() {
            return err.strip().isEmpty() ? 0 : err.strip().lines().count();
        }

        @Override
        public String toString() {
            return "exit " + code + " after " + String.format(java.util.Locale.ROOT, "%.2f", seconds) + " s for "
                    + render(args) + "\n  stderr: " + clip(err) + "\n  stdout: " + clip(out);
        }
    }

    static Run run(String... args) {
        return run(List.of(args));
    }

    /**
     * Runs {@code replearn args} on a fresh thread and waits for it; an invocation still running after
     * {@value #HARD_STOP_SECONDS} s is interrupted and reported as a hang.
     */
    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = args.toArray(new String[0]);
        FutureTask<Integer> task = new FutureTask<>(
                () -> ReplearnCli.execute(argv, new PrintWriter(out, true), new PrintWriter(err, true)));
        Thread worker = new Thread(task, "replearn-cli-under-test");
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
            return fail("ReplearnCli.execute threw instead of returning an exit code for " + render(args) + ":\n"
                    + trace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        return new Run(List.copyOf(args), code, out.toString(), err.toString(), seconds);
    }

    /** The checks every invocation must pass, whatever its outcome. */
    static void assertWellBehaved(Run r) {
        assertTrue(r.code() >= 0 && r.code() <= 5, "undocumented exit code: " + r);
        assertTrue(r.code() != ReplearnCli.INTERNAL, "internal error (exit 3): " + r);
        assertTrue(r.errLines() <= 3, "more than 3 lines on stderr: " + r);
        assertNoStackTrace(r.err(), r);
        assertNoStackTrace(r.out(), r);
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), "NaN or Infinity on stdout: " + r);
        if (r.code() == ReplearnCli.USAGE) {
            assertTrue(r.seconds() <= MAX_SECONDS, "a refusal took longer than " + MAX_SECONDS + " s: " + r);
            assertTrue(r.out().isEmpty(), "a refused invocation printed on stdout: " + r);
            assertEquals(1, r.errLines(), "a usage error is one line on stderr: " + r);
        }
        if (r.code() != ReplearnCli.OK) {
            assertFalse(r.err().isBlank(), "a failure must say why on stderr: " + r);
        }
    }

    private static void assertNoStackTrace(String text, Run r) {
        for (String bad : new String[] {"\tat ", "Exception", "java.lang.", "java.io.", "java.nio.", "OutOfMemoryError",
            "StackOverflowError", "NullPointerException", "Caused by:", "picocli.CommandLine$"}) {
            assertFalse(text.contains(bad), "stack trace or Java class name ('" + bad.strip() + "'): " + r);
        }
        assertFalse(ERROR_CLASS.matcher(text).find(), "Java error class name: " + r);
    }

    /** A usage error (exit 2), refused with one line that names {@code mention}. */
    static void assertRefused(Run r, String mention) {
        assertWellBehaved(r);
        assertEquals(ReplearnCli.USAGE, r.code(), "expected a usage error (exit 2): " + r);
        if (mention != null) {
            assertTrue(names(r.err(), mention), "the message should name " + mention + ": " + r);
        }
    }

    /**
     * True when {@code text} names {@code word} as a whole token: a flag {@code --n} is not named by
     * {@code --noise}, nor {@code --m} by {@code --method}.
     */
    static boolean names(String text, String word) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text).find();
    }

    // ---------------------------------------------------------------------------------------------- file snapshots

    /**
     * Non-recursive listing of {@code dir}: name → type, size and modification time (for regular files also the
     * content digest). Entries in {@code presenceOnly} are recorded by type alone (e.g. Maven's {@code target/},
     * which concurrent builds rewrite).
     */
    static Map<String, String> listing(Path dir, Set<String> presenceOnly) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                m.put(name, describe(p, !presenceOnly.contains(name)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e, e);
        }
        return m;
    }

    /**
     * Names and types of the entries of {@code dir} (no sizes or times): for the project root ('..'), whose files
     * other engineers edit while the tests run; a created or deleted entry still shows.
     */
    static Map<String, String> presence(Path dir) {
        Set<String> all = new java.util.TreeSet<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> all.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e, e);
        }
        return listing(dir, all);
    }

    /**
     * Recursive listing of everything below {@code dir} (not following links), relative names → type, size, time
     * and content digest; {@code dir}'s own modification time is not recorded.
     */
    static Map<String, String> tree(Path dir) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                if (!p.equals(dir)) {
                    m.put(dir.relativize(p).toString(), describe(p, true));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot walk " + dir + ": " + e, e);
        }
        return m;
    }

    private static String describe(Path p, boolean withTimes) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) {
                return "link -> " + Files.readSymbolicLink(p);
            }
            if (a.isDirectory()) {
                return withTimes ? "dir " + a.lastModifiedTime().toMillis() : "dir";
            }
            if (!withTimes) {
                return a.isRegularFile() ? "file" : "other";
            }
            String kind = a.isRegularFile() ? "file" : "other";
            String digest = a.isRegularFile() && a.size() < (1 << 20) ? " sha " + sha(Files.readAllBytes(p)) : "";
            return kind + " " + a.size() + " bytes " + a.lastModifiedTime().toMillis() + digest;
        } catch (IOException e) {
            return "unreadable " + e.getClass().getSimpleName();
        }
    }

    private static String sha(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------- rendering

    /** The arguments as a shell would show them, each long one abbreviated with its length. */
    static String render(List<String> args) {
        StringBuilder sb = new StringBuilder("replearn");
        for (String a : args) {
            sb.append(' ');
            String shown = a.length() > 70 ? a.substring(0, 40) + "…(" + a.length() + " chars)…"
                    + a.substring(a.length() - 15) : a;
            sb.append('\'').append(shown.replace("\n", "\\n").replace("\t", "\\t").replace("\0", "\\0")).append('\'');
        }
        return sb.toString();
    }

    private static String clip(String s) {
        String t = s.strip().replace("\n", " ⏎ ");
        return t.length() > 600 ? t.substring(0, 600) + "…" : t;
    }
}
