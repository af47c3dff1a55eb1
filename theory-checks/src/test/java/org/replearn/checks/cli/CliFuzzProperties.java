package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.replearn.checks.cli.CliHarness.Limits;

/**
 * Fuzzes the command line with bad or extreme invocations: malformed and adversarial target specs, bad numbers for
 * every numeric flag, sizes that cannot fit in the heap, unknown flags and subcommands, repeated flags, bad
 * {@code --scale}/{@code --only} values and bad {@code --out} paths. Every invocation must end with its documented
 * exit code (usage errors: 2; where the outcome is not certain by construction: one of 0, 2, 4, never 3), at most
 * three lines on stderr, no stack trace, no NaN/Infinity on stdout (nothing at all when refused), refusals within
 * {@value CliHarness#MAX_SECONDS} s, and without creating, changing or deleting a file outside the test's temporary
 * directory. Every generated {@code reproduce} carries a flag that is certainly refused, so no claim ever runs.
 */
class CliFuzzProperties {
    private static final Set<Integer> USAGE = Set.of(ReplearnCli.USAGE);
    private static final Set<Integer> UNCERTAIN = Set.of(ReplearnCli.OK, ReplearnCli.USAGE, ReplearnCli.NUMERICAL);
    private static final Set<Integer> OK = Set.of(ReplearnCli.OK);
    /** Placeholder for the fixture directory in generated arguments (resolved when the invocation runs). */
    private static final String ROOT = "{root}";

    private static final Map<Integer, AtomicInteger> EXIT_COUNTS = Collections.synchronizedMap(new TreeMap<>());
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();
    private static final AtomicInteger FRESH = new AtomicInteger();

    private static Path root;
    private static Path cwd;
    private static Map<Path, String> userContent;

    /**
     * One generated invocation: arguments (with {@value #ROOT} placeholders), the allowed exit codes, a word a
     * refusal must name (or null), and a text a success must print (or null).
     */
    record Invocation(String kind, List<String> args, Set<Integer> allowed, String mention, String outContains) {
        Invocation(String kind, List<String> args, Set<Integer> allowed, String mention) {
            this(kind, args, allowed, mention, null);
        }

