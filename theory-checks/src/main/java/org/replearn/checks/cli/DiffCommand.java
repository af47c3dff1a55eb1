package org.replearn.checks.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.stats.Format;
import org.replearn.checks.report.ClaimsDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replearn diff OLD NEW}: two reports' {@code claims.json} compared claim by claim, as Markdown (e.g. for a pull
 * request comment): each verdict (and each control's rejection) old → new, and each measured value's change in units
 * of the standard error of the difference, {@code z = (new − old)/√(SE_old² + SE_new²)} (independent runs; for two runs
 * of the same seed the difference's true SE is smaller, so {@code z} understates a real move). A measurement without a
 * standard error (an exact quantity) shows its relative change. New and removed claims are listed. Exit
 * {@link ReplearnCli#CLAIM_FAILS} when a verdict or a control's rejection flips, a value moves by more than
 * {@code --max-z} standard errors, or (with {@code --max-relative}) an exact value by more than that fraction; else
 * {@link ReplearnCli#OK}.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two reports (directories or claims.json files): verdict changes and each measured"
                + " value's change in standard errors, as Markdown; exit 1 when a verdict flips or a value moves"
                + " beyond the thresholds.")
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "the earlier report (directory or claims.json)")
    String old;

    @Parameters(index = "1", paramLabel = "NEW", description = "the later report (directory or claims.json)")
    String neu;

    @Option(names = "--max-z", paramLabel = "Z", defaultValue = "3",
            description = "largest accepted change of a measured value, in standard errors of the difference"
                    + " (default: ${DEFAULT-VALUE})")
    double maxZ;

    @Option(names = "--max-relative", paramLabel = "R", description = "also gate exact values (no standard error):"
            + " largest accepted relative change, e.g. 1e-9 (default: exact values are shown, not gated)")
    Double maxRelative;

    /** One compared number: its label, old and new measurements, and whether it moved beyond the thresholds. */
    private record Change(String text, boolean moved) {
    }

    @Override
    public Integer call() {
        Options.within(spec, "--max-z", maxZ, Double.MIN_NORMAL, 1e6, "a positive number of standard errors, e.g. 3");
        if (maxRelative != null) {
            Options.within(spec, "--max-relative", maxRelative, 0, 1e6, "a relative change >= 0, e.g. 1e-9");
        }
        JsonNode a = read(old, "OLD");
        JsonNode b = read(neu, "NEW");
        Map<String, JsonNode> before = byId(a);
        Map<String, JsonNode> after = byId(b);
        StringBuilder md = new StringBuilder("Comparing OLD ").append(describe(old, a)).append(" with NEW ")
                .append(describe(neu, b)).append(".\n");
        for (String key : new String[] {"scale", "seed"}) {
            if (!a.path("run").path(key).equals(b.path("run").path(key))) {
                md.append("\nThe ").append(key).append("s differ (").append(a.path("run").path(key).asText())
                        .append(" → ").append(b.path("run").path(key).asText())
                        .append("): values are not expected to agree.\n");
            }
        }
        md.append("\n| claim | verdict | measured: old → new | change |\n| --- | --- | --- | --- |\n");
        int flips = 0;
        int moved = 0;
        int compared = 0;
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : before.entrySet()) {
            JsonNode o = e.getValue();
            JsonNode n = after.get(e.getKey());
            if (n == null) {
                removed.add("`" + e.getKey() + "`");
                continue;
            }
            boolean flip = o.path("holds").asBoolean() != n.path("holds").asBoolean();
            flips += flip ? 1 : 0;
            Change c = change(o.path("measured"), n.path("measured"));
            compared++;
            moved += c.moved() ? 1 : 0;
            row(md, "`" + e.getKey() + "`", verdict(o.path("holds").asBoolean(), "holds", "FAILS", flip)
                    + " → " + verdict(n.path("holds").asBoolean(), "holds", "FAILS", flip), o.path("measured"),
                    n.path("measured"), c);
            Map<String, JsonNode> newControls = new LinkedHashMap<>();
            n.path("controls").forEach(x -> newControls.put(x.path("variant").asText(), x));
            for (JsonNode oc : o.path("controls")) {
                JsonNode nc = newControls.get(oc.path("variant").asText());
                if (nc == null) {
                    continue;
                }
                boolean cflip = oc.path("rejected").asBoolean() != nc.path("rejected").asBoolean();
                Change cc = change(oc.path("measured"), nc.path("measured"));
                compared++;
                flips += cflip ? 1 : 0;
                moved += cc.moved() ? 1 : 0;
                if (cflip || cc.moved()) {
                    row(md, "`" + e.getKey() + "` control: " + oc.path("variant").asText(),
                            verdict(oc.path("rejected").asBoolean(), "rejected", "not rejected", cflip) + " → "
                                    + verdict(nc.path("rejected").asBoolean(), "rejected", "not rejected", cflip),
                            oc.path("measured"), nc.path("measured"), cc);
                }
            }
        }
        List<String> added = after.keySet().stream().filter(id -> !before.containsKey(id)).map(id -> "`" + id + "`")
                .toList();
        if (!added.isEmpty()) {
            md.append("\nNew claims: ").append(String.join(", ", added)).append('.');
        }
        if (!removed.isEmpty()) {
            md.append("\nRemoved claims: ").append(String.join(", ", removed)).append('.');
        }
        md.append("\n\n").append(flips).append(flips == 1 ? " verdict" : " verdicts").append(" flipped; ")
                .append(moved).append(" of ").append(compared).append(" values moved by more than ")
                .append(Format.fmt(maxZ)).append(" SE").append(maxRelative == null ? ""
                        : " (exact values: more than " + Format.fmt(maxRelative) + " relative)").append('.');
        spec.commandLine().getOut().println(md);
        return flips > 0 || moved > 0 ? ReplearnCli.CLAIM_FAILS : ReplearnCli.OK;
    }

    private JsonNode read(String path, String label) {
        try {
            return ClaimsDocument.read(path);
        } catch (ClaimsDocument.Invalid e) {
            throw new ParameterException(spec.commandLine(), "invalid value for parameter '" + label + "': '" + path
                    + "' " + e.getMessage());
        }
    }

    private static Map<String, JsonNode> byId(JsonNode doc) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        doc.path("claims").forEach(c -> m.put(c.path("id").asText(), c));
        return m;
    }

    private static String describe(String path, JsonNode doc) {
        JsonNode run = doc.path("run");
        String commit = run.path("git_commit").asText("unknown");
        return "`" + path + "` (commit " + commit.substring(0, Math.min(12, commit.length())) + ", scale "
                + run.path("scale").asText("?") + ", seed " + run.path("seed").asText("?") + ")";
    }

    private static String verdict(boolean good, String yes, String no, boolean flipped) {
        String word = good ? yes : no;
        return flipped ? "**" + word + "**" : word;
    }

    /** The change of one measurement, in SE of the difference, or relative for exact values. */
    private Change change(JsonNode o, JsonNode n) {
        JsonNode ov = o.path("value");
        JsonNode nv = n.path("value");
        if (!ov.isNumber() || !nv.isNumber()) {
            boolean moved = ov.isNumber() != nv.isNumber();
            return new Change(moved ? "**became " + (nv.isNumber() ? "defined" : "undefined") + "**" : "n/a", moved);
        }
        double delta = nv.asDouble() - ov.asDouble();
        double se = Math.hypot(o.path("standard_error").asDouble(0), n.path("standard_error").asDouble(0));
        if (se > 0) {
            double z = delta / se;
            boolean moved = Math.abs(z) > maxZ;
            String text = String.format(Locale.ROOT, "%+.2f SE", z);
            return new Change(moved ? "**" + text + "**" : text, moved);
        }
        if (delta == 0) {
            return new Change("identical", false);
        }
        double scale = Math.max(Math.abs(ov.asDouble()), Math.abs(nv.asDouble()));
        double relative = Math.abs(delta) / scale;
        boolean moved = maxRelative != null && relative > maxRelative;
        String text = "exact: " + (delta > 0 ? "+" : "") + Format.fmt(delta) + " (relative " + Format.fmt(relative)
                + ")";
        return new Change(moved ? "**" + text + "**" : text, moved);
    }

    private static void row(StringBuilder md, String name, String verdicts, JsonNode o, JsonNode n, Change c) {
        md.append("| ").append(name.replace("|", "\\|")).append(" | ").append(verdicts).append(" | ")
                .append(value(o)).append(" → ").append(value(n)).append(" | ").append(c.text()).append(" |\n");
    }

    private static String value(JsonNode m) {
        JsonNode v = m.path("value");
        if (!v.isNumber()) {
            return "n/a";
        }
        JsonNode se = m.path("standard_error");
        return Format.fmt(v.asDouble()) + (se.isNumber() ? " ± " + Format.fmt(se.asDouble()) : "");
    }
}
