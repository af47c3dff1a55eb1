package org.replearn.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verified store of a sweep: a stored cell that was altered, truncated, emptied or replaced by random bytes is
 * named on stderr, deleted and computed again, and the report ends identical; a directory in place of a cell file is
 * refused by its path.
 */
class StoredCellVerificationTest {
    private static final String CLAIM = "hermite-identities";

    @TempDir
    Path tmp;

    private static SweepDirectory.StoredCell cell() {
        return new SweepDirectory.StoredCell("some-claim", "d64-r3", "0123456789abcdef",
                Codec.encode(new double[] {1.5, -0.25, Math.PI}), 1.25, 2.5);
    }

    /** Every single flipped byte, every truncation, no bytes, random bytes and the unchecked format 1 are refused. */
    @Test
    void everyAlteredStoredCellFailsVerification() throws CellFile.Corrupt {
        SweepDirectory.StoredCell cell = cell();
        byte[] file = CellFile.encode(cell);
        SweepDirectory.StoredCell back = CellFile.decode(file, "some-claim", "d64-r3", "0123456789abcdef");
        assertArrayEquals(cell.result(), back.result());
        assertEquals(cell, new SweepDirectory.StoredCell(back.claim(), back.key(), back.configHash(), cell.result(),
                back.cpuSeconds(), back.wallSeconds()));
        for (int i = 0; i < file.length; i++) {
            byte[] flipped = file.clone();
            flipped[i] ^= 0x40;
            assertThrows(CellFile.Corrupt.class, () -> CellFile.decode(flipped, "some-claim", "d64-r3",
                    "0123456789abcdef"), "byte " + i);
        }
        for (int n = 0; n < file.length; n++) {
            byte[] truncated = Arrays.copyOf(file, n);
            assertThrows(CellFile.Corrupt.class, () -> CellFile.decode(truncated, "some-claim", "d64-r3",
                    "0123456789abcdef"), "length " + n);
        }
        byte[] random = new byte[file.length];
        new Random(7).nextBytes(random);
        assertEquals("empty", assertThrows(CellFile.Corrupt.class,
                () -> CellFile.decode(new byte[0], "some-claim", "d64-r3", "0123456789abcdef")).getMessage());
        assertThrows(CellFile.Corrupt.class, () -> CellFile.decode(random, "some-claim", "d64-r3",
                "0123456789abcdef"));
        assertTrue(assertThrows(CellFile.Corrupt.class, () -> CellFile.decode(Codec.encode(cell), "some-claim",
                "d64-r3", "0123456789abcdef")).getMessage().contains("store format 1"));
        // an intact file of another cell or configuration, copied to this path
        assertThrows(CellFile.Corrupt.class, () -> CellFile.decode(file, "some-claim", "d64-r4", "0123456789abcdef"));
        assertThrows(CellFile.Corrupt.class, () -> CellFile.decode(file, "some-claim", "d64-r3", "0123456789abcdee"));
    }

    /**
     * One quick sweep; four stored cells flipped (byte 402 XOR 0x40), truncated, emptied and overwritten with random
     * bytes; the rerun names each in one warning line, computes exactly those four and ends with the same claims
     * and CSVs; then a directory in place of a cell file is refused by its path, and left alone.
     */
    @Test
    void corruptStoredCellsAreNamedAndRecomputedToTheSameReport() throws Exception {
        Path dir = tmp.resolve("sweep");
        String[] args = {"--only", CLAIM, "--seed", "0", "--master", "local[2]", "--out", dir.toString(), "--quiet"};
        SweepLocalTest.Run first = SweepLocalTest.sweep(args);
        assertEquals(0, first.code(), first.err());
        Path reference = tmp.resolve("reference");
        Files.createDirectories(reference);
        for (String f : reportFiles(dir.resolve("report"))) {
            Files.copy(dir.resolve("report").resolve(f), reference.resolve(f));
        }
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(dir.resolve("cells"))) {
            stored = walk.filter(p -> p.toString().endsWith(".cell")).sorted().toList();
        }
        int total = stored.size();
        assertTrue(total >= 5, stored.toString());

        byte[] bytes = Files.readAllBytes(stored.get(0));
        assertTrue(bytes.length > 402, "length " + bytes.length);
        bytes[402] ^= 0x40;
        Files.write(stored.get(0), bytes);
        byte[] whole = Files.readAllBytes(stored.get(1));
        Files.write(stored.get(1), Arrays.copyOf(whole, whole.length / 2));
        Files.write(stored.get(2), new byte[0]);
        byte[] random = new byte[whole.length];
        new Random(11).nextBytes(random);
        Files.write(stored.get(3), random);

        SweepLocalTest.Run rerun = SweepLocalTest.sweep(args);
        assertEquals(0, rerun.code(), rerun.err());
        List<String> warnings = rerun.err().strip().lines().toList();
        assertEquals(4, warnings.size(), rerun.err());
        for (int i = 0; i < 4; i++) {
            String w = warnings.get(i);
            assertTrue(w.startsWith("sweep: stored cell '" + stored.get(i) + "' is corrupt (")
                    && w.endsWith("); recomputing it"), w);
        }
        assertTrue(rerun.out().contains(total + " cells: 4 computed, " + (total - 4) + " resumed, 0 failed"),
                rerun.out());
        List<String> files = reportFiles(reference);
        assertTrue(files.contains("claims.json"), files.toString());
        assertEquals(files, reportFiles(dir.resolve("report")));
        for (String f : files) {
            byte[] want = Files.readAllBytes(reference.resolve(f));
            byte[] got = Files.readAllBytes(dir.resolve("report").resolve(f));
            if (f.equals("claims.json")) {
                want = SweepLocalTest.claims(want);
                got = SweepLocalTest.claims(got);
            }
            assertArrayEquals(want, got, f);
        }
        // the recomputed cells are stored verified again
        StringWriter none = new StringWriter();
        Path hashDir = stored.get(0).getParent();
        SweepDirectory again = SweepDirectory.check(dir.toString());
        assertEquals(total, again.load(CLAIM, hashDir.getFileName().toString(), new PrintWriter(none, true)).size());
        assertEquals("", none.toString());

        Files.delete(stored.get(0));
        Files.createDirectories(stored.get(0));
        Files.writeString(stored.get(0).resolve("notes.txt"), "mine");
        SweepLocalTest.Run refused = SweepLocalTest.sweep(args);
        assertEquals(2, refused.code(), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        String shown = dir.relativize(stored.get(0)).toString();
        assertTrue(refused.err().contains("'" + shown + "'"), refused.err());
        assertFalse(refused.err().contains("'cells'"), refused.err());
        assertEquals("mine", Files.readString(stored.get(0).resolve("notes.txt")));
    }

    private static List<String> reportFiles(Path report) throws IOException {
        try (Stream<Path> list = Files.list(report)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.equals("claims.json") || n.endsWith(".csv")).sorted().toList();
        }
    }
}
