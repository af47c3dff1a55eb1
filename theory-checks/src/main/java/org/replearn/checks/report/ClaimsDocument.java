package org.replearn.checks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A report's {@code claims.json} read back ({@code replearn results}, {@code replearn diff}): the file a path names, or
 * the one in the report directory it names, parsed, with {@code schema_version} equal to
 * {@link ReportWriter#SCHEMA_VERSION} and a {@code run} object and a {@code claims} array. Anything else is an
 * {@link Invalid} whose message completes "'PATH' ...".
 */
public final class ClaimsDocument {
    /** The file name inside a report directory. */
    public static final String CLAIMS_JSON = "claims.json";

    private ClaimsDocument() {
    }

    /** Why a path is not a readable claims.json; the message completes "'PATH' ...". */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** The document {@code path} names, checked as above. */
    public static JsonNode read(String path) throws Invalid {
        Path p = Path.of(path);
        Path file = Files.isDirectory(p) ? p.resolve(CLAIMS_JSON) : p;
        if (!Files.exists(file)) {
            throw new Invalid(Files.isDirectory(p) ? "is a directory without " + CLAIMS_JSON + " (not a report)"
                    : "does not exist");
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            throw new Invalid("is not JSON (" + (message == null ? "" : message.lines().findFirst().orElse(""))
                    + " at line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new Invalid("cannot be read (" + OutputDirectory.reason(e) + ")");
        }
        JsonNode version = doc.path("schema_version");
        if (version.isMissingNode()) {
            throw new Invalid("has no schema_version (an older replearn's claims.json, or not one); this replearn reads "
                    + ReportWriter.SCHEMA_VERSION);
        }
        if (!version.isInt() || version.asInt() != ReportWriter.SCHEMA_VERSION) {
            throw new Invalid("has schema_version " + version + "; this replearn reads " + ReportWriter.SCHEMA_VERSION
                    + " (use the replearn that wrote it)");
        }
        if (!doc.path("run").isObject() || !doc.path("claims").isArray()) {
            throw new Invalid("is not a claims.json: it lacks 'run' or 'claims'");
        }
        return doc;
    }
}
