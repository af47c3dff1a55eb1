package org.replearn.checks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A directory the program writes its output into ({@code --out}), under one rule so that output never destroys a
 * user's data: the directory may be missing, empty, or one the program wrote before (recognized by its marker file)
 * holding only what the program writes there; anything else is refused with an {@link Unusable} before any work and
 * left untouched. A marker proves ownership file by file: it records the size and SHA-256 of each file the program
 * wrote ({@link Written}), and a listed file that no longer matches is the user's (refused, never replaced or
 * deleted). One run writes a directory at a time ({@link DirectoryLock}). {@link ReportDirectory} is one; a sweep's
 * directory is another.
 */
public interface OutputDirectory {
    /** The absolute, normalized directory. */
    Path path();

    /** The directory cannot be used; the message says why and what to do, without naming the flag. */
    final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        /** An unusable directory, {@code message} saying why and what to do. */
        public Unusable(String message) {
            super(message);
        }
    }

    /**
     * A file the program wrote, as its marker records it.
     *
     * @param name   file name (no separator)
     * @param size   size in bytes
     * @param sha256 SHA-256 of its bytes, lowercase hex
     */
    record Written(String name, long size, String sha256) {
        /** The record of the regular file {@code dir/name} as it is now. */
        public static Written of(Path dir, String name) throws IOException {
            Path p = dir.resolve(name);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                return new Written(name, Files.size(p), HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        /** Whether {@code dir/name} is still a regular file with this size and SHA-256. */
        public boolean matches(Path dir) {
            Path p = dir.resolve(name);
            try {
                return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == size
                        && equals(of(dir, name));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        /** As a marker entry: {@code {"name": ..., "size": ..., "sha256": ...}}. */
        public Map<String, Object> toJson() {
            return Map.of("name", name, "size", size, "sha256", sha256);
        }

        /** A marker entry, or null when it is not one (e.g. a bare name, as older markers wrote). */
        public static Written fromJson(JsonNode node) {
            if (!node.isObject() || !node.path("name").isTextual() || !node.path("size").canConvertToLong()
                    || !node.path("sha256").isTextual()) {
                return null;
            }
            String sha = node.get("sha256").asText();
            return sha.matches("[0-9a-f]{64}") ? new Written(node.get("name").asText(), node.get("size").asLong(),
                    sha) : null;
        }
    }

    /**
     * Refuses a directory whose marker lists {@code name} though the file is not, or no longer, what the program
     * wrote: edited, replaced, or listed by a marker without checksums (an older version's, or a forged one).
     */
    static Unusable unverified(String dir, String name, Kind kind) {
        return new Unusable("'" + dir + "' holds '" + name + "', which its marker lists but which does not match"
                + " what " + kind.writer() + " wrote there (edited, or listed without a checksum): move it away or"
                + " choose another directory; nothing was changed");
    }

    /**
     * How the messages name a kind of output directory.
     *
     * @param noun    what it holds, e.g. {@code report}
     * @param example a directory name to suggest, e.g. {@code replearn-report}
     * @param writer  who writes it, e.g. {@code Replearn}
     */
    record Kind(String noun, String example, String writer) {
    }

    /**
     * Checks {@code dir} as typed by the user, up to its contents: it names a directory other than the root, is not a
     * symbolic link and, if it exists, is a directory. Returns the absolute, normalized path.
     */
    static Path resolve(String dir, Kind kind) throws Unusable {
        if (dir == null || dir.isBlank()) {
            throw new Unusable("'" + (dir == null ? "" : dir) + "' names no directory: pass a directory name such as "
                    + kind.example());
        }
        Path target;
        try {
            target = Path.of(dir).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new Unusable("'" + dir + "' is not a valid path on this system: choose another directory name");
        }
        if (target.getParent() == null) {
            throw new Unusable("'" + dir + "' is the root directory: name a new directory for the " + kind.noun());
        }
        if (Files.isSymbolicLink(target)) {
            throw new Unusable("'" + dir + "' is a symbolic link: name a new directory, or the linked directory"
                    + " itself if it holds a previous " + kind.noun());
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Unusable("'" + dir + "' exists and is not a directory (a " + kind.noun() + " is a directory and"
                    + " never replaces a file): choose a new directory name");
        }
        return target;
    }

    /** The names of the entries of {@code dir}, sorted; {@code shown} is how the messages name it. */
    static List<String> entries(String shown, Path dir) throws Unusable {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            throw new Unusable("'" + shown + "' cannot be read (" + reason(e) + "): choose another directory");
        }
    }

    /** Refuses {@code dir} when it holds {@code foreign} entries (not written by the program), naming up to three. */
    static void refuseForeign(String dir, List<String> foreign, Kind kind) throws Unusable {
        if (foreign.isEmpty()) {
            return;
        }
        String shown = "'" + String.join("', '", foreign.subList(0, Math.min(3, foreign.size()))) + "'"
                + (foreign.size() > 3 ? " and " + (foreign.size() - 3) + " more" : "");
        throw new Unusable("'" + dir + "' holds files " + kind.writer() + " did not write (" + shown + "): choose a new"
                + " or empty directory, or the directory of a previous " + kind.noun() + "; nothing was changed");
    }

    /**
     * The marker file {@code file} as JSON when it is a regular file whose {@code "writer"} is {@code writer};
     * null otherwise (missing, unreadable, or another program's).
     */
    static JsonNode marker(Path file, String writer) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            JsonNode node = new ObjectMapper().readTree(file.toFile());
            return node != null && writer.equals(node.path("writer").asText()) ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The operating system's reason for a failure, in words (never a Java class name). */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "a path component is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() == null ? "the file system refused" : e.getMessage();
    }
}
