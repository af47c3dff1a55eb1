package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.replearn.checks.cli.ReplearnCli;
import org.replearn.checks.report.DirectoryLock;

/**
 * Fuzzes {@code replearn sweep} in-process with what must be refused before any work: masters Spark rejects (bad
 * form, port out of range, unresolvable host, closed port), bad, forged and edited sweep directories (user files,
 * forged {@code .replearn-sweep} and report markers, edited tables, directories, links and foreign files in the cell
 * store, directories named like temporaries), a directory another process holds the lock of, and bad flags; and with
 * dry runs that must succeed. Every invocation ends with its documented exit code, a refusal in exactly one line
 * naming the flag (and the file, or the lock's holder), no stack trace, no NaN/Infinity, no Spark context started,
 * and every file of the case's directory (the user's sentinels, the corrupt cells and the temporaries included)
 * byte-identical afterwards, nothing created. A second property corrupts stored cells in generated ways and loads
 * them: each bad cell is named in one warning and deleted, every intact one is returned unchanged, nothing else is
 * touched.
 */
class SweepFuzzProperties {
    /** Placeholder for the case's own fresh directory in generated arguments. */
    private static final String DIR = "{dir}";
    private static final String CLAIM = "hermite-identities";
    private static final List<String> CLAIMS = List.of(CLAIM, "sample-complexity-r", "population-gradient");
    private static final Set<Integer> USAGE = Set.of(ReplearnCli.USAGE);
    private static final Set<Integer> OK = Set.of(ReplearnCli.OK);
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";
    private static final java.nio.charset.Charset FILE_NAMES = java.nio.charset.Charset.forName(
            System.getProperty("sun.jnu.encoding", "UTF-8"));

    private static final Map<String, AtomicInteger> OUTCOMES = Collections.synchronizedMap(new TreeMap<>());
    private static final AtomicInteger CASES = new AtomicInteger();
    private static final AtomicInteger KEPT_LOCKS = new AtomicInteger();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private static Path root;
    private static Path cwd;
    private static List<Integer> closedPorts;
    private static Process holder;
    private static List<Path> lockedDirs;

    /** What a case expects: its exit codes and the texts its stderr (refused) or stdout (succeeded) must contain. */
    record Expect(Set<Integer> allowed, List<String> mentions) {
    }

    /** Builds a case's files in its fresh directory and returns what the case expects of them. */
    @FunctionalInterface
    interface Fixture {
        void build(Path dir) throws IOException;
    }

