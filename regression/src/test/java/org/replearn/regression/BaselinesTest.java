package org.replearn.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regeneration command prints what changed and rewrites only changed files; the digest format. */
class BaselinesTest {
    @TempDir
    Path dir;

    private static final List<CatalogueEntry> ENTRIES = List.of(Catalogue.entry("relu-moments"),
            Catalogue.entry("population-gradient"));

    private String write() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, Baselines.write(ENTRIES, new GoldenStore(dir), 1,
                new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writePrintsNewUnchangedChangedRepairedAndRemoved() throws IOException {
        String first = write();
        assertTrue(first.contains("NEW        relu-moments") && first.contains("NEW        population-gradient"), first);
        assertTrue(first.contains("2 written, 0 unchanged, 0 removed."), first);

        String second = write();
        assertTrue(second.contains("unchanged  relu-moments") && second.contains("0 written, 2 unchanged"), second);

        GoldenStore store = new GoldenStore(dir);
        EntryResult pinned = store.load("relu-moments");
        double old = pinned.field("moments").value(3);
        Path file = store.file("relu-moments");
        String hex = Golden.hex(old);
        String tampered = Files.readString(file).replace(hex, Golden.hex(Math.nextDown(old)))
                .replace(Double.toString(old), Double.toString(Math.nextDown(old)));
        Files.writeString(file, tampered);
        Files.writeString(store.file("population-gradient"), "{ broken");
        Files.writeString(store.file("retired-entry"), Files.readString(file).replace("relu-moments", "retired-entry"));

        String third = write();
        assertTrue(third.contains("CHANGED    relu-moments:"), third);
        assertTrue(third.contains("field 'moments': 1 of 36 values drifted"), third);
        assertTrue(third.contains("old " + Math.nextDown(old) + " (0x" + Golden.hex(Math.nextDown(old)) + ")  new "
                + old), third);
        assertTrue(third.contains("CHANGED    population-gradient: the previous file was unusable"), third);
        assertTrue(third.contains("REMOVED    retired-entry.json"), third);
        assertFalse(Files.exists(store.file("retired-entry")));
        assertEquals(0, Baselines.check(ENTRIES, store, 2, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)));
    }

    /**
     * A file that differs only in the project version that wrote it is unchanged (the version is read from the JSON,
     * not compared); a JSON file that is not a golden file is left alone.
     */
    @Test
    void anOlderProjectVersionIsUnchangedAndForeignJsonIsIgnored() throws IOException {
        write();
        GoldenStore store = new GoldenStore(dir);
        Path file = store.file("relu-moments");
        String older = Files.readString(file).replaceFirst("\"projectVersion\" : \"[^\"]*\"",
                "\"projectVersion\" : \"0.0.1\"");
        Files.writeString(file, older);
        Files.writeString(store.file("notes"), "{ \"format\" : \"notes\", \"quoted\" : { \"format\" : \""
                + Golden.FORMAT + "\" } }\n");
        String again = write();
        assertTrue(again.contains("unchanged  relu-moments") && again.contains("0 written, 2 unchanged"), again);
        assertTrue(again.contains("IGNORED    notes.json (not a golden file)"), again);
        assertEquals(older, Files.readString(file));
        assertTrue(Files.exists(store.file("notes")));
    }

    @Test
    void digestHasOneLinePerValueWithBitsAndDecimal() {
        String digest = Baselines.digest(List.of(Catalogue.entry("relu-moments")), 1);
        List<String> lines = digest.lines().toList();
        assertEquals(36, lines.size());
        for (String line : lines) {
            String[] parts = line.split(" ");
            assertEquals(3, parts.length, line);
            assertTrue(parts[0].matches("relu-moments/moments\\[\\d,\\d\\]"), line);
            assertEquals(parts[1], Golden.hex(Double.parseDouble(parts[2])), line);
        }
    }

    @Test
    void badUsageExitsWithStatus2AndPrintsUsage() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Baselines.run(new String[] {"--write", "--threads", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--threads = '0' must be an integer >= 1"));
    }
}