        @Override
        public String toString() {
            return kind + ": " + CliHarness.render(args) + " expecting " + allowed
                    + (mention == null ? "" : " naming " + mention);
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /**
     * A fresh temporary directory holding the user's things the generated {@code --out} paths point at: a regular
     * file, a non-empty project directory, a symbolic link to an empty directory, a dangling link, a directory that
     * looks like a report but holds a user file, and one with a broken marker.
     */
    @BeforeContainer
    static void createFixtures() throws IOException {
        root = Files.createTempDirectory("replearn-cli-fuzz-");
        cwd = Path.of("").toAbsolutePath();
        userContent = new LinkedHashMap<>();
        userFile(root.resolve("user-file.txt"), "the user's notes\n");
        Path project = Files.createDirectory(root.resolve("my-project"));
        userFile(project.resolve("notes.txt"), "from the user\n");
        Files.createDirectory(project.resolve("src"));
        userFile(project.resolve("src").resolve("Main.java"), "class Main {}\n");
        Path empty = Files.createDirectory(root.resolve("empty-link-target"));
        Files.createSymbolicLink(root.resolve("link-to-empty"), empty);
        Files.createSymbolicLink(root.resolve("dangling-link"), root.resolve("does-not-exist"));
        Path fake = Files.createDirectory(root.resolve("fake-report"));
        userFile(fake.resolve(".replearn-report"), "{\"writer\":\"replearn\",\"files\":[\"report.md\"]}");
        userFile(fake.resolve("report.md"), "# an old report\n");
        userFile(fake.resolve("mine.txt"), "the user added this\n");
        Path broken = Files.createDirectory(root.resolve("bad-marker"));
        userFile(broken.resolve(".replearn-report"), "not json at all");
        userFile(broken.resolve("report.md"), "# looks like a report\n");
    }

    private static void userFile(Path p, String content) throws IOException {
        Files.writeString(p, content);
        userContent.put(p, content);
    }

    @AfterContainer
    static void summaryAndCleanUp() throws IOException {
        if (root != null) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (INVOCATIONS.get() > 0) { // the fuzz reached both the commands' work and their refusals
            assertTrue(EXIT_COUNTS.containsKey(ReplearnCli.OK) && EXIT_COUNTS.containsKey(ReplearnCli.USAGE),
                    INVOCATIONS.get() + " invocations, count by exit code: " + EXIT_COUNTS);
        }
    }

    // ------------------------------------------------------------------------------------------------ property

    @Property(tries = 400, generation = GenerationMode.RANDOMIZED)
    void badOrExtremeInvocationsFailCleanly(@ForAll("invocations") Invocation inv) {
        List<String> args = new ArrayList<>();
        for (String a : inv.args()) {
            args.add(a.replace(ROOT, root.toString()));
        }
        Map<String, String> cwdBefore = CliHarness.listing(cwd, Set.of("target"));
        Map<String, String> parentBefore = parentListing();
        Map<String, String> rootBefore = CliHarness.tree(root);

        CliHarness.Run r = CliHarness.run(args);
        INVOCATIONS.incrementAndGet();
        EXIT_COUNTS.computeIfAbsent(r.code(), k -> new AtomicInteger()).incrementAndGet();

        assertTrue(inv.allowed().contains(r.code()), "exit code not in " + inv.allowed() + " for " + inv + "\n" + r);
        CliHarness.assertWellBehaved(r);
        if (r.code() == ReplearnCli.USAGE && inv.mention() != null) {
            assertTrue(CliHarness.names(r.err(), inv.mention()), "the message should name " + inv.mention() + ": " + r);
        }
        if (r.code() == ReplearnCli.OK && inv.outContains() != null) {
            assertTrue(r.out().contains(inv.outContains()), "stdout should contain '" + inv.outContains() + "': " + r);
        }
        assertEquals(cwdBefore, CliHarness.listing(cwd, Set.of("target")),
                "the working directory " + cwd + " changed: " + r);
        assertEquals(parentBefore, parentListing(), "the parent of the working directory changed: " + r);
        assertEquals(rootBefore, CliHarness.tree(root), "the user's files in " + root + " changed: " + r);
        for (Map.Entry<Path, String> f : userContent.entrySet()) {
            try {
                assertEquals(f.getValue(), Files.readString(f.getKey()), "user file " + f.getKey() + " changed: " + r);
            } catch (IOException e) {
                throw new AssertionError("user file " + f.getKey() + " is gone: " + r, e);
            }
        }
    }

    /** The parent of the working directory (the project root, '..'): names and types of its entries. */
    private static Map<String, String> parentListing() {
        Path parent = cwd.getParent();
        return parent == null ? Map.of() : CliHarness.presence(parent);
    }

    @Provide
    Arbitrary<Invocation> invocations() {
        return Arbitraries.frequencyOf(
                Tuple.of(22, badSpecForTarget()),
                Tuple.of(10, constructedSpecs()),
                Tuple.of(8, randomGrammarSpecs()),
                Tuple.of(4, garbageSpecs()),
                Tuple.of(24, trainBadNumbers()),
                Tuple.of(5, trainBadSpec()),
                Tuple.of(6, trainSizesThatCannotFit()),
                Tuple.of(7, trainFlagMistakes()),
                Tuple.of(4, topLevelMistakes()),
                Tuple.of(16, reproduceRefused()),
                Tuple.of(3, targetBadD()),
                Tuple.of(5, trainExtremeButLegal()));
    }

    // ------------------------------------------------------------------------------------------------ target specs

    /** Specs that are invalid by construction: each must be refused (exit 2) naming --target. */
    private static final List<String> BAD_SPECS = List.of(
            "", " ", "\t", "\n", "   \n  ", "h2(z1", "h2(z1))", "(h2(z1)", "h2(z1)+", "+", "-", "*h2(z1)", "h2(z1)*",
            "h2(z1)/", "()", "(())", "sqrt()", "sqrt(", "sqrt)", "h2", "h(z1)", "h2()", "h2(z)", "h2(1)", "h2(y1)",
            "H2(z1)", "h2(Z1)", "h2(z1)h2(z1)", "h2(z1)**2", "h2(z1)^2", "h2(z1)//2", "h-1(z1)", "h2(z-1)", "h2(z0)",
            "h2(z00)", "h 2(z1)", "h2 (z1)x", "h2147483647(z1)", "h2147483648(z1)", "h1073741824(z1)", "h4097(z1)",
            "h99999999999999999999999999(z1)", "h1000000(z1)", "h2(z2147483647)", "h2(z99999999999)", "h2(z1025)",
            "h2(z100000)", "h2(z4294967297)", "h٢(z١)", "٠.٥*h2(z1)", "h2(z١)", "h۲(z1)", "h२(z1)", "h２(z1)",
            "h2(z１)", "１*h2(z1)", "h\uD835\uDFD0(z1)", "0.\u0665*h2(z1)", "1e\u0661*h2(z1)", "1e200*h2(z1)",
            "1e-200*h2(z1)", "1e-320*h2(z1)", "1e151*h2(z1)", "1e-151*h2(z1)", "1e309*h2(z1)", "1e-400*h2(z1)",
            "4.9e-324*h2(z1)", "1e200*1e200*h1(z1)", "1e300*h1(z1)*1e300", "h2(z1)/1e-320", "h2(z1)/1e-310",
            "sqrt(1e-320)*h2(z1)", "h2(z1)/0", "h2(z1)/0.0", "h2(z1)/(1-1)", "h2(z1)/0e5", "h2(z1)/-0",
            "h2(z1)/(h1(z1)-h1(z1))", "h2(z1)/sqrt(0)", "h2(z1)/h1(z1)", "sqrt(-1)*h2(z1)", "sqrt(-1e-300)*h2(z1)",
            "sqrt(0-2)*h2(z1)", "sqrt(h2(z1))", "sqrt(-h0(z1))*h1(z1)", "0*h2(z1)", "h1(z1)-h1(z1)", "0", "0.0",
            "-0", "NaN", "NaN*h1(z1)", "Infinity*h1(z1)", "-Infinity", "1e", "1e+", ".", "..5", "1.2.3*h1(z1)",
            "0x10*h1(z1)", "1,5*h1(z1)", "1_000*h1(z1)", "h2(z1)\u0000", "\u0000", "h2(z1)\u202e", "h2(z1)😀",
            "h\u00adh2(z1)", "\u00a0h2(z1)", "SINGLE-H2", "single-h2x", "single_h2", "h4096(z1)*h1(z1)",
            "h2048(z1)*h2048(z1)", "h1000(z1)*h1000(z1)*h1000(z1)*h1000(z1)", "--", "-- ", "--*h2(z1)",
            "h2(z1) + - * h2(z1)");

    private Arbitrary<Invocation> badSpecForTarget() {
        Arbitrary<String> spec = Arbitraries.oneOf(Arbitraries.of(BAD_SPECS), longBadSpecs());
        Arbitrary<List<String>> extras = Arbitraries.of(List.<String>of(), List.of("--json"), List.of("--d", "7"),
                List.of("--json", "--d", "100000000"));
        return Arbitraries.of(true, false).flatMap(eq -> spec.flatMap(s -> extras.map(x -> {
            List<String> args = new ArrayList<>(List.of("target"));
            args.addAll(eq ? List.of("--target=" + s) : List.of("--target", s));
            args.addAll(x);
            // a value that starts with "--" may be read by picocli as a missing parameter: no flag check then
            return new Invocation("bad spec", args, USAGE, s.startsWith("--") ? null : "--target");
        })));
    }

    /** Specs over the length limit, or long and broken at the end. */
    private Arbitrary<String> longBadSpecs() {
        return Arbitraries.integers().between(0, 4).flatMap(kind -> Arbitraries.integers().between(1, 20_000)
                .map(k -> switch (kind) {
                    case 0 -> "h1(z1)+".repeat(Limits.MAX_LENGTH / 7 + k); // over the length limit
                    case 1 -> "h1(z1)+".repeat(Math.min(k, 14_000)) + "h1(z1"; // unbalanced at the very end
                    case 2 -> "1".repeat(Limits.MAX_LENGTH + k) + "*h1(z1)";
                    case 3 -> "h" + "9".repeat(Math.max(5, k)) + "(z1)";
                    default -> "h2(z" + "7".repeat(Math.max(4, k)) + ")";
                }));
    }

    /**
     * Nesting of parentheses and sqrt, leading signs: the outcome is known exactly from the counts and the
     * documented limits ({@code TargetSpec.MAX_DEPTH}, {@code TargetSpec.MAX_LENGTH}).
     */
    private Arbitrary<Invocation> constructedSpecs() {
        Arbitrary<Integer> depth = Arbitraries.oneOf(Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(250, 5000), Arbitraries.of(255, 256, 257, 2000, 3000, 20_000));
        Arbitrary<Invocation> parens = depth.flatMap(open -> Arbitraries.integers().between(-1, 1).map(delta -> {
            int close = Math.max(0, open + delta);
            String s = "(".repeat(open) + "h2(z1)" + ")".repeat(close);
            boolean legal = open == close && open <= Limits.MAX_DEPTH && s.length() <= Limits.MAX_LENGTH;
            return target("nested parentheses " + open + "/" + close, s, legal);
        }));
        Arbitrary<Invocation> roots = depth.map(k -> {
            String s = "sqrt(".repeat(k) + "4" + ")".repeat(k) + "*h2(z1)";
            boolean legal = k <= Limits.MAX_DEPTH && s.length() <= Limits.MAX_LENGTH;
            return target("nested sqrt " + k, s, legal);
        });
        Arbitrary<Integer> signs = Arbitraries.oneOf(Arbitraries.integers().between(0, 5000),
                Arbitraries.integers().between(Limits.MAX_LENGTH - 20, Limits.MAX_LENGTH + 10),
                Arbitraries.of(100_000, 99_994, 99_993, 150_000));
        Arbitrary<Invocation> minus = signs.flatMap(k -> Arbitraries.of("-", "+-", " -").map(unit -> {
            String s = unit.repeat(k / unit.length()) + "h2(z1)";
            long negatives = s.chars().filter(c -> c == '-').count();
            boolean legal = s.length() <= Limits.MAX_LENGTH;
            Invocation inv = target("leading signs x" + k, s, legal);
            // the spec line shows the sign the signs multiply to
            return new Invocation(inv.kind(), inv.args(), inv.allowed(), inv.mention(),
                    negatives % 2 == 1 ? " -1.0*h2(z1)" : " 1.0*h2(z1)");
        }));
        Arbitrary<Invocation> degree = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(Limits.MAX_DEGREE - 3, Limits.MAX_DEGREE + 3))
                .map(k -> target("degree " + k, "h" + k + "(z1)", k <= Limits.MAX_DEGREE));
        Arbitrary<Invocation> index = Arbitraries.oneOf(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(Limits.MAX_VARIABLES + 1, Limits.MAX_VARIABLES + 5))
                .map(i -> target("index " + i, "h2(z" + i + ")", i >= 1 && i <= Limits.MAX_VARIABLES));
        Arbitrary<Invocation> coefficient = Arbitraries.integers().between(-330, 330).map(e -> {
            String s = "1e" + e + "*h2(z1)";
            double c = Double.parseDouble("1e" + e);
            boolean legal = c >= Limits.MIN_COEFFICIENT && c <= Limits.MAX_COEFFICIENT;
            return target("coefficient 1e" + e, s, legal);
        });
        return Arbitraries.oneOf(parens, roots, minus, degree, index, coefficient);
    }

