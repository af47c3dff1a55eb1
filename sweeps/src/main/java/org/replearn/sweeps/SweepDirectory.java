package org.replearn.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.replearn.checks.report.DirectoryLock;
import org.replearn.checks.report.OutputDirectory;
import org.replearn.checks.report.ReportDirectory;

/**
 * The directory of a sweep ({@code --out DIR}), an {@link OutputDirectory} like {@code reproduce --out}: it may be
 * missing, empty, or a directory a previous sweep created (recognized by its marker {@value #MARKER}) holding only
 * what a sweep writes; anything else is refused before any work and left untouched. The marker records the size
 * and SHA-256 of the tables ({@code cells.csv}, {@code cells.parquet}); one that does not match is refused, never
 * replaced. One sweep at a time writes the directory ({@link DirectoryLock}). Layout:
 * <ul>
 *   <li>{@code cells/<claim>/<config hash>/<cell key>.cell}: every finished cell's result, written as it completes
 *       (a temporary file renamed into place), so a killed sweep resumes where it stopped; each file carries the
 *       claim, key and configuration it belongs to and a SHA-256 of its bytes ({@link CellFile}), and one that
 *       fails verification is deleted and computed again;</li>
 *   <li>{@code report/}: the report {@code reproduce} writes ({@code claims.json}, {@code report.md}, CSVs, plots),
 *       replaced atomically by {@link ReportDirectory};</li>
 *   <li>{@code cells.parquet} and {@code cells.csv}: one row per cell (claim, key, configuration hash, scale, seed,
 *       status, times, the result serialized and as JSON).</li>
 * </ul>
 */
final class SweepDirectory implements OutputDirectory {
    static final String MARKER = ".replearn-sweep";
    static final String CELLS = "cells";
    static final String REPORT = "report";
    static final String CELLS_CSV = "cells.csv";
    static final String CELLS_PARQUET = "cells.parquet";
    private static final String WRITER = "replearn-sweep";
    /** The files at the top of the directory whose size and SHA-256 the marker records. */
    private static final Set<String> TABLES = Set.of(CELLS_CSV, CELLS_PARQUET);
    private static final Kind KIND = new Kind("sweep", "replearn-sweep", "a sweep");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern CELL_FILE = Pattern.compile("[a-z0-9][a-z0-9-]*\\.cell");
    /** Temporary files of an atomic write: {@code .<name>.tmp-<8 hex>}. */
    private static final Pattern TEMP = Pattern.compile("\\.[a-z0-9][a-z0-9.-]*\\.tmp-[0-9a-f]{8}");

    /**
     * One finished cell as stored.
     *
     * @param claim       claim id
     * @param key         cell key
     * @param configHash  {@link ConfigHash} of its claim's configuration
     * @param result      the serialized result
     * @param cpuSeconds  CPU time of its computation
     * @param wallSeconds wall time of its computation
     */
    record StoredCell(String claim, String key, String configHash, byte[] result, double cpuSeconds,
            double wallSeconds) implements Serializable {
    }

    private final Path root;
    private final ReportDirectory report;
    /** The marker's records of the tables this sweep directory holds, kept equal to the marker file. */
    private final Map<String, Written> written;

    private SweepDirectory(Path root, ReportDirectory report, Map<String, Written> written) {
        this.root = root;
        this.report = report;
        this.written = written;
    }

    @Override
    public Path path() {
        return root;
    }

    /** Where the report goes (checked with the sweep directory). */
    ReportDirectory report() {
        return report;
    }

    /**
     * Checks {@code dir} as typed: missing, empty, or a previous sweep's directory whose tables still match their
     * marker records; otherwise {@link Unusable}. Then locks it ({@link DirectoryLock}) until its report is in place
     * (or the process ends) and checks it again under the lock.
     */
    static SweepDirectory check(String dir) throws Unusable {
        Path root = OutputDirectory.resolve(dir, KIND);
        inspect(dir, root);
        DirectoryLock.acquire(dir, root);
        try {
            Map<String, Written> written = inspect(dir, root);
            // also proves the report (and so the sweep directory) can be created or replaced there
            return new SweepDirectory(root, ReportDirectory.checkInside(root.resolve(REPORT).toString(), root),
                    written);
        } catch (Unusable | RuntimeException e) {
            DirectoryLock.release(root);
            throw e;
        }
    }

