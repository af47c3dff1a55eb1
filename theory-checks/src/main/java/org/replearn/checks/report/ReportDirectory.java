package org.replearn.checks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The directory a report goes to, checked before any work: it may be missing, empty, or hold a previous Replearn
 * report and nothing else (the {@value #MARKER} file a report writes lists its files). Anything else is refused with
 * an {@link Unusable} and left untouched, so a report never destroys a user's data. The marker records the size and
 * SHA-256 of each file; a listed file that does not match (edited, or listed by a marker without checksums) is
 * refused, never replaced. The destination is locked ({@link DirectoryLock}) from {@link #check} until the report
 * is in place.
 *
 * <p>{@link #replaceWith} writes the new report into a fresh hidden directory beside the destination and renames it
 * into place ({@code rename(2)} is atomic and replaces an empty directory); a previous report is renamed aside
 * first and, once the new one is in place, only the files that still match its marker are deleted. Directories are
 * created with the default permissions (the umask applies). A shutdown hook waits for a replacement under way and
 * removes whatever a failed one left, and no replacement starts after it, so SIGINT or SIGTERM never leaves a
 * temporary directory or a half-written report.
 */
public final class ReportDirectory implements OutputDirectory {
    /**
     * The marker file of a report directory: JSON {@code {"writer": "replearn", "files": [{"name", "size",
     * "sha256"}, ...]}}.
     */
    public static final String MARKER = ".replearn-report";
    private static final String WRITER = "replearn";
    private static final String TEMP_PREFIX = ".replearn-tmp-";
    private static final String OLD_PREFIX = ".replearn-old-";
    /** Journal entries ({@link DirectoryLock#journal}): a temporary directory, a previous report moved aside. */
    private static final String TEMPORARY = "temporary ";
    private static final String MOVED_ASIDE = "moved aside ";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Held for a whole replacement; the shutdown hook takes it, so an interrupted JVM finishes or undoes it. */
    private static final Object LOCK = new Object();
    private static final Set<Path> PENDING = new LinkedHashSet<>();
    /** Set by the shutdown hook, under {@link #LOCK}: no replacement starts afterwards. */
    private static boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ReportDirectory::cleanUpPending, "replearn-report-cleanup"));
    }

    /** What the destination holds now. */
    private enum State {
        MISSING, EMPTY, PREVIOUS_REPORT
    }

    private static final Kind KIND = new Kind("report", "replearn-report", "Replearn");

    private final Path target;
    private final State state;
    private final List<Written> previousFiles;
    private final Path owner;

    private ReportDirectory(Path target, State state, List<Written> previousFiles, Path owner) {
        this.target = target;
        this.state = state;
        this.previousFiles = previousFiles;
        this.owner = owner;
    }

    @Override
    public Path path() {
        return target;
    }

    /**
     * Checks {@code dir} as typed by the user: missing (its nearest existing ancestor must be a writable directory
     * in which the missing names can be created), empty, or a previous report whose listed files all still match
     * their marker's size and SHA-256; otherwise {@link Unusable}. Then locks it ({@link DirectoryLock}) until the
     * report is in place, and checks it again under the lock. Probing writability creates and removes one hidden
     * directory beside the destination.
     */
    public static ReportDirectory check(String dir) throws Unusable {
        Path target = examine(dir, null).target;
        DirectoryLock.acquire(dir, target);
        try {
            undoKilledReplacement(target, target);
            return examine(dir, target);
        } catch (Unusable e) {
            DirectoryLock.release(target);
            throw e;
        }
    }

    /**
     * Like {@link #check} for a report inside the output directory {@code owner} whose lock this process holds (a
     * sweep's {@code report/}): takes no lock of its own and releases {@code owner}'s once the report is in place.
     */
    public static ReportDirectory checkInside(String dir, Path owner) throws Unusable {
        if (!DirectoryLock.holds(owner)) {
            throw new IllegalStateException("the lock of '" + owner + "' is not held");
        }
        return examine(dir, owner);
    }

    /** Resolves, inspects and probes {@code dir} without locking it; {@code owner} is the lock to release later. */
    private static ReportDirectory examine(String dir, Path owner) throws Unusable {
        Path target = OutputDirectory.resolve(dir, KIND);
        State state = State.MISSING;
        List<Written> previous = List.of();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            List<String> names = OutputDirectory.entries(dir, target);
            state = names.isEmpty() ? State.EMPTY : State.PREVIOUS_REPORT;
            previous = names.isEmpty() ? List.of() : previousReport(dir, target, names);
        }
        probe(dir, target);
        return new ReportDirectory(target, state, previous, owner);
    }

    /**
     * The files of the previous report in {@code target} (its marker last), each still matching its marker's
     * record; {@link Unusable} when the directory holds anything its marker does not list, or a listed file that
     * does not match (edited, or listed without a checksum).
     */
    private static List<Written> previousReport(String dir, Path target, List<String> names) throws Unusable {
        Map<String, Written> listed = markerFiles(target.resolve(MARKER));
        List<String> foreign = new ArrayList<>();
        for (String name : names) {
            boolean ours = name.equals(MARKER) ? listed != null : listed != null && listed.containsKey(name);
            if (!ours) {
                foreign.add(name);
            }
        }
        OutputDirectory.refuseForeign(dir, foreign, KIND);
        List<Written> files = new ArrayList<>();
        for (String name : names) {
            if (name.equals(MARKER)) {
                continue;
            }
            Written w = listed.get(name);
            if (w == null || !w.matches(target)) {
                throw OutputDirectory.unverified(dir, name, KIND);
            }
            files.add(w);
        }
        try {
            files.add(Written.of(target, MARKER));
        } catch (IOException e) {
            throw new Unusable("'" + dir + "' cannot be read (" + OutputDirectory.reason(e) + "): choose another"
                    + " directory");
        }
        return files;
    }

    /**
     * The files a marker lists, by name, each with its record or null when the marker gives none (an older
     * marker's bare names); null when {@code marker} is missing or not a Replearn marker.
     */
    private static Map<String, Written> markerFiles(Path marker) {
        JsonNode node = OutputDirectory.marker(marker, WRITER);
        if (node == null || !node.path("files").isArray()) {
            return null;
        }
        Map<String, Written> files = new TreeMap<>();
        for (JsonNode f : node.get("files")) {
            Written w = Written.fromJson(f);
            String name = w != null ? w.name() : f.isTextual() ? f.asText() : "";
            if (!name.isEmpty() && !name.contains("/") && !name.startsWith(".")) {
                files.put(name, w);
            }
        }
        return files;
    }

    /**
     * Creates, then removes, a hidden directory in the nearest existing ancestor of {@code target} and the missing
     * names of {@code target} inside it: proves that the report can be written there and that every name is legal.
     */
    private static void probe(String dir, Path target) throws Unusable {
        Path base = target.getParent();
        while (base != null && !Files.exists(base)) {
            base = base.getParent();
        }
        if (base == null || !Files.isDirectory(base)) {
            throw new Unusable("'" + dir + "' cannot be created: '" + base + "' is not a directory; choose a path"
                    + " under a directory");
        }
        Path probe = base.resolve(TEMP_PREFIX + randomSuffix());
        List<Path> created = new ArrayList<>();
        try {
            Files.createDirectory(probe);
            created.add(probe);
            Path p = probe;
            for (Path name : base.relativize(target)) {
                p = p.resolve(name);
                Files.createDirectory(p);
                created.add(p);
            }
        } catch (IOException | RuntimeException e) {
            throw new Unusable("'" + dir + "' cannot be written (" + OutputDirectory.reason(e) + "): choose a"
                    + " directory you can write to");
        } finally {
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    Files.delete(created.get(i));
                } catch (IOException e) {
                    // left behind only if the file system refuses to remove an empty directory it just created
                }
            }
        }
    }

    /**
     * Writes a report with {@code contents} into a fresh directory and puts it in place of the destination (see the
     * class comment). The destination is checked again first: if it changed since {@link #check}, nothing is written.
     *
     * @return the absolute path of the report
     */
    public Path replaceWith(Contents contents) throws IOException, Unusable {
        try {
            return replace(contents);
        } finally {
            DirectoryLock.release(owner);
        }
    }

    private Path replace(Contents contents) throws IOException, Unusable {
        synchronized (LOCK) {
            if (stopping) {
                throw new IOException("the program is stopping (SIGINT or SIGTERM): no report is started");
            }
            ReportDirectory now = examine(target.toString(), owner);
            Path parent = target.getParent();
            List<Path> createdParents = missingAncestors(parent);
            Path tmp = parent.resolve(TEMP_PREFIX + randomSuffix());
            Path old = null;
            try {
                Files.createDirectories(parent);
                DirectoryLock.journal(owner, TEMPORARY + tmp);
                Files.createDirectory(tmp);
                PENDING.add(tmp);
                List<String> files = contents.writeInto(tmp);
                writeMarker(tmp, files);
                if (now.state == State.PREVIOUS_REPORT) {
                    old = parent.resolve(OLD_PREFIX + randomSuffix());
                    DirectoryLock.journal(owner, MOVED_ASIDE + old);
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    PENDING.add(old);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException | RuntimeException e) {
                    if (old != null) {
                        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                        PENDING.remove(old);
                        old = null;
                    }
                    throw e;
                }
                PENDING.remove(tmp);
                if (old != null) {
                    deleteReport(old, now.previousFiles);
                    PENDING.remove(old);
                }
                return target;
            } catch (IOException | RuntimeException e) {
                deleteTemporary(tmp);
                PENDING.remove(tmp);
                for (int i = createdParents.size() - 1; i >= 0; i--) {
                    removeIfEmpty(createdParents.get(i));
                }
                throw e;
            }
        }
    }

    /**
     * Undoes what a killed run left of a replacement of the report {@code target}, as the journal of the lock of
     * {@code owner} (held by this process) records it ({@link DirectoryLock#inherited}): a previous report it had
     * moved aside goes back in place when the destination is missing, and its temporary directory (files only) is
     * deleted. Entries that name anything else (another directory, another prefix) are ignored. {@link #check} calls
     * it; a caller of {@link #checkInside} calls it once it holds {@code owner}'s lock, before inspecting.
     */
    public static void undoKilledReplacement(Path target, Path owner) throws Unusable {
        Path parent = target.getParent();
        for (String entry : DirectoryLock.inherited(owner)) {
            try {
                if (entry.startsWith(MOVED_ASIDE)) {
                    Path old = Path.of(entry.substring(MOVED_ASIDE.length()));
                    if (parent.equals(old.getParent()) && old.getFileName().toString().startsWith(OLD_PREFIX)
                            && Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS)
                            && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    }
                } else if (entry.startsWith(TEMPORARY)) {
                    Path tmp = Path.of(entry.substring(TEMPORARY.length()));
                    if (parent.equals(tmp.getParent()) && tmp.getFileName().toString().startsWith(TEMP_PREFIX)) {
                        deleteTemporary(tmp);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new Unusable("'" + target + "': a killed run left '" + entry + "', which could not be undone ("
                        + OutputDirectory.reason(e) + "): move it away and run again");
            }
        }
    }

    /** What goes into the report directory. */
    @FunctionalInterface
    public interface Contents {
        /** Writes the report's files into the empty directory {@code dir} and returns their names. */
        List<String> writeInto(Path dir) throws IOException;
    }

    private static void writeMarker(Path dir, List<String> files) throws IOException {
        var marker = JSON.createObjectNode();
        marker.put("writer", WRITER);
        var list = marker.putArray("files");
        for (String f : files) {
            list.addPOJO(Written.of(dir, f).toJson());
        }
        Files.writeString(dir.resolve(MARKER), JSON.writeValueAsString(marker));
    }

    /** The ancestors of {@code dir} (itself included) that do not exist yet, outermost first. */
    private static List<Path> missingAncestors(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        return missing;
    }

    /**
     * Deletes the files of a report renamed aside that still match their records, then the directory if nothing else
     * is in it (a file edited meanwhile stays there, in the directory renamed aside).
     */
    private static void deleteReport(Path dir, List<Written> files) throws IOException {
        for (Written f : files) {
            if (f.matches(dir)) {
                Files.delete(dir.resolve(f.name()));
            }
        }
        removeIfEmpty(dir);
    }

    /** Removes a directory this class created or emptied, unless something else appeared in it (then it stays). */
    private static void removeIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // not empty, or not removable: it stays where it is and nothing is lost
        }
    }

    /** Deletes a temporary directory this class created, and the files in it (all written by this class). */
    private static void deleteTemporary(Path tmp) throws IOException {
        if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> entries = Files.list(tmp)) {
            for (Path p : entries.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(tmp);
    }

    /**
     * Shutdown hook: waits for a replacement under way, then removes what a failed or interrupted one left, and
     * lets no replacement start afterwards.
     */
    private static void cleanUpPending() {
        synchronized (LOCK) {
            stopping = true;
            for (Path p : new ArrayList<>(PENDING)) {
                try {
                    if (p.getFileName().toString().startsWith(TEMP_PREFIX)) {
                        deleteTemporary(p);
                    }
                } catch (IOException e) {
                    // the JVM is exiting: nothing more can be done
                }
            }
            PENDING.clear();
        }
    }

    private static String randomSuffix() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