    /** One generated invocation: kind, description, the files it runs against, its arguments and expectations. */
    record Case(String kind, String shape, Fixture fixture, List<String> args, Expect expect) {
        @Override
        public String toString() {
            return kind + " [" + shape + "]: " + SweepHarness.render(args) + " expecting " + expect.allowed()
                    + " naming " + expect.mentions();
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /**
     * A temporary root; local ports found closed (a listening socket opened and closed, then a connection refused);
     * and a child JVM holding the locks of three sweep directories (missing, empty, a previous sweep's), the second
     * writer's holder.
     */
    @BeforeContainer
    static void createFixtures() throws IOException {
        SparkStartCounter.install();
        root = Files.createTempDirectory("replearn-sweep-fuzz-");
        cwd = Path.of("").toAbsolutePath();
        closedPorts = new ArrayList<>();
        for (int i = 0; i < 8 && closedPorts.size() < 4; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            } catch (ConnectException refused) {
                closedPorts.add(port);
            }
        }
        assertFalse(closedPorts.isEmpty(), "no closed local port found");
        Path locked = Files.createDirectory(root.resolve("locked"));
        Files.createDirectory(locked.resolve("empty"));
        Path previous = Files.createDirectory(locked.resolve("previous"));
        Files.writeString(previous.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":[]}");
        lockedDirs = List.of(locked.resolve("missing"), locked.resolve("empty"), previous);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), HoldLocks.class.getName()));
        lockedDirs.forEach(p -> command.add(p.toString()));
        holder = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", r.readLine(), "the lock holder started");
    }

    @AfterContainer
    static void summaryAndCleanUp() throws IOException, InterruptedException {
        SparkStartCounter.uninstall();
        if (holder != null) {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        if (root != null) {
            SweepHarness.deleteTree(root);
        }
        if (CASES.get() > 0) { // the invocation property ran: each kind of case was generated and met its outcome
            assertTrue(OUTCOMES.keySet().containsAll(List.of("exit 0", "exit 2 (--master form)",
                    "exit 2 (--master unreachable)", "exit 2 (--out locked)", "exit 2 (--out refused)",
                    "exit 2 (other flags)")), CASES.get() + " sweep invocations: " + OUTCOMES);
            assertTrue(KEPT_LOCKS.get() > 0, "no invocation kept its locks until exit: " + OUTCOMES);
        }
    }

    /** The child process that holds the lock of every sweep directory of {@code args} until its stdin ends. */
    public static final class HoldLocks {
        private HoldLocks() {
        }

        /** Locks {@code args}' directories, prints {@code locked}, and waits for stdin to end. */
        public static void main(String[] args) throws Exception {
            for (String dir : args) {
                SweepDirectory.check(dir);
            }
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // holds the locks until the test closes stdin
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ properties

    @Property(tries = 300, generation = GenerationMode.RANDOMIZED)
    void refusalsAreOneLineBeforeAnyWorkAndTouchNothing(@ForAll("cases") Case c) throws IOException {
        Path dir = root.resolve("case-" + NEXT.incrementAndGet());
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("sentinel.txt"), "the user's notes " + dir.getFileName() + "\n");
        c.fixture().build(dir);
        List<String> args = new ArrayList<>(List.of("sweep"));
        for (String a : c.args()) {
            args.add(a.replace(DIR, dir.toString()));
        }
        Map<String, String> before = SweepHarness.tree(dir);
        Map<String, String> lockedBefore = SweepHarness.tree(root.resolve("locked"));
        Set<String> cwdBefore = names(cwd);
        int sparkBefore = SparkStartCounter.started();

        SweepHarness.Run r = SweepHarness.run(args);
        CASES.incrementAndGet();
        if (releaseAsAtExit(args)) {
            KEPT_LOCKS.incrementAndGet();
        }
        String outcome = r.code() == ReplearnCli.USAGE ? "exit 2 (" + c.kind() + ")" : "exit " + r.code();
        OUTCOMES.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
        try {
            assertTrue(c.expect().allowed().contains(r.code()), "exit code not in " + c.expect().allowed() + " for "
                    + c + "\n" + r);
            SweepHarness.assertWellBehaved(r);
            String text = r.code() == ReplearnCli.OK ? r.out() : r.err();
            for (String m : c.expect().mentions()) {
                assertTrue(text.contains(m.replace(DIR, dir.toString())), "should name " + m + ": " + c + "\n" + r);
            }
            assertEquals(sparkBefore, SparkStartCounter.started(), "a Spark context was started: " + c + "\n" + r);
            assertEquals(before, SweepHarness.tree(dir), "the case's files changed: " + c + "\n" + r);
            assertEquals(lockedBefore, SweepHarness.tree(root.resolve("locked")), "the locked directories changed: "
                    + c + "\n" + r);
            assertEquals(cwdBefore, names(cwd), "the working directory changed: " + c + "\n" + r);
        } finally {
            SweepHarness.deleteTree(dir);
        }
    }

    /**
     * A sweep directory with stored cells of two configurations and temporaries; one to three of the cells of one
     * configuration corrupted in a generated way. Loading that configuration names each corrupt cell in one warning
     * and deletes it, returns every other cell unchanged, and leaves every other file as it was.
     */
    @Property(tries = 100, generation = GenerationMode.RANDOMIZED)
    void corruptStoredCellsAreNamedDeletedAndTheRestKept(@ForAll("seeds") long seed) throws Exception {
        Random random = new Random(seed);
        Path dir = root.resolve("store-" + NEXT.incrementAndGet());
        try {
            SweepDirectory store = SweepDirectory.check(dir.toString());
            store.prepare();
            String hash = hex(random, 16);
            String other = hex(random, 16);
            int n = 2 + random.nextInt(6);
            List<SweepDirectory.StoredCell> cells = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double[] result = random.doubles(1 + random.nextInt(4), -1e3, 1e3).toArray();
                SweepDirectory.StoredCell cell = new SweepDirectory.StoredCell("some-claim", "d" + (8 << i) + "-r"
                        + random.nextInt(16), hash, Codec.encode(result), random.nextDouble(), random.nextDouble());
                cells.add(cell);
                store.save(cell);
                store.save(new SweepDirectory.StoredCell("some-claim", cell.key(), other, cell.result(), 0, 0));
            }
            Path cellsDir = dir.resolve(SweepDirectory.CELLS).resolve("some-claim").resolve(hash);
            Files.writeString(cellsDir.resolve("." + cells.get(0).key() + ".cell.tmp-" + hex(random, 8)), "partial");
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            int bad = 1 + random.nextInt(Math.min(3, n - 1));
            Set<String> corrupt = new java.util.TreeSet<>();
            List<String> how = new ArrayList<>();
            for (int i = 0; i < bad; i++) {
                SweepDirectory.StoredCell victim = cells.get(order.get(i));
                Path file = cellsDir.resolve(victim.key() + ".cell");
                byte[] good = Files.readAllBytes(file);
                SweepDirectory.StoredCell donor = cells.get(order.get(n - 1));
                byte[] damaged = corrupt(random, good, victim, donor, other, how);
                Files.write(file, damaged);
                corrupt.add(victim.key());
            }
            Map<String, String> before = SweepHarness.tree(dir);
            StringWriter warnings = new StringWriter();
            Map<String, SweepDirectory.StoredCell> loaded = store.load("some-claim", hash,
                    new PrintWriter(warnings, true));
            String context = "seed " + seed + ", corrupted " + corrupt + " by " + how + ": " + warnings;
            List<String> lines = warnings.toString().lines().toList();
            assertEquals(bad, lines.size(), context);
            for (String key : corrupt) {
                Path file = cellsDir.resolve(key + ".cell");
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("sweep: stored cell '" + file + "' is corrupt (")
                        && l.endsWith("); recomputing it")), context);
                assertFalse(Files.exists(file), "the corrupt cell is deleted: " + context);
                before.remove(dir.relativize(file).toString());
            }
            assertEquals(n - bad, loaded.size(), context);
            for (SweepDirectory.StoredCell cell : cells) {
                if (!corrupt.contains(cell.key())) {
                    SweepDirectory.StoredCell back = loaded.get(cell.key());
                    assertTrue(back != null && Arrays.equals(cell.result(), back.result())
                            && cell.cpuSeconds() == back.cpuSeconds(), context);
                }
            }
            assertEquals(before, SweepHarness.tree(dir), "only the corrupt cells were deleted: " + context);
        } finally {
            DirectoryLock.release(dir.toAbsolutePath().normalize());
            SweepHarness.deleteTree(dir);
        }
    }

    /** One generated corruption of {@code good}, the file of {@code victim}; its name is added to {@code how}. */
    private static byte[] corrupt(Random random, byte[] good, SweepDirectory.StoredCell victim,
            SweepDirectory.StoredCell donor, String otherHash, List<String> how) {
        switch (random.nextInt(9)) {
            case 0 -> {
                byte[] b = good.clone();
                int at = random.nextInt(b.length);
                b[at] ^= (byte) (1 << random.nextInt(8));
                how.add("bit flip at " + at);
                return b;
            }
            case 1 -> {
                byte[] b = good.clone();
                int at = b.length - 1 - random.nextInt(Math.min(64, b.length));
                b[at] ^= (byte) (1 + random.nextInt(255));
                how.add("payload byte " + at + " changed");
                return b;
            }
            case 2 -> {
                int length = random.nextInt(good.length);
                how.add("truncated to " + length);
                return Arrays.copyOf(good, length);
            }
            case 3 -> {
                how.add("empty");
                return new byte[0];
            }
            case 4 -> {
                byte[] b = new byte[1 + random.nextInt(2 * good.length)];
                random.nextBytes(b);
                how.add("random bytes");
                return b;
            }
            case 5 -> {
                how.add("store format 1");
                return Codec.encode(victim);
            }
            case 6 -> {
                how.add("another cell's file");
                return CellFile.encode(donor);
            }
            case 7 -> {
                how.add("another configuration's file");
                return CellFile.encode(new SweepDirectory.StoredCell(victim.claim(), victim.key(), otherHash,
                        victim.result(), victim.cpuSeconds(), victim.wallSeconds()));
            }
            default -> {
                byte[] b = Arrays.copyOf(good, good.length + 1 + random.nextInt(16));
                how.add("bytes appended");
                return b;
            }
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.frequencyOf(
                Tuple.of(22, masterOfABadForm()),
                Tuple.of(14, unreachableMaster()),
                Tuple.of(30, forgedOrDamagedDirectory()),
                Tuple.of(10, lockedDirectory()),
                Tuple.of(12, dryRun()),
                Tuple.of(12, badFlags()));
    }

    // ------------------------------------------------------------------------------------------------ masters

    /** Masters whose form is wrong: refused by --master before anything, even under --dry-run. */
    private Arbitrary<Case> masterOfABadForm() {
        return Arbitraries.randomValue(random -> {
            String master = badMaster(random);
            List<String> args = new ArrayList<>(common(random));
            args.addAll(List.of("--master", master));
            if (random.nextInt(4) == 0) {
                args.add("--dry-run");
            }
            args.addAll(List.of("--out", DIR + "/" + pick(random, "out", "a/b/out", "sentinel.txt")));
            return new Case("--master form", master, d -> { }, args, new Expect(USAGE, List.of("'--master'")));
        });
    }

    private static String badMaster(Random random) {
        String host = host(random);
        return switch (random.nextInt(11)) {
            case 0 -> pick(random, "spark://127.0.0.1:0", "spark://h:99999999999", "spark://h", "spark://:7077",
                    "spark://h:-1", "spark://[::1", "spark://[::1]", "spark://[::1]7077", "spark://[zz::1]:7077",
                    "spark://[]:7077", "spark://", "spark:7077", "spark:/h:7077", "sparks://h:7077", "spark//h:7077",
                    "mesos://h:5050", "http://h:7077", "local[0]", "local[-1]", "local[]", "local[*,0]", "local[2,]",
                    "local[ 2]", "local(2)", "Local[2]", "LOCAL", "local[*]x", "local[10000]", "yarn-cluster", "k8s://",
                    "", " ", "-", "--out", "spark://h:7077,", "spark://,h:7077", "spark://h:7077,,h:7078");
            case 1 -> "spark://" + host; // no port
            case 2 -> "spark://" + host + ":" + badPort(random);
            case 3 -> "spark://:" + (1 + random.nextInt(65535));
            case 4 -> "spark://" + badHost(random) + ":" + (1 + random.nextInt(65535));
            case 5 -> "spark://" + host + ":" + (1 + random.nextInt(65535)) + "," + pick(random, "", host,
                    host + ":" + badPort(random), ":7077", badHost(random) + ":7077");
            case 6 -> "spark://[" + pick(random, "::1", "fe80::1", "2001:db8::" + random.nextInt(9999), "")
                    + pick(random, "", "]", "]" + (1 + random.nextInt(65535)), "]:" + badPort(random), ":7077");
            case 7 -> "local[" + pick(random, "0", String.valueOf(10_000 + random.nextInt(1_000_000)),
                    "-" + random.nextInt(64), "0" + (1 + random.nextInt(9)), "x", "**", "1.5", "1e3")
                    + pick(random, "]", ",4]", "", "]]");
            case 8 -> "local[" + (1 + random.nextInt(64)) + "," + pick(random, "0", "-1", "x", "",
                    String.valueOf(10_000 + random.nextInt(100_000))) + "]";
            case 9 -> randomWord(random, "abcdefghijklmnopqrstuvwxyz:/[]*,.-_ 0123456789", 1 + random.nextInt(24));
            default -> {
                String scheme = pick(random, "spark", "SPARK", "Spark");
                String separator = pick(random, "://", ":/", "//", ":");
                boolean formOk = scheme.equals("spark") && separator.equals("://");
                yield scheme + separator + host + ":" + (formOk ? badPort(random) : pick(random, "7077",
                        badPort(random)));
            }
        };
    }

    /** A random string from {@code chars} that is no master of an accepted form (not local…, spark://…, …). */
    private static String randomWord(Random random, String chars, int length) {
        String w = randomString(random, chars, length);
        return w.startsWith("local") || w.startsWith("spark://") || w.startsWith("k8s://") || w.equals("yarn")
                ? "x" + w : w;
    }

    /** A port of the right form outside 1–65535, or not a whole number. */
    private static String badPort(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> String.valueOf(65_536 + random.nextInt(Integer.MAX_VALUE - 65_536));
            case 1 -> pick(random, "0", "00", "000000", "99999999999", "18446744073709551617", "65536");
            case 2 -> "-" + (1 + random.nextInt(65535));
            case 3 -> pick(random, "", " 7077", "7077 ", "+7077", "7077.0", "1e3", "0x1bb5", "7O77",
                    "\u0667\u0660\u0667\u0667", "７０７７");
            case 4 -> randomString(random, "abcdefghijklmnopqrstuvwxyz", 1 + random.nextInt(6));
            default -> "1" + "0".repeat(5 + random.nextInt(30));
        };
    }

    /** A host name of the accepted form. */
    private static String host(Random random) {
        return pick(random, "h", "head", "head.example.org", "node-" + random.nextInt(100), "10.0.0." + random.nextInt(
                256), "localhost");
    }

    /** A host that is not a host name: a character outside [A-Za-z0-9.-], or a dot or dash at an end. */
    private static String badHost(Random random) {
        String a = randomString(random, ALNUM, random.nextInt(8));
        String b = randomString(random, ALNUM, random.nextInt(8));
        return switch (random.nextInt(3)) {
            case 0 -> a + pick(random, "_", "!", " ", "/", "@", "é", "%", "*", "#", "\t", "~", "$") + b;
            case 1 -> pick(random, ".", "-") + a + "x";
            default -> "x" + a + pick(random, ".", "-");
        };
    }

    /**
     * Masters of the accepted form that answer no TCP connection: closed local ports (found at start), an
     * unresolvable host ({@code .invalid}, reserved: never resolves), lists of them. Refused by --master before
     * --out is written, whatever --out holds (a new path, an empty directory, an accepted store with corrupt cells
     * and temporaries: all left as they are).
     */
    private Arbitrary<Case> unreachableMaster() {
        return Arbitraries.randomValue(random -> {
            int port = closedPorts.get(random.nextInt(closedPorts.size()));
            String invalid = randomString(random, ALNUM, 1 + random.nextInt(10)) + ".invalid";
            String master = switch (random.nextInt(6)) {
                case 0, 1 -> "spark://127.0.0.1:" + port;
                case 2 -> "spark://localhost:" + port;
                case 3 -> "spark://" + invalid + ":" + (1 + random.nextInt(65535));
                case 4 -> "spark://[::1]:" + port;
                default -> "spark://127.0.0.1:" + port + "," + invalid + ":7077,localhost:"
                        + closedPorts.get(random.nextInt(closedPorts.size()));
            };
            Shape store = acceptedStore(random);
            List<String> args = new ArrayList<>(common(random));
            args.addAll(List.of("--master", master, "--out", DIR + "/" + store.out()));
            return new Case("--master unreachable", master + " on " + store.name(), store.fixture(), args,
                    new Expect(USAGE, List.of("'--master'", "start the master")));
        });
    }

    // ------------------------------------------------------------------------------------------------ directories

    /** A sweep directory at {@code DIR/out} (relative {@code out}), built by {@code fixture}, named {@code name}. */
    record Shape(String name, String out, Fixture fixture, String mention) {
    }

    /**
     * Directories a sweep accepts: missing, a path whose parents are missing, empty, or a previous sweep's with damage
     * it repairs.
     */
    private static Shape acceptedStore(Random random) {
        String hash = hex(random, 16);
        int kind = random.nextInt(4);
        return switch (kind) {
            case 0 -> {
                String name = pick(random, "out", "my sweep", "résultats", "sweep-日本", "-out", "out.d");
                if (!FILE_NAMES.newEncoder().canEncode(name)) {
                    name = "out"; // a JVM whose file names are ASCII (POSIX locale) cannot name it
                }
                yield new Shape("missing '" + name + "'", name, d -> { }, null);
            }
            case 1 -> new Shape("missing parents", "new/parents/out", d -> { }, null);
            case 2 -> new Shape("empty", "out", d -> Files.createDirectory(d.resolve("out")), null);
            default -> new Shape("previous sweep, corrupt cells and temporaries", "out", d -> {
                Path out = previousSweep(d, CLAIM, hash, random.nextLong());
                Path store = out.resolve("cells").resolve(CLAIM).resolve(hash);
                Files.write(store.resolve("d8-r0.cell"), new byte[0]);
                Files.writeString(store.resolve("d8-r1.cell"), "random text");
                Files.writeString(store.resolve(".d8-r2.cell.tmp-0123abcd"), "a partial write");
                Files.writeString(out.resolve(".notes.tmp-89abcdef"), "the user's, named like a temporary");
                Files.createDirectory(out.resolve(SweepDirectory.REPORT));
            }, null);
        };
    }

    /**
     * A previous sweep's directory {@code d/out}: its marker (recording {@code cells.csv}), the table, and three
     * stored cells of {@code claim} under {@code hash}.
     */
    private static Path previousSweep(Path d, String claim, String hash, long seed) throws IOException {
        Path out = Files.createDirectory(d.resolve("out"));
        Path store = Files.createDirectories(out.resolve("cells").resolve(claim).resolve(hash));
        Random random = new Random(seed);
        for (int i = 0; i < 3; i++) {
            String key = "d" + (16 << i) + "-r" + i;
            Files.write(store.resolve(key + ".cell"), CellFile.encode(new SweepDirectory.StoredCell(claim, key, hash,
                    Codec.encode(random.doubles(2).toArray()), 1, 1)));
        }
        byte[] csv = ("claim,cell\n" + claim + ",d16-r0\n").getBytes(StandardCharsets.UTF_8);
        Files.write(out.resolve(SweepDirectory.CELLS_CSV), csv);
        Files.writeString(out.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":[{\"name\":"
                + "\"cells.csv\",\"size\":" + csv.length + ",\"sha256\":\"" + SweepHarness.sha(csv) + "\"}]}");
        return out;
    }

    /** Directories a sweep must refuse by --out, naming the entry that is not its own; nothing is changed. */
    private Arbitrary<Case> forgedOrDamagedDirectory() {
        return Arbitraries.randomValue(random -> {
            Shape shape = refusedStore(random);
            List<String> args = new ArrayList<>(common(random));
            String master = pick(random, "local[1]", "local[2]", "local[*]", "local", "spark://127.0.0.1:"
                    + closedPorts.get(0));
            args.addAll(List.of("--master", master, "--out", DIR + "/" + shape.out()));
            return new Case("--out refused", shape.name(), shape.fixture(), args,
                    new Expect(USAGE, List.of("'--out'", shape.mention())));
        });
    }

    private static Shape refusedStore(Random random) {
        String hash = hex(random, 16);
        String claim = pick(random, CLAIM, "sample-complexity-r", "some-claim");
        String key = "d" + (8 << random.nextInt(6)) + "-r" + random.nextInt(16);
        String user = randomString(random, ALNUM, 1 + random.nextInt(8)) + pick(random, ".txt", ".tex", ".csv", "");
        String cellPath = "cells/" + claim + "/" + hash + "/" + key + ".cell";
        long seed = random.nextLong();
        String tablesOrUser = pick(random, SweepDirectory.CELLS_CSV, SweepDirectory.CELLS_PARQUET);
        return switch (random.nextInt(16)) {
            case 0 -> new Shape("user files, no marker", "out", d -> {
                Path out = Files.createDirectory(d.resolve("out"));
                Files.writeString(out.resolve("zz-" + user), "mine");
                Files.createDirectory(out.resolve("zz-src"));
            }, "'zz-" + user + "'");
            case 1 -> {
                byte[] mine = ("mine " + user).getBytes(StandardCharsets.UTF_8);
                String listed = pick(random, "\"zz-" + user + "\"", "{\"name\":\"zz-" + user + "\",\"size\":"
                        + mine.length + ",\"sha256\":\"" + SweepHarness.sha(mine) + "\"}");
                yield new Shape("forged sweep marker listing a user file", "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Files.write(out.resolve("zz-" + user), mine);
                    Files.writeString(out.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":["
                            + listed + "]}");
                }, "'zz-" + user + "'");
            }
            case 2 -> {
                byte[] original = ("claim\n" + claim + "\n").getBytes(StandardCharsets.UTF_8);
                byte[] edited = original.clone();
                edited[random.nextInt(edited.length)] ^= 0x20;
                byte[] now = random.nextBoolean() ? edited : ("my analysis of " + claim + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                yield new Shape("edited " + tablesOrUser, "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Files.delete(out.resolve(SweepDirectory.CELLS_CSV));
                    Files.writeString(out.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":["
                            + "{\"name\":\"" + tablesOrUser + "\",\"size\":" + original.length + ",\"sha256\":\""
                            + SweepHarness.sha(original) + "\"}]}");
                    Files.write(out.resolve(tablesOrUser), now);
                }, "'" + tablesOrUser + "'");
            }
            case 3 -> {
                String files = pick(random, "[\"" + tablesOrUser + "\"]", "[]", "[{\"name\":\"" + tablesOrUser
                        + "\",\"size\":6,\"sha256\":\"" + "0".repeat(64) + "\"}]", "[{\"name\":\"" + tablesOrUser
                        + "\",\"size\":6,\"sha256\":\"XYZ\"}]");
                yield new Shape(tablesOrUser + " listed without a checksum or not at all", "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Files.delete(out.resolve(SweepDirectory.CELLS_CSV));
                    Files.writeString(out.resolve(tablesOrUser), "claim\n");
                    Files.writeString(out.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":"
                            + files + "}");
                }, "'" + tablesOrUser + "'");
            }
            case 4 -> new Shape(tablesOrUser + " is a directory", "out", d -> {
                Path out = previousSweep(d, claim, hash, seed);
                Files.delete(out.resolve(SweepDirectory.CELLS_CSV));
                Files.writeString(out.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":[]}");
                Files.writeString(Files.createDirectory(out.resolve(tablesOrUser)).resolve("part-0"), "mine");
            }, "'" + tablesOrUser + "'");
            case 5 -> new Shape("cells is a file", "out", d -> {
                Path out = Files.createDirectory(d.resolve("out"));
                Files.writeString(out.resolve(SweepDirectory.MARKER), "{\"writer\":\"replearn-sweep\",\"files\":[]}");
                Files.writeString(out.resolve("cells"), "my cells");
            }, "'cells'");
            case 6 -> new Shape("a directory in place of a cell file", "out", d -> {
                Path out = previousSweep(d, claim, hash, seed);
                Path cell = out.resolve(cellPath);
                Files.deleteIfExists(cell);
                Files.writeString(Files.createDirectory(cell).resolve("notes.txt"), "mine");
            }, "'" + cellPath + "'");
            case 7 -> {
                String name = pick(random, "notes.txt", "D8-r0.cell", ".cell", key + ".cell.bak", key + ".CELL",
                        "-" + key + ".cell", key + ".tmp-0123abcd");
                yield new Shape("a foreign file in the store: " + name, "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Files.writeString(out.resolve("cells").resolve(claim).resolve(hash).resolve(name), "mine");
                }, "'cells/" + claim + "/" + hash + "/" + name + "'");
            }
            case 8 -> {
                String bad = pick(random, "Some_Claim", "-x", "my notes", "UPPER");
                yield new Shape("a foreign claim directory " + bad, "out", d -> {
                    Path out = previousSweep(d, "zz-claim", hash, seed);
                    Files.writeString(Files.createDirectory(out.resolve("cells").resolve(bad)).resolve("f"), "mine");
                }, "'cells/" + bad + "'");
            }
            case 9 -> {
                String bad = pick(random, hash.substring(1), hash + "0", hash.substring(1).toUpperCase(
                        java.util.Locale.ROOT) + "G", "notes");
                yield new Shape("a foreign configuration directory " + bad, "out", d -> {
                    Path out = previousSweep(d, claim, "f" + hash.substring(1), seed);
                    Files.createDirectory(out.resolve("cells").resolve(claim).resolve(bad));
                }, "'cells/" + claim + "/" + bad + "'");
            }
            case 10 -> new Shape("a link in place of a cell file", "out", d -> {
                Path out = previousSweep(d, claim, hash, seed);
                Path cell = out.resolve(cellPath);
                Files.deleteIfExists(cell);
                Files.createSymbolicLink(cell, d.resolve("sentinel.txt"));
            }, "'" + cellPath + "'");
            case 11 -> new Shape("report is a file", "out", d -> {
                Path out = previousSweep(d, claim, hash, seed);
                Files.writeString(out.resolve(SweepDirectory.REPORT), "my report");
            }, "'report'");
            case 12 -> {
                String listed = pick(random, "\"thesis.tex\"", "{\"name\":\"thesis.tex\",\"size\":1,\"sha256\":\""
                        + "0".repeat(64) + "\"}");
                yield new Shape("a forged report marker listing a user file", "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Path report = Files.createDirectory(out.resolve(SweepDirectory.REPORT));
                    Files.writeString(report.resolve(".replearn-report"), "{\"writer\":\"replearn\",\"files\":["
                            + listed + "]}");
                    Files.writeString(report.resolve("thesis.tex"), "\\documentclass{article}");
                }, "'thesis.tex'");
            }
            case 13 -> {
                boolean top = random.nextBoolean();
                String name = "." + user.replace(".", "") + "x.tmp-" + hex(random, 8);
                String shown = top ? name : "cells/" + claim + "/" + hash + "/" + name;
                yield new Shape("a directory named like a temporary", "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Files.writeString(Files.createDirectory(out.resolve(shown)).resolve("mine.txt"), "mine");
                }, "'" + shown + "'");
            }
            case 14 -> {
                String marker = pick(random, "not json", "", "{}", "[]", "{\"writer\":\"replearn\"}",
                        "{\"writer\":\"replearn-sweep\"", "\u0000\u0001", "{\"writer\":\"Replearn-Sweep\"}");
                yield new Shape("a marker that is not a sweep's", "out", d -> {
                    Path out = previousSweep(d, claim, hash, seed);
                    Files.writeString(out.resolve(SweepDirectory.MARKER), marker);
                }, "'" + SweepDirectory.MARKER + "'");
            }
            default -> new Shape("a path through a file", pick(random, "sentinel.txt/out", "sentinel.txt/a/b"), d -> {
            }, "cannot be created");
        };
    }

    /** A directory another process (the holder started at the beginning) holds the lock of: refused naming it. */
    private Arbitrary<Case> lockedDirectory() {
        return Arbitraries.randomValue(random -> {
            Path locked = lockedDirs.get(random.nextInt(lockedDirs.size()));
            List<String> args = new ArrayList<>(common(random));
            args.addAll(List.of("--master", pick(random, "local[1]", "local[2]", "spark://127.0.0.1:"
                    + closedPorts.get(0)), "--out", locked.toString()));
            return new Case("--out locked", locked.getFileName().toString(), d -> { }, args, new Expect(USAGE,
                    List.of("'--out'", "in use by another Replearn run (pid " + holder.pid() + ", started ",
                            "nothing was computed or changed")));
        });
    }

    /** Dry runs: they print the cells and stop, whatever the master (of a valid form) and --out hold. */
    private Arbitrary<Case> dryRun() {
        return Arbitraries.randomValue(random -> {
            List<String> args = new ArrayList<>(common(random));
            args.addAll(List.of("--dry-run", "--master", pick(random, "local[1]", "local[*]", "local[3,2]",
                    "spark://127.0.0.1:" + closedPorts.get(0), "spark://nowhere.invalid:7077")));
            Shape store = random.nextBoolean() ? acceptedStore(random) : refusedStore(random);
            args.addAll(List.of("--out", DIR + "/" + store.out()));
            return new Case("dry run", store.name(), store.fixture(), args, new Expect(OK, List.of("total")));
        });
    }

    /** Other bad flags: refused naming the flag. */
    private Arbitrary<Case> badFlags() {
        return Arbitraries.randomValue(random -> {
            List<String> args = new ArrayList<>(List.of("--master", "local[1]"));
            String flag;
            switch (random.nextInt(7)) {
                case 0 -> {
                    flag = "--scale";
                    args.addAll(List.of(flag, pick(random, "huge", "", "paper,full", "0", "quick!")));
                }
                case 1 -> {
                    flag = "--seed";
                    args.addAll(List.of(flag, pick(random, "x", "1.5", "", "99999999999999999999", "\u0661")));
                }
                case 2 -> {
                    flag = "--only";
                    args.addAll(List.of(flag, pick(random, "no-such-claim", CLAIM + ",nope", "Hermite-Identities")));
                }
                case 3 -> {
                    flag = "--out";
                    args.addAll(List.of(flag, pick(random, "", " ", "/", DIR + "/sentinel.txt", DIR + "/link")));
                }
                case 4 -> {
                    flag = "--out";
                    args.addAll(List.of(flag, DIR + "/dangling"));
                }
                case 5 -> {
                    flag = pick(random, "--bogus", "--master2", "-x", "--threads");
                    args.add(flag);
                }
                default -> {
                    flag = "--master";
                    args.add(flag);
                }
            }
            String shown = flag;
            return new Case("other flags", shown, d -> {
                Files.createSymbolicLink(d.resolve("link"), d);
                Files.createSymbolicLink(d.resolve("dangling"), d.resolve("nowhere"));
            }, args, new Expect(USAGE, List.of(shown)));
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Flags every case may carry: --only, --scale, --seed, --quiet in any combination. */
    private static List<String> common(Random random) {
        List<String> args = new ArrayList<>();
        if (random.nextBoolean()) {
            args.addAll(List.of("--only", random.nextBoolean() ? CLAIM : String.join(",", CLAIMS.subList(0,
                    1 + random.nextInt(CLAIMS.size())))));
        }
        if (random.nextBoolean()) {
            args.addAll(List.of("--scale", pick(random, "quick", "full", "paper")));
        }
        if (random.nextBoolean()) {
            args.addAll(List.of("--seed", String.valueOf(random.nextInt(1 << 20))));
        }
        if (random.nextBoolean()) {
            args.add("--quiet");
        }
        return args;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }

    private static String randomString(Random random, String chars, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private static String hex(Random random, int digits) {
        return randomString(random, HEX, digits);
    }

    /**
     * A refusal that comes after the sweep directory was locked (an unreachable master) keeps the lock until the
     * process ends, when a shutdown hook deletes the lock file: releases it here as that hook would, so that the
     * files compared are those a user finds after the command. Whether a lock was kept.
     */
    private static boolean releaseAsAtExit(List<String> args) {
        int at = args.lastIndexOf("--out");
        if (at < 0 || at + 1 >= args.size()) {
            return false;
        }
        Path out;
        try {
            out = Path.of(args.get(at + 1)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return false;
        }
        boolean held = DirectoryLock.holds(out);
        DirectoryLock.release(out);
        return held;
    }

    private static Set<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> names = new java.util.TreeSet<>();
            s.forEach(p -> names.add(p.getFileName().toString() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    ? "/" : "")));
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
