package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The one status line: rate-limited plain lines in a log, a rewritten line on a terminal, nothing when off. */
class StatusLineTest {
    @Test
    void aLogPrintsForcedLinesAndHoldsBackTheRest() {
        StringWriter err = new StringWriter();
        StatusLine line = new StatusLine(new PrintWriter(err, true), ProgressLine.Mode.LOG, 3600);
        assertFalse(line.due());
        assertFalse(line.show("held back", false));
        assertTrue(line.show("a milestone", true));
        line.clear();
        assertEquals("a milestone" + System.lineSeparator(), err.toString());
    }

    @Test
    void aTerminalRewritesTheLineAndClearsIt() {
        StringWriter err = new StringWriter();
        StatusLine line = new StatusLine(new PrintWriter(err, true), ProgressLine.Mode.TERMINAL, 3600);
        line.show("a longer line", true);
        line.show("short", true);
        line.clear();
        assertEquals("\ra longer line" + "\rshort" + " ".repeat(8) + "\r" + " ".repeat(5) + "\r", err.toString());
    }

    @Test
    void offPrintsNothing() {
        StringWriter err = new StringWriter();
        StatusLine line = new StatusLine(new PrintWriter(err, true), ProgressLine.Mode.OFF, 0);
        assertFalse(line.show("anything", true));
        assertFalse(line.due());
        assertEquals("", err.toString());
    }
}