    /** {@code target --target s}: exit 0 when {@code legal}, else exit 2 naming --target. */
    private static Invocation target(String kind, String spec, boolean legal) {
        return new Invocation(kind + (legal ? " (legal)" : " (refused)"), List.of("target", "--target", spec),
                legal ? OK : USAGE, legal ? null : "--target");
    }

    /** Random specs from the grammar, sometimes mutated: parsed or refused, never an internal error. */
    private Arbitrary<Invocation> randomGrammarSpecs() {
        return Arbitraries.randomValue(random -> {
            String s = expr(random, 0);
            if (random.nextInt(3) == 0) {
                s = mutate(random, s);
            }
            List<String> args = new ArrayList<>(List.of("target", "--target", s));
            if (random.nextBoolean()) {
                args.add("--json");
            }
            return new Invocation("grammar", args, UNCERTAIN, null);
        });
    }

    private static final String[] NUMBERS = {"0", "1", "2", ".5", "0.25", "3e2", "1e-3", "7", "0.0", "1e150", "1e-150",
        "12345678901234567890", "0.000000000000000000001", "1E+2", "00003"};

    private static String expr(Random r, int depth) {
        StringBuilder sb = new StringBuilder(term(r, depth));
        int n = r.nextInt(depth > 2 ? 2 : 4);
        for (int i = 0; i < n; i++) {
            sb.append(ws(r)).append(r.nextBoolean() ? '+' : '-').append(ws(r)).append(term(r, depth));
        }
        return sb.toString();
    }

