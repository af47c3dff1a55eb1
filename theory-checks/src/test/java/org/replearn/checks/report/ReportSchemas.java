package org.replearn.checks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Validation of a written report's JSON files against the schemas the jar ships (draft 2020-12). */
public final class ReportSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final String SCHEMA_DIR = "classpath:org/replearn/checks/report/";

    private ReportSchemas() {
    }

    /** The violations of {@code document} against the shipped schema {@code schema} (e.g. {@code claims.schema.json}). */
    public static Set<ValidationMessage> errors(String schema, JsonNode document) {
        return SCHEMAS.getSchema(SchemaLocation.of(SCHEMA_DIR + schema)).validate(document);
    }

    /** The violations of a report directory's {@code claims.json} and {@code config.json}, together. */
    public static Set<ValidationMessage> errors(Path report) throws IOException {
        Set<ValidationMessage> all = new java.util.LinkedHashSet<>(errors("claims.schema.json",
                JSON.readTree(report.resolve("claims.json").toFile())));
        all.addAll(errors("config.schema.json", JSON.readTree(report.resolve("config.json").toFile())));
        return all;
    }
}
