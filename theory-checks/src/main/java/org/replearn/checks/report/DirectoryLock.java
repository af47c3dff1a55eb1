package org.replearn.checks.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One writer per output directory: an operating-system lock ({@link FileChannel#tryLock}) on the file
 * {@code .replearn-lock-<h>} beside the directory {@code <name>} ({@code h}: the first 16 hex digits of the SHA-256
 * of {@code <name>}, so any legal name has a legal lock name), held until it is released or the process exits. The
 * file records the holder ({@code pid}, start time) so that a second run refuses at once naming it. Acquiring is
 * re-entrant within one process. The holder releases it by writing {@code released} into the file, deleting it and
 * only then unlocking, so an acquirer that locks a file a holder just deleted reads {@code released} and tries again
 * (a lock won on a deleted file is not a lock). The file is only ever read through the locking channel: closing any
 * other descriptor of it would drop the process's lock. Parents of the directory that acquiring created are removed
 * again on release if they are still empty (a refused run leaves nothing behind). Below its first line the file is
 * the holder's journal ({@link #journal}): what it is about to create, so that the next holder can undo what a killed
 * one left ({@link #inherited}).
 */
public final class DirectoryLock {
    /** The start of every lock file's name. */
    public static final String PREFIX = ".replearn-lock-";
    private static final String RELEASED = "released";
    private static final Map<Path, Held> HELD = new HashMap<>();

    /**
     * A lock held: the parents of its directory that acquiring it created (deepest first), the entries this holder
     * journaled ({@link #journal}) and those a previous holder that never released it left ({@link #inherited}).
     */
    private record Held(Path file, FileChannel channel, FileLock lock, List<Path> createdParents, String header,
            List<String> entries, List<String> inheritedEntries) {
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DirectoryLock::releaseAll, "replearn-lock-release"));
    }

    private DirectoryLock() {
    }

    /** The lock file of {@code dir}: {@code .replearn-lock-<h>} in its parent (see the class comment). */
    public static Path fileOf(Path dir) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(
                    dir.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            return dir.resolveSibling(PREFIX + HexFormat.of().formatHex(h, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Locks {@code dir} (absolute, normalized) for this process, creating its missing parents (removed again on
     * release while empty); {@link OutputDirectory.Unusable} naming the holder when another process holds it, or when
     * the lock cannot be taken. {@code shown} is how the messages name the directory.
     */
    public static synchronized void acquire(String shown, Path dir) throws OutputDirectory.Unusable {
        if (HELD.containsKey(dir)) {
            return;
        }
        Path file = fileOf(dir);
        List<Path> created = new ArrayList<>();
        for (Path p = dir.getParent(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            created.add(p);
        }
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException | RuntimeException e) {
            removeEmpty(created);
            throw new OutputDirectory.Unusable("'" + shown + "' cannot be created (" + OutputDirectory.reason(e)
                    + "): choose a directory you can write to");
        }
        try {
            HELD.put(dir, lock(shown, file, created));
        } catch (OutputDirectory.Unusable e) {
            removeEmpty(created);
            throw e;
        }
    }

    /** Takes the lock of {@code file} (its parent exists), retrying when its previous holder just deleted it. */
    private static Held lock(String shown, Path file, List<Path> created) throws OutputDirectory.Unusable {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (Files.isSymbolicLink(file) || Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new OutputDirectory.Unusable("'" + shown + "' cannot be locked: '" + file + "' is not a"
                        + " regular file; move it away or choose another directory");
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    throw new OutputDirectory.Unusable("'" + shown + "' is in use by another Replearn run ("
                            + holder(file) + "): wait for it to end or choose another directory; nothing was"
                            + " computed or changed");
                }
                String previous = read(channel);
                if (!RELEASED.equals(previous)) {
                    String header = "pid " + ProcessHandle.current().pid() + ", started " + Instant.ofEpochMilli(
                            ManagementFactory.getRuntimeMXBean().getStartTime());
                    write(channel, header + "\n");
                    List<String> inherited = previous.lines().skip(1).filter(l -> !l.isBlank()).toList();
                    return new Held(file, channel, lock, created, header, new ArrayList<>(), inherited);
                }
                channel.close(); // its previous holder deleted it after we opened it: try again
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                throw new OutputDirectory.Unusable("'" + shown + "' cannot be locked (" + OutputDirectory.reason(e)
                        + "): choose a directory you can write to");
            }
        }
        throw new OutputDirectory.Unusable("'" + shown + "' cannot be locked: other runs keep taking it; wait for"
                + " them to end or choose another directory");
    }

    /**
     * Records {@code entry} (one line) in the journal of {@code dir}'s lock, which this process holds, on disk before
     * returning: what the holder is about to create, for the next holder should this one be killed.
     */
    public static synchronized void journal(Path dir, String entry) throws IOException {
        Held h = HELD.get(dir);
        if (h == null || entry.contains("\n")) {
            throw new IllegalArgumentException("journal of '" + dir + "': the lock is not held, or the entry is not one"
                    + " line");
        }
        h.entries().add(entry);
        write(h.channel(), h.header() + "\n" + String.join("\n", h.entries()) + "\n");
    }

    /** The journal entries a previous holder of {@code dir}'s lock left (it ended without releasing it), oldest first. */
    public static synchronized List<String> inherited(Path dir) {
        Held h = HELD.get(dir);
        return h == null ? List.of() : h.inheritedEntries();
    }

    /** Whether this process holds the lock of {@code dir}. */
    public static synchronized boolean holds(Path dir) {
        return HELD.containsKey(dir);
    }

    /**
     * Releases this process's lock of {@code dir} (if held), deleting its file first while still holding it; a
     * null {@code dir} is ignored.
     */
    public static synchronized void release(Path dir) {
        Held h = dir == null ? null : HELD.remove(dir);
        if (h != null) {
            unlock(h);
        }
    }

    /** What the lock file says about its holder, in words. */
    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            return text.isEmpty() ? "a run that is just starting" : RELEASED.equals(text) ? "a run that is just ending"
                    : text;
        } catch (IOException | RuntimeException e) {
            return "holder unknown";
        }
    }

    /** Shutdown hook: deletes each lock file while still holding its lock, then releases it. */
    private static synchronized void releaseAll() {
        HELD.values().forEach(DirectoryLock::unlock);
        HELD.clear();
    }

    private static void unlock(Held h) {
        try {
            write(h.channel(), RELEASED);
            Files.deleteIfExists(h.file());
        } catch (IOException e) {
            // left behind: the next run locks and rewrites it
        }
        closeQuietly(h.channel());
        removeEmpty(h.createdParents());
    }

    /** Deletes the directories {@code created} (deepest first) while they are empty; stops at the first that is not. */
    private static void removeEmpty(List<Path> created) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException e) {
                return; // not empty (the run wrote there) or not ours to judge: kept
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the process is ending or the lock was not taken: nothing to undo
            }
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // reads the whole (small) file through the locking channel
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void write(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        channel.force(true);
    }
}