    private static String term(Random r, int depth) {
        StringBuilder sb = new StringBuilder(unary(r, depth));
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(ws(r)).append(r.nextInt(4) == 0 ? '/' : '*').append(ws(r)).append(unary(r, depth));
        }
        return sb.toString();
    }

    private static String unary(Random r, int depth) {
        int signs = r.nextInt(8) == 0 ? r.nextInt(6) : 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < signs; i++) {
            sb.append(r.nextBoolean() ? '-' : '+');
        }
        return sb.append(primary(r, depth)).toString();
    }

    private static String primary(Random r, int depth) {
        int choice = depth >= 4 ? r.nextInt(2) : r.nextInt(5);
        return switch (choice) {
            case 0 -> NUMBERS[r.nextInt(NUMBERS.length)];
            case 1 -> {
                int[] degrees = {0, 1, 2, 3, 4, 5, 6, 8, 12, 50, 300, 4096};
                yield "h" + degrees[r.nextInt(degrees.length)] + "(z" + (1 + r.nextInt(6)) + ")";
            }
            case 2 -> "sqrt(" + expr(r, depth + 1) + ")";
            default -> "(" + expr(r, depth + 1) + ")";
        };
    }

    private static String ws(Random r) {
        return r.nextInt(5) == 0 ? " " : "";
    }

    private static final String MUTATION_CHARS = "()+-*/.eEhz0123456789 s\u0661\u00a0\t";

    private static String mutate(Random r, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length())));
                default -> sb.setCharAt(at, MUTATION_CHARS.charAt(r.nextInt(MUTATION_CHARS.length())));
            }
        }
        return boundedIndices(sb.toString());
    }

    private static final Pattern INDEX = Pattern.compile("z(\\s*)(\\d+)");

    /**
     * Keeps legal variable indices small (a legal index near {@code HermitePolynomial.MAX_VARIABLES} makes an r×r
     * problem that takes seconds: that is a size, not a malformed spec); indices over the limit stay.
     */
    private static String boundedIndices(String s) {
        Matcher m = INDEX.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String digits = m.group(2);
            String kept = digits;
            String trimmed = digits.replaceFirst("^0+(?=.)", "");
            if (trimmed.length() <= 4 && Integer.parseInt(trimmed) > 64
                    && Integer.parseInt(trimmed) <= Limits.MAX_VARIABLES) {
                kept = "7";
            }
            m.appendReplacement(sb, Matcher.quoteReplacement("z" + m.group(1) + kept));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Random strings over the spec alphabet: parsed or refused, never an internal error. */
    private Arbitrary<Invocation> garbageSpecs() {
        return Arbitraries.strings().withChars("()+-*/.eEhz0123456789 sqrt\u0660\u00a0,").ofMinLength(1)
                .ofMaxLength(40).map(s -> new Invocation("garbage", List.of("target", "--target",
                        boundedIndices(s)), UNCERTAIN, null));
    }

    // ------------------------------------------------------------------------------------------------ train

    /** Valid, tiny flags of a train run (each bad value below replaces one of them). */
    private static LinkedHashMap<String, String> tinyTrain() {
        LinkedHashMap<String, String> f = new LinkedHashMap<>();
        f.put("--target", "single-h2");
        f.put("--d", "4");
        f.put("--n", "100");
        f.put("--m", "8");
        f.put("--validation", "100");
        f.put("--threads", "1");
        return f;
    }

    /**
     * Values each numeric flag must refuse whatever the method (chosen so the run also cannot be huge: e.g. a legal
     * but enormous --n would simply run for hours, which is not a refusal).
     */
    private static final Map<String, List<String>> BAD_VALUES = Map.ofEntries(
            Map.entry("--d", List.of("0", "-1", "-2147483648", "2147483648", "99999999999", "NaN", "Infinity",
                    "1e308", "1e3", "1.5", "abc", "", " ", "0x10", "2147483647", "10000000", "4,0", "٤.٠")),
            Map.entry("--n", List.of("0", "-1", "-9223372036854775808", "9223372036854775808", "2199023255553",
                    "9223372036854775807", "NaN", "Infinity", "1e308", "1e3", "1.5", "abc", "", "0x10", "-0.5")),
            Map.entry("--m", List.of("0", "-2", "1", "3", "7", "-1", "2147483647", "2147483646", "10000000", "1e3",
                    "NaN", "", "abc", "2147483648", "Infinity", "8.0")),
            Map.entry("--noise", List.of("-1", "-1e-300", "-4.9e-324", "-Infinity", "Infinity", "NaN", "1e308",
                    "1e13", "1.7976931348623157E308", "abc", "", "٠.٥", "1,5", "1e309", "- 1")),
            Map.entry("--validation", List.of("0", "-1", "2199023255553", "9223372036854775808", "NaN", "1e4", "",
                    "Infinity", "-9223372036854775808")),
            Map.entry("--test", List.of("9999", "0", "-1", "1", "1e4", "NaN", "2199023255553", "", "-10000",
                    "9223372036854775808")),
            Map.entry("--steps", List.of("0", "-1", "-2147483648", "2147483648", "NaN", "1.5", "", "1e2")),
            Map.entry("--lr", List.of("0", "0.0", "-0.0", "-1", "-1e-300", "NaN", "Infinity", "-Infinity", "abc",
                    "", "1e309", "4.9e-325")),
            Map.entry("--seed", List.of("1e3", "abc", "", "9223372036854775808", "-9223372036854775809", "NaN", "1.0",
                    "0x1", "Infinity")),
            Map.entry("--threads", List.of("0", "-1", "1025", "2147483647", "2147483648", "NaN", "", "1.5",
                    "-2147483648", "Infinity")),
            Map.entry("--method", List.of("sgd", "", "GD", "one_step", "one-step ", "ntk", "krr", "random features",
                    "Gd", "adam", "--gd", "null")));

    private Arbitrary<Invocation> trainBadNumbers() {
        List<String> flags = new ArrayList<>(new java.util.TreeSet<>(BAD_VALUES.keySet()));
        Arbitrary<Invocation> common = Arbitraries.of(flags).flatMap(flag -> Arbitraries.of(BAD_VALUES.get(flag))
                .flatMap(bad -> Arbitraries.of("one-step", "random-features", "ntk-krr", "gd")
                        .flatMap(method -> Arbitraries.randomValue(random -> {
                            LinkedHashMap<String, String> f = tinyTrain();
                            if (!flag.equals("--method")) {
                                f.put("--method", method);
                            }
                            if (random.nextBoolean()) {
                                f.put("--json", null);
                            }
                            f.put(flag, bad);
                            if (widthUnusedByKernel(flag, bad, f.get("--method"))) {
                                return new Invocation("train ntk-krr ignores --m", flags(f, random), Set.of(0), null);
                            }
                            return new Invocation("train bad " + flag, flags(f, random), USAGE, flag);
                        }))));
        // kernel ridge holds the n×n Gram: its --n is capped at Integer.MAX_VALUE and sized by the heap
        Arbitrary<Invocation> kernel = Arbitraries.of("2147483648", "10000000", "2147483647", "3000000000")
                .flatMap(n -> Arbitraries.randomValue(random -> {
                    LinkedHashMap<String, String> f = tinyTrain();
                    f.put("--method", "ntk-krr");
                    f.put("--n", n);
                    return new Invocation("train ntk-krr --n " + n, flags(f, random), USAGE, "--n");
                }));
        return Arbitraries.oneOf(common, common, common, kernel);
    }

    /**
     * True for a huge even --m under ntk-krr: kernel ridge has no hidden layer, so the width is unused, costs no
     * memory and the run is legal (exit 0).
     */
    private static boolean widthUnusedByKernel(String flag, String value, String method) {
        return "ntk-krr".equals(method) && flag.equals("--m") && Set.of("2147483646", "10000000").contains(value);
    }

    /** The flags in random order, each as {@code --flag value} or {@code --flag=value}; a null value is a switch. */
    private static List<String> flags(LinkedHashMap<String, String> f, Random random) {
        List<String> names = new ArrayList<>(f.keySet());
        Collections.shuffle(names, random);
        List<String> args = new ArrayList<>(List.of("train"));
        for (String name : names) {
            String v = f.get(name);
            if (v == null) {
                args.add(name);
            } else if (random.nextInt(3) == 0 || v.startsWith("-") && !name.equals("--target")) {
                args.add(name + "=" + v);
            } else {
                args.add(name);
                args.add(v);
            }
        }
        return args;
    }

    private Arbitrary<Invocation> trainBadSpec() {
        Arbitrary<String> spec = Arbitraries.oneOf(Arbitraries.of(BAD_SPECS).filter(s -> !s.equals("--")
                && !s.startsWith("--")), Arbitraries.of("3", "h0(z1)", "h0(z9)", "-2.5", "sqrt(2)", "h0(z1)*h0(z2)"));
        return spec.flatMap(s -> Arbitraries.randomValue(random -> {
            LinkedHashMap<String, String> f = tinyTrain();
            f.put("--d", "16");
            f.put("--target", s);
            List<String> args = flags(f, random);
            int at = args.indexOf("--target");
            if (at >= 0 && random.nextBoolean()) {
                args.set(at, "--target=" + s);
                args.remove(at + 1);
            }
            return new Invocation("train bad spec", args, USAGE, "--target");
        }));
    }

    /** Sizes the memory estimate must refuse before any work, naming the flag that sizes the run. */
    private Arbitrary<Invocation> trainSizesThatCannotFit() {
        return Arbitraries.of(
                new String[] {"--m", "10000000"}, new String[] {"--m", "2147483646"}, new String[] {"--m", "1000000"},
                new String[] {"--d", "2147483647"}, new String[] {"--d", "10000000"}, new String[] {"--d", "1000000000"},
                new String[] {"--n", "10000000", "ntk-krr"}, new String[] {"--n", "2000000000", "ntk-krr"},
                new String[] {"--n", "1000000", "ntk-krr"})
                .flatMap(size -> Arbitraries.randomValue(random -> {
                    LinkedHashMap<String, String> f = tinyTrain();
                    if (size.length > 2) {
                        f.put("--method", size[2]);
                    } else if (random.nextBoolean()) {
                        f.put("--method", random.nextBoolean() ? "gd" : "random-features");
                    }
                    f.put(size[0], size[1]);
                    if (size[0].equals("--d") && random.nextBoolean()) {
                        f.put("--m", "2");
                    }
                    return new Invocation("train too big " + size[0] + " " + size[1], flags(f, random), USAGE, size[0]);
                }));
    }

    /** Unknown flags, repeated flags, missing required flags, stray arguments. */
    private Arbitrary<Invocation> trainFlagMistakes() {
        return Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.randomValue(random -> {
            LinkedHashMap<String, String> f = tinyTrain();
            List<String> args = flags(f, random);
            String mention;
            switch (kind) {
                case 0 -> {
                    String[] unknown = {"--bogus", "--D", "-d", "--dim", "--lr-schedule", "--out", "--scale", "--only",
                        "---d", "--N", "--target2", "-x"};
                    mention = unknown[random.nextInt(unknown.length)];
                    // first or last, never between a flag and its value
                    args.add(random.nextBoolean() ? 1 : args.size(), mention);
                }
                case 1 -> {
                    String[][] repeats = {{"--d", "4"}, {"--n", "100"}, {"--m", "8"}, {"--target", "single-h2"},
                        {"--json", null}, {"--quiet", null}, {"--seed", "1"}, {"--method", "gd"}, {"--threads", "1"}};
                    String[] rep = repeats[random.nextInt(repeats.length)];
                    mention = rep[0];
                    int times = rep[0].equals("--json") || rep[0].equals("--quiet") || rep[0].equals("--seed")
                            || rep[0].equals("--method") ? 2 : 1;
                    for (int i = 0; i < times; i++) {
                        args.add(rep[0]);
                        if (rep[1] != null) {
                            args.add(rep[1]);
                        }
                    }
                }
                case 2 -> {
                    String[] required = {"--target", "--d", "--n"};
                    mention = required[random.nextInt(required.length)];
                    int at = args.indexOf(mention);
                    if (at < 0) {
                        for (int i = 0; i < args.size(); i++) {
                            if (args.get(i).startsWith(mention + "=")) {
                                at = i;
                            }
                        }
                        args.remove(at);
                    } else {
                        args.remove(at + 1);
                        args.remove(at);
                    }
                }
                default -> {
                    String[] strays = {"extra", "4", "h2(z1)", "train", "reproduce", "single-h2"};
                    mention = null;
                    args.add(strays[random.nextInt(strays.length)]);
                }
            }
            return new Invocation("train flag mistake " + kind, args, USAGE, mention);
        }));
    }

    private Arbitrary<Invocation> topLevelMistakes() {
        List<List<String>> cases = List.of(List.of(), List.of("nope"), List.of(""), List.of(" "), List.of("REPRODUCE"),
                List.of("Train"), List.of("trains"), List.of("--bogus"), List.of("-x"), List.of("reproduce2"),
                List.of("help", "nope"), List.of("target2", "--target", "h2(z1)"),
                List.of("--target", "h2(z1)"), List.of("train", "reproduce"), List.of("target"), List.of("train"),
                List.of("target", "--target"), List.of("train", "--target"), List.of("target", "--json"),
                List.of("\u0000"), List.of("tr\u0430in"));
        return Arbitraries.of(cases).map(a -> new Invocation("top level", a, USAGE, null));
    }

    private Arbitrary<Invocation> targetBadD() {
        return Arbitraries.of("0", "-1", "-2147483648", "2147483648", "NaN", "", "1.5", "abc", "1e3", "Infinity")
                .flatMap(d -> Arbitraries.of("single-h2", "h2(z1)", "multi-deg4", "h1(z3)*h1(z5)")
                        .map(spec -> new Invocation("target bad --d", List.of("target", "--target", spec, "--d", d),
                                USAGE, "--d")));
    }

    /**
     * Legal but extreme settings at tiny sizes (the run takes well under a second): the outcome is not certain by
     * construction (it may converge, or fail numerically), so exit 0, 2 or 4 is accepted, never 3.
     */
    private Arbitrary<Invocation> trainExtremeButLegal() {
        List<String[]> extremes = List.of(new String[] {"--noise", "1e12"}, new String[] {"--noise", "-0.0"},
                new String[] {"--noise", "4.9e-324"}, new String[] {"--method", "gd", "--lr", "1e308"},
                new String[] {"--method", "gd", "--lr", "4.9e-324"}, new String[] {"--method", "gd", "--lr", "1e6"},
                new String[] {"--method", "gd", "--noise", "1e6"}, new String[] {"--seed", "-9223372036854775808"},
                new String[] {"--seed", "9223372036854775807"}, new String[] {"--target", "1e150*h2(z1)"},
                new String[] {"--target", "1e-150*h2(z1)", "--method", "ntk-krr"},
                new String[] {"--target", "1e150*h2(z1)", "--method", "gd"}, new String[] {"--target", "h4096(z1)"},
                new String[] {"--target", "h2(z1)*h2(z2)"}, new String[] {"--n", "1"},
                new String[] {"--n", "2", "--m", "2"}, new String[] {"--validation", "1"}, new String[] {"--d", "٤"},
                new String[] {"--m", "٨"}, new String[] {"--target", "-h1(z1)"}, new String[] {"--target", " -h2(z1)"},
                new String[] {"--method", "random-features", "--n", "1"}, new String[] {"--method", "gd", "--steps", "1"},
                new String[] {"--target", "single-h3"}, new String[] {"--target", "transfer-target"},
                new String[] {"--method", "ntk-krr", "--n", "1", "--validation", "1"},
                new String[] {"--target", "h1(z1)", "--noise", "1e12"});
        return Arbitraries.of(extremes).flatMap(extra -> Arbitraries.randomValue(random -> {
            LinkedHashMap<String, String> f = tinyTrain();
            f.put("--quiet", null);
            f.put("--json", null);
            f.put("--steps", "20");
            for (int i = 0; i < extra.length; i += 2) {
                f.put(extra[i], extra[i + 1]);
            }
            List<String> args = flags(f, random);
            int at = args.indexOf("--target");
            if (at >= 0 && args.get(at + 1).startsWith("-")) {
                args.set(at, "--target=" + args.get(at + 1));
                args.remove(at + 1);
            }
            return new Invocation("train extreme " + String.join(" ", extra), args, UNCERTAIN, null);
        }));
    }

    // ------------------------------------------------------------------------------------------------ reproduce

    /** {@code --out} values that are certainly refused (resolved against the fixtures and the working directory). */
    private static final List<String> BAD_OUT = List.of(".", "..", "", " ", "/", "/dev/null", "/dev/null/x", "/proc/x",
            "/proc", "/proc/self/x", ROOT + "/user-file.txt/report", ROOT + "/user-file.txt", ROOT + "/my-project",
            ROOT + "/my-project/", ROOT + "/my-project/notes.txt/x", ROOT + "/link-to-empty", ROOT + "/dangling-link",
            ROOT + "/fake-report", ROOT + "/bad-marker", ROOT + "/" + "a".repeat(256),
            ROOT + "/" + longMultibyteName(), ROOT + "/" + "x".repeat(200) + "/" + "y".repeat(300),
            ROOT + "/my-project/..", ROOT + "/fake-report/../my-project", ROOT + "/a\u0000b", "pom.xml", "src",
            "../pom.xml", "./", "./.", ROOT);

    /**
     * A reproduce that is certainly refused: exactly one poisoned flag (the message must name it) among otherwise
     * valid ones; unless the poison is --only or --out, the run is also limited to the one-second claim and aimed at
     * a fresh path in the fixtures, so even a wrong acceptance could not touch the working directory.
     */
    private Arbitrary<Invocation> reproduceRefused() {
        return Arbitraries.of("out", "out", "out", "scale", "threads", "only", "only", "seed", "unknown", "repeated",
                "stray").flatMap(kind -> Arbitraries.randomValue(random -> {
                    LinkedHashMap<String, List<String>> valid = new LinkedHashMap<>();
                    valid.put("--only", List.of("--only", "hermite-identities"));
                    valid.put("--out", List.of("--out", ROOT + "/fresh-report-" + FRESH.incrementAndGet()));
                    valid.put("--quiet", List.of("--quiet"));
                    valid.put("--threads", List.of("--threads", "1"));
                    valid.put("--scale", List.of("--scale", random.nextBoolean() ? "quick" : "full"));
                    valid.put("--seed", List.of("--seed", Long.toString(random.nextLong())));
                    List<String> poison;
                    String mention;
                    switch (kind) {
                        case "out" -> {
                            mention = "--out";
                            poison = List.of("--out", pick(random, BAD_OUT));
                        }
                        case "scale" -> {
                            mention = "--scale";
                            poison = List.of("--scale", pick(random, List.of("medium", "", " quick", "quick ", "fast",
                                    "1", "null", "quíck", "ｑｕｉｃｋ", "quick,full", "-1")));
                        }
                        case "threads" -> {
                            mention = "--threads";
                            poison = List.of("--threads", pick(random, List.of("0", "-1", "1025", "2147483648", "NaN",
                                    "", "1.5", "2147483647", "-2147483648")));
                        }
                        case "only" -> {
                            mention = "--only";
                            poison = List.of("--only", pick(random, List.of(",", "", " ", ",,", " , ", "nope",
                                    "hermite-identities,nope", "HERMITE-IDENTITIES", "hermite_identities",
                                    "hermite-identities;gradient-correctness", "all", "*", "hermite-identities ")));
                        }
                        case "seed" -> {
                            mention = "--seed";
                            poison = List.of("--seed", pick(random, List.of("1e3", "abc", "", "9223372036854775808",
                                    "NaN", "1.5", "0x10")));
                        }
                        case "unknown" -> {
                            mention = pick(random, List.of("--bogus", "--out-dir", "-o", "--Quiet", "--json", "--target",
                                    "--scale-full", "--d", "-q"));
                            poison = List.of(mention);
                        }
                        case "repeated" -> {
                            mention = pick(random, List.of("--quiet", "--scale", "--out", "--threads", "--seed"));
                            poison = new ArrayList<>(valid.get(mention));
                            if (mention.equals("--out")) {
                                poison.set(1, ROOT + "/fresh-report-" + FRESH.incrementAndGet());
                            }
                        }
                        default -> {
                            mention = null;
                            poison = List.of(pick(random, List.of("extra", "hermite-identities", "quick", "train")));
                        }
                    }
                    if (!kind.equals("repeated") && !kind.equals("unknown") && !kind.equals("stray")) {
                        valid.remove("--" + kind);
                    }
                    List<List<String>> parts = new ArrayList<>();
                    for (List<String> v : valid.values()) {
                        boolean needed = v.get(0).equals("--only") || v.get(0).equals("--out")
                                || kind.equals("repeated") && v.get(0).equals(mention);
                        if (needed || random.nextInt(4) != 0) {
                            parts.add(v);
                        }
                    }
                    parts.add(poison);
                    Collections.shuffle(parts, random);
                    List<String> args = new ArrayList<>(List.of("reproduce"));
                    for (List<String> p : parts) {
                        if (p.size() == 2 && random.nextInt(4) == 0) {
                            args.add(p.get(0) + "=" + p.get(1));
                        } else {
                            args.addAll(p);
                        }
                    }
                    return new Invocation("reproduce refused (" + kind + ")", args, USAGE, mention);
                }));
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * A 256-byte name of two-byte characters (128 × 'é') when file names are UTF-8; otherwise 256 ASCII letters, so
     * the name is over the 255-byte limit whatever the encoding.
     */
    private static String longMultibyteName() {
        String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
        return encoding.equalsIgnoreCase("UTF-8") && "é".repeat(128).getBytes(StandardCharsets.UTF_8).length == 256
                ? "é".repeat(128) : "b".repeat(256);
    }
}
