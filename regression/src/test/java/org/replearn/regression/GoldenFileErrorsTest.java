package org.replearn.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** Missing and corrupt golden files fail with a message naming the file, the problem and the regeneration command. */
class GoldenFileErrorsTest {
    @TempDir
    Path dir;

    private static final CatalogueEntry ENTRY = new CatalogueEntry("synthetic-entry", "two fixed fields",
            Provenance.of(11L, "size", "3"), (threads, out) -> out.exact("v", new double[] {0.1, -2.5, 1e-300})
                    .exact("s", 42.0));

    private String written() throws IOException {
        GoldenStore store = new GoldenStore(dir);
        store.write(Golden.of(ENTRY, ENTRY.compute(1), "test"));
        return Files.readString(store.file(ENTRY.name()));
    }

    private void assertClearError(String text, String... expected) throws IOException {
        Files.writeString(new GoldenStore(dir).file(ENTRY.name()), text);
        GoldenFileException e = assertThrows(GoldenFileException.class, () -> new GoldenStore(dir).load(ENTRY.name()));
        String message = e.getMessage();
        assertTrue(message.contains(dir.resolve("synthetic-entry.json").toString()), message);
        assertTrue(message.contains(Baselines.REGENERATE_COMMAND), message);
        for (String s : expected) {
            assertTrue(message.contains(s), () -> "missing '" + s + "' in:\n" + message);
        }
    }

    @Test
    void writtenFileRoundTripsBitForBit() throws IOException {
        written();
        EntryResult loaded = new GoldenStore(dir).load(ENTRY.name());
        EntryResult computed = ENTRY.compute(1);
        for (Field f : computed.fields()) {
            assertTrue(f.sameAs(loaded.field(f.name())), f.name());
        }
        assertEquals(computed.provenance(), loaded.provenance());
    }

    @Test
    void missingFile() {
        GoldenFileException e = assertThrows(GoldenFileException.class, () -> new GoldenStore(dir).load("nothing-here"));
        assertTrue(e.getMessage().contains("Golden file " + dir.resolve("nothing-here.json") + " for catalogue entry"
                + " 'nothing-here' is missing."), e.getMessage());
        assertTrue(e.getMessage().contains(Baselines.REGENERATE_COMMAND), e.getMessage());
    }

    @Test
    void truncatedJson() throws IOException {
        String text = written();
        assertClearError(text.substring(0, text.length() / 2), "is corrupt", "at line");
    }

    @Test
    void bitsDisagreeingWithTheDecimalValue() throws IOException {
        assertClearError(written().replace("\"values\" : [ 42.0 ]", "\"values\" : [ 42.5 ]"), "is corrupt",
                "field s value[0] = 42.5 disagrees with its bits 4045000000000000 (= 42.0)");
    }

    @Test
    void malformedBits() throws IOException {
        assertClearError(written().replace("4045000000000000", "40450000000000zz"), "is corrupt",
                "bits[0] = '40450000000000zz' is not 16 lower-case hex digits");
    }

    @Test
    void unknownProperty() throws IOException {
        assertClearError(written().replace("\"entry\" :", "\"entyr\" : \"x\", \"entry\" :"), "is corrupt",
                "Unrecognized field \"entyr\"");
    }

    @Test
    void toleranceRuleWithoutJustification() throws IOException {
        String text = written().replaceFirst("\"kind\" : \"exact\",\\s*\"justification\" : \"[^\"]*\"",
                "\"kind\" : \"tolerance\", \"absolute\" : 1e-9, \"relative\" : 0.0");
        assertClearError(text, "is corrupt", "rule justification is missing");
    }

    @Test
    void fileOfAnotherEntry() throws IOException {
        assertClearError(written().replace("\"entry\" : \"synthetic-entry\"", "\"entry\" : \"other\""), "is corrupt",
                "entry is 'other', expected 'synthetic-entry'");
    }

    @Test
    void checkCommandReportsTheCorruptFileAndFails() throws IOException {
        Files.writeString(new GoldenStore(dir).file(ENTRY.name()), "{ not json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = Baselines.check(List.of(ENTRY), new GoldenStore(dir), 1,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, out);
        assertTrue(out.contains("is corrupt") && out.contains(Baselines.REGENERATE_COMMAND), out);
    }
}
