package org.replearn.checks.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.claims.paper.Claims;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The tools around a report: {@code list}, {@code diff OLD NEW} and {@code reproduce --junit FILE}. */
class ReportToolsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    private static Path report;
    private static Path junit;

    /** One small report (hermite-identities, quick) with its JUnit file, shared by the tests. */
    @BeforeAll
    static void reproduce() {
        report = tmp.resolve("report");
        junit = tmp.resolve("claims.xml");
        CliHarness.Run r = CliHarness.run(List.of("reproduce", "--only", "hermite-identities", "--quiet", "--threads",
                "1", "--out", report.toString(), "--junit", junit.toString()));
        assertEquals(ReplearnCli.OK, r.code(), r.err());
    }

    @Test
    void listNamesEveryClaimWithItsCellsPerScale() throws Exception {
        CliHarness.Run text = CliHarness.run(List.of("list"));
        assertEquals(ReplearnCli.OK, text.code(), text.err());
        List<String> ids = Claims.ids();
        assertEquals(ids, text.out().lines().skip(1).map(l -> l.split(" ", 2)[0]).toList());
        JsonNode json = JSON.readTree(CliHarness.run(List.of("list", "--json")).out());
        assertEquals(ids.size(), json.size());
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(ids.get(i), json.get(i).get("id").asText());
            for (String scale : new String[] {"quick", "full", "paper"}) {
                assertTrue(json.get(i).get("cells").get(scale).asInt() >= 1, ids.get(i) + " " + scale);
            }
        }
    }

    @Test
    void aReportComparedWithItselfHasNoChange() {
        CliHarness.Run r = CliHarness.run(List.of("diff", report.toString(), report.resolve("claims.json").toString()));
        assertEquals(ReplearnCli.OK, r.code(), r.err());
        assertTrue(r.out().contains("0 verdicts flipped; 0 of "), r.out());
        assertTrue(r.out().contains("| `hermite-identities` | holds → holds |"), r.out());
    }

    /** A flipped verdict and a value moved by 10 standard errors both fail the comparison (exit 1), in bold. */
    @Test
    void aFlippedVerdictOrAMovedValueFailsTheComparison() throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(report.resolve("claims.json").toFile());
        ObjectNode claim = (ObjectNode) doc.get("claims").get(0);
        claim.put("holds", false);
        Path flipped = tmp.resolve("flipped.json");
        JSON.writeValue(flipped.toFile(), doc);
        CliHarness.Run r = CliHarness.run(List.of("diff", report.toString(), flipped.toString()));
        assertEquals(ReplearnCli.CLAIM_FAILS, r.code(), r.out());
        assertTrue(r.out().contains("**holds** → **FAILS**") && r.out().contains("1 verdict flipped"), r.out());

        claim.put("holds", true);
        ObjectNode m = (ObjectNode) claim.get("measured");
        double v = m.get("value").asDouble();
        m.put("standard_error", 0.1);
        Path base = tmp.resolve("with-se.json");
        JSON.writeValue(base.toFile(), doc);
        m.put("value", v + 0.1 * Math.sqrt(2) * 10);
        Path moved = tmp.resolve("moved.json");
        JSON.writeValue(moved.toFile(), doc);
        CliHarness.Run z = CliHarness.run(List.of("diff", base.toString(), moved.toString()));
        assertEquals(ReplearnCli.CLAIM_FAILS, z.code(), z.out());
        assertTrue(z.out().contains("**+10.00 SE**"), z.out());
        CliHarness.Run wide = CliHarness.run(List.of("diff", "--max-z", "11", base.toString(), moved.toString()));
        assertEquals(ReplearnCli.OK, wide.code(), wide.out());
    }

    @Test
    void aMissingOrForeignReportIsAUsageError() throws Exception {
        CliHarness.Run missing = CliHarness.run(List.of("diff", report.toString(), tmp.resolve("nope").toString()));
        assertEquals(ReplearnCli.USAGE, missing.code());
        assertTrue(missing.err().contains("'NEW'") && missing.err().contains("does not exist"), missing.err());
        Path notes = Files.writeString(tmp.resolve("notes.json"), "{\"a\": 1}");
        assertEquals(ReplearnCli.USAGE, CliHarness.run(List.of("diff", notes.toString(), report.toString())).code());
    }

    /** One test case per claim and per control; the counts in the suite's attributes agree. */
    @Test
    void junitHasOneCasePerClaimAndControl() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        Element suites = xml.getDocumentElement();
        assertEquals("testsuites", suites.getTagName());
        JsonNode claim = JSON.readTree(report.resolve("claims.json").toFile()).get("claims").get(0);
        int cases = 1 + claim.get("controls").size();
        assertEquals(cases, xml.getElementsByTagName("testcase").getLength());
        assertEquals(String.valueOf(cases), suites.getAttribute("tests"));
        assertEquals("0", suites.getAttribute("failures"));
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
    }

    /** A file put at the JUnit path while the claims ran is not replaced: the write checks ownership again. */
    @Test
    void junitWriteChecksOwnershipAgain() throws Exception {
        Path late = tmp.resolve("late.xml");
        org.replearn.checks.report.JUnitXml.check(late.toString());
        Files.writeString(late, "<mine/>");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> org.replearn.checks.report.JUnitXml.write(null, late));
        assertEquals("<mine/>", Files.readString(late));
    }

    /** An existing file replearn did not write is refused before any work and left as it was. */
    @Test
    void junitNeverReplacesAFileItDidNotWrite() throws Exception {
        Path mine = Files.writeString(tmp.resolve("mine.xml"), "<results>keep me</results>");
        CliHarness.Run r = CliHarness.run(List.of("reproduce", "--only", "hermite-identities", "--quiet", "--out",
                tmp.resolve("other").toString(), "--junit", mine.toString()));
        assertEquals(ReplearnCli.USAGE, r.code());
        assertTrue(r.err().contains("--junit"), r.err());
        assertEquals("<results>keep me</results>", Files.readString(mine));
        assertFalse(Files.exists(tmp.resolve("other")));
    }
}
