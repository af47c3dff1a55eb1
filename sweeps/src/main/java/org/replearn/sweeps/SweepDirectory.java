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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 *   <li>{@code .replearn-sweep-tmp-<8 hex>/}: this run's temporary files ({@code .<name>.tmp-<8 hex>}), each renamed
 *       into place when complete. The directory is recorded in the marker before it is created, removed when the
 *       sweep ends, and, when an interrupted run left it, emptied of such files and removed by the next sweep (under
 *       the lock) before it writes anything. On SIGINT or SIGTERM a shutdown hook stops this run from starting any
 *       temporary file and deletes the ones in flight.</li>
 * </ul>
 * Temporary files that no marker records (at the top or in {@code cells}, left by versions without that directory,
 * or a user's files named alike) are allowed and never deleted: whose they are cannot be proven.
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
    /** A run's directory of temporary files, as the marker records it. */
    private static final Pattern TEMP_DIR = Pattern.compile("\\.replearn-sweep-tmp-[0-9a-f]{8}");
    /** How an error names a stop by SIGINT or SIGTERM (the shutdown hook ran). */
    static final String INTERRUPTED = "interrupted (SIGINT or SIGTERM)";
    /** The sweep directories of this process whose temporaries the shutdown hook deletes. */
    private static final Set<SweepDirectory> OPEN = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SweepDirectory::stopAll, "replearn-sweep-stop"));
    }

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

    /**
     * What a sweep directory's marker says, verified against the directory.
     *
     * @param written     the records of its tables, by name
     * @param temporaries the directories of temporary files it records (names matching {@link #TEMP_DIR})
     */
    private record Inspection(Map<String, Written> written, Set<String> temporaries) {
    }

    private final Path root;
    private final ReportDirectory report;
    /** The marker's records of the tables this sweep directory holds, kept equal to the marker file. */
    private final Map<String, Written> written;
    /** The temporary directories the marker records (a previous run's until {@link #prepare}, then this run's). */
    private final Set<String> temporaries;
    /** This run's temporary directory once created (by {@link #prepare}), null before and after. */
    private Path temporaryDirectory;
    /** The temporary files this run has created and not yet renamed or deleted. */
    private final Set<Path> inFlight = new LinkedHashSet<>();
    /** Set by the shutdown hook (or {@link #finish}): no temporary file is started afterwards. */
    private boolean stopped;

    private SweepDirectory(Path root, ReportDirectory report, Inspection inspection) {
        this.root = root;
        this.report = report;
        this.written = inspection.written();
        this.temporaries = new TreeSet<>(inspection.temporaries());
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
     * Locks {@code dir} as typed ({@link DirectoryLock}) until its report is in place (or the process ends), undoes
     * what a killed sweep left of its report's replacement, and checks it: missing, empty, or a previous sweep's
     * directory whose tables still match their marker records; otherwise {@link Unusable} (and the lock released).
     */
    static SweepDirectory check(String dir) throws Unusable {
        Path root = OutputDirectory.resolve(dir, KIND);
        DirectoryLock.acquire(dir, root);
        try {
            ReportDirectory.undoKilledReplacement(root.resolve(REPORT), root);
            Inspection inspection = inspect(dir, root);
            // also proves the report (and so the sweep directory) can be created or replaced there
            return new SweepDirectory(root, ReportDirectory.checkInside(root.resolve(REPORT).toString(), root),
                    inspection);
        } catch (Unusable | RuntimeException e) {
            DirectoryLock.release(root);
            throw e;
        }
    }

    /**
     * The records of the tables and temporary directories of an existing sweep directory {@code root} (none when it
     * is missing or empty); {@link Unusable} when it holds an entry a sweep did not write, or a table that does not
     * match its marker's record (edited, or written by a version whose marker had no checksums).
     */
    private static Inspection inspect(String dir, Path root) throws Unusable {
        Map<String, Written> written = new TreeMap<>();
        Set<String> temporaries = new TreeSet<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new Inspection(written, temporaries);
        }
        List<String> names = list(root);
        JsonNode marker = names.contains(MARKER) ? OutputDirectory.marker(root.resolve(MARKER), WRITER) : null;
        if (marker != null) {
            for (JsonNode f : marker.path("files")) {
                Written w = Written.fromJson(f);
                if (w != null && TABLES.contains(w.name())) {
                    written.put(w.name(), w);
                }
            }
            for (JsonNode t : marker.path("temporaries")) {
                if (t.isTextual() && TEMP_DIR.matcher(t.asText()).matches()) {
                    temporaries.add(t.asText());
                }
            }
        }
        OutputDirectory.refuseForeign(dir, foreign(root, names, marker != null, temporaries), KIND);
        for (String table : TABLES) {
            Written w = written.get(table);
            if (names.contains(table) && (w == null || !w.matches(root))) {
                throw OutputDirectory.unverified(dir, table, KIND);
            }
        }
        return new Inspection(written, temporaries);
    }

    /**
     * The entries among {@code names} of {@code root} that a sweep did not write (all of them when it has no
     * marker); inside {@code cells} or a recorded temporary directory (one of {@code temporaries}), the first such
     * entry by its path (e.g. {@code cells/<claim>/<hash>/<key>.cell} when it is a directory).
     */
    private static List<String> foreign(Path root, List<String> names, boolean marked, Set<String> temporaries)
            throws Unusable {
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
                    default -> temporaries.contains(name) ? temporaryIntruder(p, name)
                            : TEMP.matcher(name).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
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

    /**
     * Null when the recorded temporary directory {@code dir} (named {@code name}) holds only temporary files;
     * otherwise the path of the first entry that is not one, or {@code name} when it is not a directory.
     */
    private static String temporaryIntruder(Path dir, String name) throws Unusable {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return name;
        }
        for (String file : list(dir)) {
            if (!TEMP.matcher(file).matches() || !Files.isRegularFile(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                return name + "/" + file;
            }
        }
        return null;
    }

    private static List<String> list(Path dir) throws Unusable {
        return OutputDirectory.entries(dir.toString(), dir);
    }

    /**
     * Creates the directory and the store if missing; deletes the temporary files of the temporary directories the
     * marker records (an interrupted run's, verified by {@link #check}: only {@code .<name>.tmp-<8 hex>} files) and
     * those directories; then records this run's temporary directory in the marker (rewritten with the current
     * records) and creates it. Other temporary files are kept and ignored (whose they are cannot be proven).
     */
    void prepare() throws IOException {
        synchronized (OPEN) {
            OPEN.add(this);
        }
        Files.createDirectories(root);
        for (String name : List.copyOf(temporaries)) {
            Path dir = root.resolve(name);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        if (TEMP.matcher(f.getFileName().toString()).matches()
                                && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                            Files.delete(f);
                        }
                    }
                }
                Files.delete(dir); // fails, and the sweep stops, if anything else appeared in it since check
            }
            temporaries.remove(name);
        }
        String name = ".replearn-sweep-tmp-" + suffix();
        synchronized (this) {
            temporaries.add(name);
            writeMarker();
            temporaryDirectory = Files.createDirectory(root.resolve(name));
        }
        Files.createDirectories(root.resolve(CELLS));
    }

    /**
     * Ends this run's writes: deletes its (empty) temporary directory and drops it from the marker. A temporary
     * file started afterwards fails with an {@link IOException}.
     */
    void finish() throws IOException {
        synchronized (this) {
            Path dir = temporaryDirectory;
            if (dir == null) {
                return;
            }
            temporaryDirectory = null;
            Files.delete(dir);
            temporaries.remove(dir.getFileName().toString());
            writeMarker();
            stopped = true;
        }
        synchronized (OPEN) {
            OPEN.remove(this);
        }
    }

    private synchronized void writeMarker() throws IOException {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("writer", WRITER);
        marker.put("layout", "cells/<claim>/<config hash>/<cell key>.cell, report/, cells.parquet, cells.csv,"
                + " .replearn-sweep-tmp-<8 hex>/ (a run's temporary files)");
        marker.put("files", written.values().stream().map(Written::toJson).toList());
        marker.put("temporaries", List.copyOf(temporaries));
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

    /** Renames a temporary file from {@link #temporary} into place as the table {@code name} and records it. */
    void commit(Path temporary, String name) throws IOException {
        moveIntoPlace(temporary, root.resolve(name));
        recordTable(name);
    }

    /** Deletes a temporary file from {@link #temporary} that will not be committed. */
    synchronized void discard(Path temporary) throws IOException {
        if (inFlight.remove(temporary)) {
            Files.deleteIfExists(temporary);
        }
    }

    private void writeAtomically(Path dir, String name, byte[] bytes) throws IOException {
        Path tmp = temporary(name);
        try {
            Files.write(tmp, bytes, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            moveIntoPlace(tmp, dir.resolve(name));
        } finally {
            discard(tmp); // this write's own temporary, left only if the write or the rename failed
        }
    }

    /**
     * A new, empty temporary file for {@code name} (created: an existing file of that name fails, so no other file
     * is ever written through it) in this run's temporary directory, or at the top of the directory for the marker
     * that records that directory, registered as in flight; an {@link IOException} once the sweep is stopping. For
     * writers that need a path: {@link #commit} or {@link #discard} it.
     */
    synchronized Path temporary(String name) throws IOException {
        if (stopped) {
            throw new IOException(INTERRUPTED + ": no file is started after it");
        }
        String stem = name.startsWith(".") ? name.substring(1) : name;
        Path tmp = (temporaryDirectory != null ? temporaryDirectory : root).resolve("." + stem + ".tmp-" + suffix());
        Files.createFile(tmp);
        inFlight.add(tmp);
        return tmp;
    }

    /** Renames the in-flight temporary {@code tmp} to {@code target}, atomically, unless the sweep is stopping. */
    private synchronized void moveIntoPlace(Path tmp, Path target) throws IOException {
        if (!inFlight.contains(tmp)) {
            throw new IOException(INTERRUPTED + ": '" + tmp.getFileName() + "' was deleted");
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        inFlight.remove(tmp);
    }

    /**
     * Shutdown hook (SIGINT, SIGTERM, {@code System.exit}): stops every open sweep directory from starting a
     * temporary file, deletes the ones in flight and removes its temporary directory when that leaves it empty (the
     * marker still records it; the next sweep finds it gone).
     */
    private static void stopAll() {
        List<SweepDirectory> open;
        synchronized (OPEN) {
            open = List.copyOf(OPEN);
        }
        for (SweepDirectory d : open) {
            synchronized (d) {
                d.stopped = true;
                for (Path tmp : d.inFlight) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException e) {
                        // the JVM is exiting: the next sweep deletes it (it is in the recorded directory)
                    }
                }
                d.inFlight.clear();
                if (d.temporaryDirectory != null) {
                    try {
                        Files.deleteIfExists(d.temporaryDirectory);
                    } catch (IOException e) {
                        // not empty (a file the JVM could not delete): the next sweep deletes it
                    }
                }
            }
        }
    }

    private static String suffix() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
