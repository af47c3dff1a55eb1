package org.replearn.checks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Measurement;
import org.replearn.checks.claims.api.PlotSpec;
import org.replearn.checks.claims.api.Prediction;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.api.Tolerance;

/**
 * The report directory is written completely or not at all; claims.json and config.json follow their shipped JSON
 * Schemas (draft 2020-12), non-finite numbers included; the run metadata heads every file; citations of docs/math.md
 * link to the rendered math.html.
 */
class ReportWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final RunMetadata RUN = new RunMetadata("0.1.0-test", "0123456789abcdef0123456789abcdef01234567-dirty",
            "2026-12-07T09:00:00Z", "17.0.15", "Debian", 2, "replearn reproduce --seed 0 --only 'a b'",
            "./replearn reproduce --scale quick --seed 0");

    static Report report(List<PlotSpec> plots) {
        Sweep sweep = Sweep.table("numbers", "n", "value").row(1, 0.5).row(2, "a,b").build();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("x", 1.0);
        details.put("not_finite", Double.NaN);
        details.put("curve", new double[] {1, Double.POSITIVE_INFINITY, 0.25});
        details.put("counts", new int[] {3, 4});
        details.put("label", "text");
        details.put("ok", true);
        details.put("by_setting", Map.of("d=8", List.of(1.5, Double.NaN), "d=16", Map.of("n", 2L)));
        ClaimResult typed = ClaimResult.builder("sample-complexity", "Alignment follows n/d² (docs/math.md §5–§6)")
                .prediction(Prediction.equality(1.0, "exponent 1 (docs/math.md §2–3, §6)"))
                .measured(Measurement.of(0.98, 0.03, 5, "exponent 0.98 ± 0.03"))
                .tolerance(Tolerance.of(0.1, "3 standard errors"))
                .rationale("see docs/math.md §6")
                .holds(true)
                .control("a wrong variant", true, Measurement.exact(Double.NaN, "never crossed"))
                .details(details)
                .sweeps(List.of(sweep))
                .plots(plots)
                .build();
        ClaimResult band = ClaimResult.builder("width", "a band")
                .prediction(Prediction.band(0.2, 0.4, "between 0.2 and 0.4"))
                .measured(Measurement.of(Double.NaN, Double.NaN, 1, "could not be computed"))
                .tolerance(Tolerance.none("a band has none"))
                .rationale("why")
                .holds(false)
                .build();
        ClaimResult bound = ClaimResult.builder("gd-head", "a bound")
                .prediction(Prediction.upperBound(0.5, "at most 0.5"))
                .measured(Measurement.exact(0.25, "0.25"))
                .tolerance(Tolerance.of(0, "exact"))
                .rationale("why")
                .holds(true)
                .build();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("scale", "quick");
        configuration.put("seed", 0L);
        configuration.put("threads", 2);
        configuration.put("claims", List.of("sample-complexity", "width", "gd-head"));
        return new Report(RUN, configuration, List.of(typed, band, bound), Map.of("sample-complexity", 0.1), 0.1);
    }

    static PlotSpec plot(String name) {
        return new PlotSpec(name, "t", "x", "y", true, true,
                List.of(new PlotSpec.Series("s", new double[] {1, 10}, new double[] {1, 0.1}, PlotSpec.Style.LINE_POINTS)),
                List.of(new PlotSpec.Marker("m", 3)));
    }

    @Test
    void writesAllFilesAndQuotesCsvCells(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(List.of(plot("curve"))), ReportDirectory.check(out.toString()));
        List<String> written = List.of("claims.json", "config.json", "curve.png", "curve.svg", "math.html",
                "numbers.csv", "report.html", "report.md", "summary.png", "summary.svg");
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(Stream.concat(Stream.of(ReportDirectory.MARKER), written.stream()).sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<String> listed = new java.util.ArrayList<>();
        for (var f : JSON.readTree(out.resolve(ReportDirectory.MARKER).toFile()).get("files")) {
            String name = f.get("name").asText();
            listed.add(name);
            assertEquals(OutputDirectory.Written.of(out, name), OutputDirectory.Written.fromJson(f),
                    "the marker records each file's size and SHA-256: " + name);
        }
        assertTrue(listed.containsAll(written), "the marker lists every file, math.html included: " + listed);
        assertEquals("n,value\n1,0.5\n2,\"a,b\"\n", Files.readString(out.resolve("numbers.csv")));
        String claims = Files.readString(out.resolve("claims.json"));
        assertTrue(claims.contains("\"controls\"") && claims.contains("\"variant\" : \"a wrong variant\"")
                && claims.contains("\"rejected\" : true"), claims);
        assertTrue(Files.readString(out.resolve("report.md")).contains("Negative control: a wrong variant"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
    }

    @Test
    void claimsJsonAndConfigJsonFollowTheirSchemas(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(List.of()), ReportDirectory.check(out.toString()));
        JsonNode claims = JSON.readTree(out.resolve("claims.json").toFile());
        JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
        assertEquals(Set.of(), ReportSchemas.errors("claims.schema.json", claims));
        assertEquals(Set.of(), ReportSchemas.errors("config.schema.json", config));
        assertEquals(config, claims.get("run"), "claims.json's run is config.json");
        JsonNode first = claims.get("claims").get(0);
        assertTrue(first.get("details").get("not_finite").isNull(), "NaN is written as null");
        assertTrue(first.get("details").get("curve").get(1).isNull(), "Infinity in an array is written as null");
        assertTrue(first.get("controls").get(0).get("measured").get("value").isNull());
        assertTrue(claims.get("claims").get(1).get("tolerance").get("value").isNull());
        assertFalse(first.has("error"), "no error for a claim whose experiment ran");
    }

    @Test
    void theSchemasRejectWhatTheyDoNotDescribe(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(List.of()), ReportDirectory.check(out.toString()));
        JsonNode claims = JSON.readTree(out.resolve("claims.json").toFile());
        ObjectNode noReplicates = claims.deepCopy();
        ((ObjectNode) noReplicates.get("claims").get(0).get("measured")).put("replicates", 0);
        assertFalse(ReportSchemas.errors("claims.schema.json", noReplicates).isEmpty(), "replicates >= 1");
        ObjectNode bandWithValue = claims.deepCopy();
        ((ObjectNode) bandWithValue.get("claims").get(1).get("prediction")).put("value", 0.3);
        assertFalse(ReportSchemas.errors("claims.schema.json", bandWithValue).isEmpty(), "a band has lower and upper, no value");
        ObjectNode camelCase = claims.deepCopy();
        ((ObjectNode) camelCase.get("claims").get(0).get("details")).put("maxError", 1.0);
        assertFalse(ReportSchemas.errors("claims.schema.json", camelCase).isEmpty(), "detail keys are snake_case");
        ObjectNode otherVersion = claims.deepCopy();
        otherVersion.put("schema_version", 2);
        assertFalse(ReportSchemas.errors("claims.schema.json", otherVersion).isEmpty(), "schema_version 1 only");
        ObjectNode badRun = claims.deepCopy();
        ((ObjectNode) badRun.get("run")).remove("git_commit");
        assertFalse(ReportSchemas.errors("claims.schema.json", badRun).isEmpty(), "the run is a config.json");
        ObjectNode error = claims.deepCopy();
        ((ObjectNode) error.get("claims").get(1)).put("error", "the experiment threw");
        assertEquals(Set.of(), ReportSchemas.errors("claims.schema.json", error), "a claim may carry its experiment's error");
    }

    @Test
    void theSchemasAreValidDraft202012Schemas() throws Exception {
        JsonSchema meta = SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        for (String name : List.of("claims.schema.json", "config.schema.json")) {
            JsonNode schema = JSON.readTree(ReportWriter.class.getResource(name));
            assertEquals(Set.of(), meta.validate(schema), name);
        }
    }

    @Test
    void runMetadataHeadsTheReportAndFillsConfigJson(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(List.of()), ReportDirectory.check(out.toString()));
        String summary = "Run 2026-12-07T09:00:00Z: replearn 0.1.0-test (commit 0123456789ab with uncommitted"
                + " changes), Java 17.0.15 (Debian), 2 cores; typed `replearn reproduce --seed 0 --only 'a b'`.";
        assertEquals(summary, RUN.summary());
        assertTrue(Files.readString(out.resolve("report.md")).startsWith("# Replearn: do the paper's claims hold?\n\n"
                + ReportPage.PAPER_MARKDOWN + "\n\n" + summary + "\n\n**2 of 3 claims hold.**"));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<meta name=\"viewport\""));
        assertTrue(Files.readString(out.resolve("report.html")).contains(ReportPage.PAPER_HTML));
        assertTrue(Files.readString(out.resolve("report.html")).contains("<p>Run 2026-12-07T09:00:00Z: replearn"
                + " 0.1.0-test (commit 0123456789ab with uncommitted changes), Java 17.0.15 (Debian), 2 cores; typed"
                + " <code>replearn reproduce --seed 0 --only &#39;a b&#39;</code>.</p>"));
        JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
        assertEquals(List.of("replearn_version", "git_commit", "date", "java_version", "java_vendor", "cores",
                "command_line", "command", "scale", "seed", "threads", "claims"),
                JSON.convertValue(config, Map.class).keySet().stream().toList());
        assertEquals(RUN.toJson(), RunMetadata.fromJson(JSON.convertValue(config, Map.class)).toJson());
    }

    @Test
    void citationsOfTheMathReferenceLinkToMathHtml(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(List.of()), ReportDirectory.check(out.toString()));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Alignment follows n/d² (<a href=\"math.html#s5\">docs/math.md §5</a>–"
                + "<a href=\"math.html#s6\">§6</a>)"), html);
        assertTrue(html.contains("exponent 1 (<a href=\"math.html#s2\">docs/math.md §2</a>–<a href=\"math.html#s3\">3"
                + "</a>, <a href=\"math.html#s6\">§6</a>)"), html);
        assertTrue(html.contains("see <a href=\"math.html#s6\">docs/math.md §6</a>"), html);
        assertFalse(html.replaceAll("\">docs/math\\.md §", "").contains("docs/math.md"), "every citation is linked");
        assertTrue(Files.readString(out.resolve("report.md")).contains("Alignment follows n/d² (docs/math.md §5–§6)"),
                "report.md keeps the plain text");
        String math = Files.readString(out.resolve("math.html"));
        for (int n = 1; n <= 8; n++) {
            assertTrue(math.contains("<a id=\"s" + n + "\"></a>"), "math.html has the anchor of section " + n);
        }
        assertTrue(math.contains("<h2>"), "math.html is rendered Markdown: " + math);
    }

    @Test
    void failedWriteLeavesTheOldReportIntactAndNoTemporaries(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("r");
        ReportWriter.write(report(List.of(plot("curve"))), ReportDirectory.check(out.toString()));
        String before = Files.readString(out.resolve("claims.json"));
        // Two plots of one name cannot both be written: the write fails.
        assertThrows(IllegalStateException.class, () -> ReportWriter.write(report(List.of(plot("curve"), plot("curve"))),
                ReportDirectory.check(out.toString())));
        assertEquals(before, Files.readString(out.resolve("claims.json")));
        assertTrue(DirectoryLock.holds(out), "the run keeps its lock until its report is in place or it ends");
        assertTrue(Files.isRegularFile(DirectoryLock.fileOf(out)));
        DirectoryLock.release(out);
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(1, siblings.count(), "no temporary, and no lock file once released");
        }
    }
}