    /**
     * The records of the tables of an existing sweep directory {@code root} (empty when it is missing or empty);
     * {@link Unusable} when it holds an entry a sweep did not write, or a table that does not match its marker's
     * record (edited, or written by a version whose marker had no checksums).
     */
    private static Map<String, Written> inspect(String dir, Path root) throws Unusable {
        Map<String, Written> written = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return written;
        }
        List<String> names = list(root);
        JsonNode marker = names.contains(MARKER) ? OutputDirectory.marker(root.resolve(MARKER), WRITER) : null;
        OutputDirectory.refuseForeign(dir, foreign(root, names, marker != null), KIND);
        if (marker != null) {
            for (JsonNode f : marker.path("files")) {
                Written w = Written.fromJson(f);
                if (w != null && TABLES.contains(w.name())) {
                    written.put(w.name(), w);
                }
            }
        }
        for (String table : TABLES) {
            Written w = written.get(table);
            if (names.contains(table) && (w == null || !w.matches(root))) {
                throw OutputDirectory.unverified(dir, table, KIND);
            }
        }
        return written;
    }

    /**
     * The entries among {@code names} of {@code root} that a sweep did not write (all of them when it has no
     * marker); inside {@code cells}, the first such entry by its path (e.g. {@code cells/<claim>/<hash>/<key>.cell}
     * when it is a directory).
     */
    private static List<String> foreign(Path root, List<String> names, boolean marked) throws Unusable {
        List<String> foreign = new ArrayList<>();
        for (String name : names) {
            Path p = root.resolve(name);
            String intruder = name;
            if (marked) {
                intruder = switch (name) {
                    case MARKER -> null;
                    case CELLS -> storeIntruder(p);
                    case REPORT -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? null : name;
                    case CELLS_CSV, CELLS_PARQUET -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? null : name;
                    default -> TEMP.matcher(name).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            ? null : name;
                };
            }
            if (intruder != null) {
                foreign.add(intruder);
            }
        }
        return foreign;
    }

    /**
     * Null when {@code cells} holds only {@code <claim>/<hash>/<key>.cell} files and temporary files of them;
     * otherwise the path, from {@code cells}, of the first entry that is not one of them.
     */
    private static String storeIntruder(Path cells) throws Unusable {
        if (!Files.isDirectory(cells, LinkOption.NOFOLLOW_LINKS)) {
            return CELLS;
        }
        for (String claim : list(cells)) {
            Path c = cells.resolve(claim);
            if (!NAME.matcher(claim).matches() || !Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                return CELLS + "/" + claim;
            }
            for (String hash : list(c)) {
                Path h = c.resolve(hash);
                if (!HASH.matcher(hash).matches() || !Files.isDirectory(h, LinkOption.NOFOLLOW_LINKS)) {
                    return CELLS + "/" + claim + "/" + hash;
                }
                for (String file : list(h)) {
                    boolean cell = CELL_FILE.matcher(file).matches() || TEMP.matcher(file).matches();
                    if (!cell || !Files.isRegularFile(h.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                        return CELLS + "/" + claim + "/" + hash + "/" + file;
                    }
                }
            }
        }
        return null;
    }

    private static List<String> list(Path dir) throws Unusable {
        return OutputDirectory.entries(dir.toString(), dir);
    }

    /**
     * Creates the directory, its marker (rewritten with the current records) and the store if missing. Temporary
     * files an interrupted write left are kept (whose they are cannot be proven) and ignored.
     */
    void prepare() throws IOException {
        Files.createDirectories(root);
        writeMarker();
        Files.createDirectories(root.resolve(CELLS));
    }

    private synchronized void writeMarker() throws IOException {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("writer", WRITER);
        marker.put("layout", "cells/<claim>/<config hash>/<cell key>.cell, report/, cells.parquet, cells.csv");
        marker.put("files", written.values().stream().map(Written::toJson).toList());
        writeAtomically(root, MARKER, JSON.writeValueAsBytes(marker));
    }

    /** Records the table {@code name} as now written, in the marker. */
    private synchronized void recordTable(String name) throws IOException {
        written.put(name, Written.of(root, name));
        writeMarker();
    }

    /**
     * The stored cells of {@code claim} under {@code configHash}, by key (cells of other configurations ignored). A
     * cell file that fails {@link CellFile#decode verification} is deleted (it is this program's file, at the path
     * it names) after one line on {@code warnings} names it and why: the caller computes it again.
     */
    Map<String, StoredCell> load(String claim, String configHash, PrintWriter warnings) throws IOException {
        Map<String, StoredCell> out = new LinkedHashMap<>();
        Path dir = root.resolve(CELLS).resolve(claim).resolve(configHash);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(p -> CELL_FILE.matcher(p.getFileName().toString()).matches()
                    && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            String key = name.substring(0, name.length() - ".cell".length());
            try {
                out.put(key, CellFile.decode(Files.readAllBytes(f), claim, key, configHash));
            } catch (CellFile.Corrupt e) {
                warnings.println("sweep: stored cell '" + f + "' is corrupt (" + e.getMessage()
                        + "); recomputing it");
                Files.delete(f);
            }
        }
        return out;
    }

    /** Stores a finished cell ({@link CellFile}): a temporary file renamed into place, so a reader sees all of it. */
    void save(StoredCell cell) throws IOException {
        Path dir = root.resolve(CELLS).resolve(cell.claim()).resolve(cell.configHash());
        Files.createDirectories(dir);
        writeAtomically(dir, cell.key() + ".cell", CellFile.encode(cell));
    }

    /**
     * Writes the table {@code name} at the top of the sweep directory atomically (it replaces this program's earlier
     * one, verified by {@link #check}) and records it in the marker.
     */
    void write(String name, byte[] bytes) throws IOException {
        writeAtomically(root, name, bytes);
        recordTable(name);
    }

    /** A fresh temporary path for {@code name} at the top of the directory (for writers that need a path). */
    Path temporary(String name) {
        return root.resolve(tempName(name));
    }

    /** Renames a temporary file from {@link #temporary} into place as the table {@code name} and records it. */
    void commit(Path temporary, String name) throws IOException {
        Files.move(temporary, root.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        recordTable(name);
    }

    private static void writeAtomically(Path dir, String name, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(tempName(name));
        Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp); // this write's own temporary (CREATE_NEW), left only if the rename failed
        }
    }

    private static String tempName(String name) {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        String stem = name.startsWith(".") ? name.substring(1) : name;
        return "." + stem + ".tmp-" + HexFormat.of().formatHex(b);
    }
}
