package org.replearn.regression;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/** A directory of golden files {@code <entry>.json}: loading with clear errors, atomic writing. */
public final class GoldenStore {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path dir;

    /** The store in {@code dir}. */
    public GoldenStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The directory. */
    public Path directory() {
        return dir;
    }

    /** The file of an entry. */
    public Path file(String entry) {
        return dir.resolve(entry + ".json");
    }

    /**
     * Loads and checks the golden file of {@code entry}.
     *
     * @throws GoldenFileException if it is missing, unreadable or corrupt, saying how to regenerate it
     */
    public EntryResult load(String entry) {
        Path file = file(entry);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new GoldenFileException("Golden file " + file + " for catalogue entry '" + entry + "' is missing.", e);
        } catch (IOException e) {
            throw new GoldenFileException("Golden file " + file + " for catalogue entry '" + entry
                    + "' cannot be read: " + e, e);
        }
        try {
            return JSON.readValue(text, Golden.class).toResult(entry);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage()
                    + (j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr()) : e.getMessage();
            throw new GoldenFileException("Golden file " + file + " for catalogue entry '" + entry
                    + "' is corrupt: " + reason, e);
        }
    }

    /**
     * Writes a golden file through a temporary file and an atomic move (readers never see half a file); the file is
     * world-readable like any other source file.
     */
    public void write(Golden golden) throws IOException {
        Files.createDirectories(dir);
        Path target = file(golden.entry());
        Path tmp = Files.createTempFile(dir, golden.entry() + ".", ".tmp");
        try {
            Files.writeString(tmp, toJson(golden), StandardCharsets.UTF_8);
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The JSON text of a golden file (two-space indentation, final newline). */
    public static String toJson(Golden golden) {
        try {
            return JSON.writeValueAsString(golden) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + golden, e);
        }
    }

    /** Entry names of the {@code *.json} files present. */
    public SortedSet<String> entries() throws IOException {
        SortedSet<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".json".length())));
        }
        return names;
    }
}
