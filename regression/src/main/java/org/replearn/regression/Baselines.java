package org.replearn.regression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Command line of the regression gate.
 * <ul>
 *   <li>{@code --write [--dir DIR]}: computes the catalogue, prints what changed against the golden files in
 *       {@code DIR} and rewrites the changed ones atomically (the only way golden files are written);</li>
 *   <li>{@code --check [--dir DIR]}: compares the catalogue with the golden files, prints the drift report, exits
 *       1 on drift;</li>
 *   <li>{@code --dump FILE}: writes the canonical digest of every field (one line per value, raw bits first) to
 *       {@code FILE} ({@code -} for standard output), for the cross-JDK comparison.</li>
 * </ul>
 * {@code --threads N} (default 1) sets the worker threads; results do not depend on it.
 */
public final class Baselines {
    /** The documented command that regenerates the golden files (run from the repository root). */
    public static final String REGENERATE_COMMAND = "mvn -B -ntp -Pbaselines -pl regression -am process-classes";

    /** Default golden directory, relative to the repository root. */
    public static final String DEFAULT_DIR = "regression/src/test/resources/golden";

    private static final String USAGE = "usage: Baselines (--write | --check | --dump FILE) [--dir DIR] [--threads N]"
            + "\n  --write      recompute the catalogue, print what changed, rewrite changed golden files"
            + "\n  --check      compare with the golden files, print every drifted field, exit 1 on drift"
            + "\n  --dump FILE  canonical digest of every value (FILE '-' = standard output)"
            + "\n  --dir DIR    golden directory (default " + DEFAULT_DIR + ")"
            + "\n  --threads N  worker threads, default 1 (results do not depend on it)";

