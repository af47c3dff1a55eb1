package org.replearn.checks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.report.ClaimsDocument;
import org.replearn.checks.report.ReportWriter;
import org.replearn.checks.report.RunMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code replearn results [PATH]}: the results table of a report, read from its {@code claims.json} (layout:
 * {@code claims.schema.json}), as Markdown: one line of run metadata, then per claim the prediction (kind and value),
 * the measurement (value ± standard error, replicates), the tolerance and the verdict. A missing file, a file that is
 * not JSON, or a {@code schema_version} other than {@link ReportWriter#SCHEMA_VERSION} is refused in one line naming
 * {@code PATH}.
 */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Print the results table of a report (its claims.json) as Markdown: prediction, measured"
                + " (value ± standard error, replicates), tolerance and verdict per claim.")
final class ResultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = "replearn-report",
            description = "a report directory or its claims.json (default: ${DEFAULT-VALUE})")
    String path;

    @Override
    public Integer call() {
        JsonNode doc;
        try {
            doc = ClaimsDocument.read(path);
        } catch (ClaimsDocument.Invalid e) {
            throw refused(e.getMessage());
        }
        JsonNode claims = doc.path("claims");
        @SuppressWarnings("unchecked")
        Map<String, Object> run = new ObjectMapper().convertValue(doc.path("run"), Map.class);
        StringBuilder table = new StringBuilder(RunMetadata.fromJson(run).summary()).append("\n\n")
                .append("| claim | prediction | measured | tolerance | verdict |\n| --- | --- | --- | --- | --- |\n");
        int held = 0;
        for (int i = 0; i < claims.size(); i++) {
            JsonNode c = claims.get(i);
            String where = "claims[" + i + "]";
            boolean holds = field(c, where, "holds").asBoolean();
            held += holds ? 1 : 0;
            String verdict = holds ? "holds" : "**FAILS**";
            if (c.hasNonNull("error")) {
                verdict += ": the experiment failed (" + c.get("error").asText() + ")";
            }
            table.append("| `").append(field(c, where, "id").asText()).append("` | ")
                    .append(prediction(field(c, where, "prediction"), where + ".prediction")).append(" | ")
                    .append(measured(field(c, where, "measured"), where + ".measured")).append(" | ")
                    .append(number(field(field(c, where, "tolerance"), where + ".tolerance", "value"))).append(" | ")
                    .append(verdict.replace("|", "\\|")).append(" |\n");
        }
        table.append('\n').append(held).append(" of ").append(claims.size()).append(" claims hold.");
        spec.commandLine().getOut().println(table);
        return ReplearnCli.OK;
    }

    private String prediction(JsonNode p, String where) {
        String kind = field(p, where, "kind").asText();
        if (kind.equals("band")) {
            return "band [" + number(field(p, where, "lower")) + ", " + number(field(p, where, "upper")) + "]";
        }
        return kind.replace('_', ' ') + " " + number(field(p, where, "value"));
    }

    private String measured(JsonNode m, String where) {
        JsonNode se = field(m, where, "standard_error");
        int n = field(m, where, "replicates").asInt();
        JsonNode value = field(m, where, "value");
        if (!value.isNumber()) {
            return "n/a";
        }
        return number(value) + (se.isNumber() ? " ± " + number(se) + " (" + n + " replicates)"
                : n == 1 ? " (exact)" : " (" + n + " replicates)");
    }

    /** A JSON number at 4 significant digits; null (a non-finite number) as {@code n/a}. */
    private static String number(JsonNode v) {
        return v.isNumber() ? Format.fmt(v.asDouble()) : "n/a";
    }

    /** {@code node.name}, or a refusal naming the missing field. */
    private JsonNode field(JsonNode node, String where, String name) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null) {
            throw refused("is not a claims.json: " + where + " has no '" + name + "'");
        }
        return v;
    }

    private ParameterException refused(String problem) {
        return new ParameterException(spec.commandLine(), "invalid value for parameter 'PATH': '" + path + "' "
                + problem);
    }
}
