package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cliff guard: the causes it names, and the warning of a pass whose blocks allocate like boxed vectors. */
class VectorGuardTest {
    @Test
    void configurationCausesAreNamed() {
        assertNull(VectorGuard.configurationCause("mixed mode, sharing", 8));
        assertTrue(VectorGuard.configurationCause("interpreted mode, sharing", 8).contains("-Xint"));
        assertTrue(VectorGuard.configurationCause("mixed mode, emulated-client, sharing", 8)
                .contains("TieredStopAtLevel=1"));
        assertTrue(VectorGuard.configurationCause("mixed mode", 1).contains("1 lane"));
        assertEquals(0, VectorGuard.flagCauses().size(), "the test JVM runs with default JIT flags");
    }

    /**
     * A pass 10 s old whose block ran at 0.1 GFLOP/s is suspect; the same thread then allocates 64 MB before its next
     * block ends: the guard warns once, naming the allocation; later blocks print nothing more.
     */
    @Test
    void aSlowPassThatAllocatesIsReportedOnce() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            long now = System.nanoTime();
            VectorGuard.Pass pass = new VectorGuard.Pass(1e9, now - 10_000_000_000L);
            pass.end(now - 10_000_000_000L, 1);
            byte[][] boxed = new byte[64][];
            for (int i = 0; i < boxed.length; i++) {
                boxed[i] = new byte[1 << 20];
            }
            pass.end(pass.begin(), 1);
            pass.end(now - 10_000_000_000L, 1);
            assertEquals(64, boxed.length);
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.split("replearn: warning", -1).length - 1, text);
        assertTrue(text.contains("MB in one block") && text.contains("C2 has not compiled them"), text);
    }
}