    /** Reads golden files as trees (their non-finite values included) to look at single fields. */
    private static final ObjectMapper TREE = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private Baselines() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) throws IOException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line; returns 0 on success, 1 on drift, 2 on bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        String mode = null;
        String dump = null;
        Path dir = Path.of(DEFAULT_DIR);
        int threads = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--write", "--check" -> mode = setOnce(mode, args[i]);
                    case "--dump" -> {
                        mode = setOnce(mode, args[i]);
                        dump = value(args, ++i, "--dump");
                    }
                    case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                    case "--threads" -> threads = threads(value(args, ++i, "--threads"));
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (mode == null) {
                throw new IllegalArgumentException("choose one of --write, --check, --dump FILE");
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        GoldenStore store = new GoldenStore(dir);
        return switch (mode) {
            case "--write" -> write(Catalogue.entries(), store, threads, out);
            case "--check" -> check(Catalogue.entries(), store, threads, out);
            default -> dump(dump, threads, out);
        };
    }

    private static String setOnce(String mode, String arg) {
        if (mode != null) {
            throw new IllegalArgumentException(arg + " cannot be combined with " + mode);
        }
        return arg;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int threads(String s) {
        try {
            int t = Integer.parseInt(s);
            if (t >= 1) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--threads = '" + s + "' must be an integer >= 1");
    }

    /** Recomputes every entry, prints what changed, rewrites changed files, removes files of unknown entries. */
    static int write(List<CatalogueEntry> entries, GoldenStore store, int threads, PrintStream out)
            throws IOException {
        String version = ProjectVersion.get();
        out.println("Writing golden files to " + store.directory() + " (project version " + version + ")");
        int unchanged = 0;
        int changed = 0;
        for (CatalogueEntry entry : entries) {
            EntryResult now = entry.compute(threads);
            Golden fresh = Golden.of(entry, now, version);
            Path file = store.file(entry.name());
            String status;
            if (!Files.exists(file)) {
                status = "NEW        " + entry.name() + " (" + now.fields().size() + " fields)";
            } else {
                String existing = Files.readString(file, StandardCharsets.UTF_8);
                if (GoldenStore.toJson(Golden.of(entry, now, existingVersion(existing, version))).equals(existing)) {
                    unchanged++;
                    out.println("unchanged  " + entry.name());
                    continue;
                }
                status = "CHANGED    " + entry.name() + changes(store, now);
            }
            changed++;
            store.write(fresh);
            out.println(status);
        }
        int removed = 0;
        for (String stale : staleFiles(entries, store)) {
            Path file = store.file(stale);
            if (Golden.FORMAT.equals(textAt(Files.readString(file, StandardCharsets.UTF_8), "/format"))) {
                Files.delete(file);
                removed++;
                out.println("REMOVED    " + stale + ".json (no such catalogue entry)");
            } else {
                out.println("IGNORED    " + stale + ".json (not a golden file)");
            }
        }
        out.println(changed + " written, " + unchanged + " unchanged, " + removed + " removed.");
        return 0;
    }

    /** What changed in an entry whose file differs, as drift report lines. */
    private static String changes(GoldenStore store, EntryResult now) {
        try {
            DriftReport drift = Drift.against(store.load(now.entry()), now);
            return drift.isEmpty() ? " (description, justification or formatting only)"
                    : ":\n" + drift.body().stripTrailing();
        } catch (GoldenFileException e) {
            return ": the previous file was unusable: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    private static String existingVersion(String json, String fallback) {
        String version = textAt(json, "/provenance/projectVersion");
        return version == null ? fallback : version;
    }

    /** The string at {@code pointer} (a JSON Pointer) in {@code json}; null when it is not JSON or holds none there. */
    private static String textAt(String json, String pointer) {
        try {
            JsonNode node = TREE.readTree(json).at(pointer);
            return node.isTextual() ? node.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Compares every entry with its golden file; prints the full report. */
    static int check(List<CatalogueEntry> entries, GoldenStore store, int threads, PrintStream out)
            throws IOException {
        DriftReport report = new DriftReport();
        StringBuilder errors = new StringBuilder();
        for (CatalogueEntry entry : entries) {
            try {
                report.addAll(Drift.against(store.load(entry.name()), entry.compute(threads)));
            } catch (GoldenFileException e) {
                errors.append(e.getMessage()).append('\n');
            }
        }
        for (String stale : staleFiles(entries, store)) {
            errors.append("Golden file ").append(store.file(stale)).append(" belongs to no catalogue entry: delete it"
                    + " or regenerate with ").append(REGENERATE_COMMAND).append('\n');
        }
        if (report.isEmpty() && errors.length() == 0) {
            out.println("All " + entries.size() + " catalogue entries match their golden files in "
                    + store.directory());
            return 0;
        }
        out.print(errors);
        if (!report.isEmpty()) {
            out.print(report.text());
        }
        return 1;
    }

    /** Golden files in the store whose entry is not among {@code entries}. */
    static SortedSet<String> staleFiles(List<CatalogueEntry> entries, GoldenStore store) throws IOException {
        SortedSet<String> stale = new TreeSet<>(store.entries());
        for (CatalogueEntry e : entries) {
            stale.remove(e.name());
        }
        return stale;
    }

    /** Writes the canonical digest. */
    static int dump(String file, int threads, PrintStream out) throws IOException {
        String digest = digest(Catalogue.entries(), threads);
        if ("-".equals(file)) {
            out.print(digest);
        } else {
            Files.writeString(Path.of(file), digest, StandardCharsets.UTF_8);
        }
        return 0;
    }

    /** One line per value: {@code entry/field[index] <raw bits hex> <decimal>}, in catalogue order. */
    static String digest(List<CatalogueEntry> entries, int threads) {
        StringBuilder sb = new StringBuilder();
        for (CatalogueEntry entry : entries) {
            for (Field f : entry.compute(threads).fields()) {
                for (int i = 0; i < f.size(); i++) {
                    sb.append(entry.name()).append('/').append(f.name()).append(f.index(i)).append(' ')
                            .append(Golden.hex(f.value(i))).append(' ').append(f.value(i)).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
