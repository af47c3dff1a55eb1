package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.Progress;

/** The progress display: plain, rate-limited lines in a log; nothing when quiet; verdicts on stdout. */
class ProgressLineTest {
    /** A burst of updates within a second gives no log line (the first may come after 10 s), and no control codes. */
    @Test
    void aLogGetsNoBurstAndNoControlCharacters() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err, true), ProgressLine.Mode.LOG, 2);
        Progress sink = line.startClaim(0, "hermite-identities");
        for (int i = 1; i <= 1000; i++) {
            sink.update(i, 1000);
        }
        line.finishClaim();
        line.close();
        assertTrue(err.toString().lines().count() <= 1, err.toString());
        assertFalse(err.toString().contains("\r") || err.toString().contains("\u001b"), err.toString());
    }

    @Test
    void quietPrintsNothingButTheVerdicts() {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err, true), ProgressLine.Mode.OFF, 1);
        line.startClaim(0, "width").update(1, 2);
        line.verdict(new PrintWriter(out, true), "holds  width");
        assertEquals("", err.toString());
        assertEquals("holds  width", out.toString().strip());
    }

    /** On a terminal a verdict first clears the rewritten line, so the two never share a row. */
    @Test
    void aVerdictClearsTheTerminalLine() {
        StringWriter err = new StringWriter();
        ProgressLine line = new ProgressLine(new PrintWriter(err, true), ProgressLine.Mode.TERMINAL, 1);
        line.startClaim(0, "width");
        int drawn = err.toString().length();
        line.verdict(new PrintWriter(new StringWriter(), true), "holds  width");
        String cleared = err.toString().substring(drawn);
        assertTrue(cleared.startsWith("\r") && cleared.endsWith("\r") && cleared.strip().isEmpty(), cleared);
    }
}
