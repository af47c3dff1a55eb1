package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The run metadata: the command line as a shell reads it back, the date to the second, the build's identity. */
class RunMetadataTest {
    @Test
    void capturesTheCommandLineShellQuotedAndTheRun() {
        RunMetadata m = RunMetadata.capture(List.of("reproduce", "--only", "a,b", "--out", "my report", "it's", ""),
                "./replearn reproduce --scale quick --seed 0");
        assertEquals("replearn reproduce --only a,b --out 'my report' 'it'\\''s' ''", m.commandLine());
        assertEquals("./replearn reproduce --scale quick --seed 0", m.command());
        assertTrue(m.date().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), m.date());
        assertEquals(Runtime.getRuntime().availableProcessors(), m.cores());
        assertEquals(System.getProperty("java.version"), m.javaVersion());
        assertTrue(m.gitCommit().matches("[0-9a-f]{40}(-dirty)?|unknown"), m.gitCommit());
        assertEquals(RunMetadata.buildVersion(), m.replearnVersion());
    }

    @Test
    void aReportWithoutMetadataReadsAsUnknown() {
        RunMetadata m = RunMetadata.fromJson(java.util.Map.of("command", "./replearn reproduce --seed 1"));
        assertEquals("Run unknown: replearn unknown (commit unknown), Java unknown (unknown), cores unknown.",
                m.summary());
        assertEquals("./replearn reproduce --seed 1", m.command());
    }
}
