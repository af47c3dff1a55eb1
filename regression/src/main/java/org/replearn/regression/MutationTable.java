package org.replearn.regression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The table of the claims mutation gate ({@code regression/mutations/run.sh}, docs/mutations.md): reads the runs
 * listed in {@code DIR/runs.tsv} (one line per run, tab-separated: name, exit code of {@code replearn reproduce},
 * report directory, one-line description; the first line is the un-mutated baseline) and each report's
 * {@code claims.json} (schema version 1, docs/claims-json.md), then prints the table of which claims fail under each
 * bug and writes it to {@code DIR/mutations.md} and, one row per bug and claim, {@code DIR/mutations.csv}.
 * A bug is caught when at least one claim does not hold on it (its check fails, a control is no longer rejected, or
 * its code throws); the reason printed for each failed claim is its measurement against its prediction and tolerance.
 * Exit codes: {@link #ALL_CAUGHT}, {@link #NOT_CAUGHT}, {@link #USAGE}, {@link #UNREADABLE}.
 * Depends on the JDK and Jackson only, so the gate runs it as a single source file.
 */
public final class MutationTable {
    /** Every bug failed at least one claim. */
    public static final int ALL_CAUGHT = 0;
    /** Some bug failed no claim. */
    public static final int NOT_CAUGHT = 1;
    /** Bad arguments, or a missing or malformed {@code runs.tsv}. */
    public static final int USAGE = 2;
    /** A run left no readable {@code claims.json} (the gate cannot judge it). */
    public static final int UNREADABLE = 4;

    private MutationTable() {
    }

    /** One claim's verdict in one run. */
    record Verdict(String id, boolean holds, String reason, String measured, String prediction, String tolerance,
            String controlsNotRejected, String error) {
    }

    /** One run: its name, description, exit code and verdicts ({@code null} when its report is unreadable). */
    record Run(String name, String title, int exit, List<Verdict> verdicts, String problem, JsonNode meta) {
        List<Verdict> failed() {
            return verdicts == null ? List.of() : verdicts.stream().filter(v -> !v.holds()).toList();
        }
    }

    /** {@code MutationTable DIR}: prints the table, writes DIR/mutations.md and DIR/mutations.csv. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs on {@code args} and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("mutation-table: usage: MutationTable DIR (a gate output directory with runs.tsv)");
            return USAGE;
        }
        Path dir = Path.of(args[0]);
        List<Run> runs;
        try {
            runs = readRuns(dir);
        } catch (IllegalArgumentException | IOException e) {
            err.println("mutation-table: " + e.getMessage());
            return USAGE;
        }
        String markdown = markdown(runs);
        try {
            Files.writeString(dir.resolve("mutations.md"), markdown, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("mutations.csv"), csv(runs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("mutation-table: cannot write the table into " + dir + " (" + e.getMessage() + ")");
            return USAGE;
        }
        out.print(markdown);
        List<Run> bugs = runs.subList(1, runs.size());
        if (runs.stream().anyMatch(r -> r.verdicts() == null)) {
            return UNREADABLE;
        }
        return bugs.stream().allMatch(r -> !r.failed().isEmpty()) ? ALL_CAUGHT : NOT_CAUGHT;
    }

    static List<Run> readRuns(Path dir) throws IOException {
        Path tsv = dir.resolve("runs.tsv");
        if (!Files.isRegularFile(tsv)) {
            throw new IllegalArgumentException(dir + " has no runs.tsv (not a mutation gate output directory)");
        }
        List<Run> runs = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            line++;
            if (row.isBlank()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            if (f.length != 4 || !f[1].matches("-?\\d+")) {
                throw new IllegalArgumentException(tsv + " line " + line
                        + ": expected 'name<TAB>exit code<TAB>report directory<TAB>description'");
            }
            runs.add(read(f[0], f[3], Integer.parseInt(f[1]), dir.resolve(f[2])));
        }
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(tsv + " lists no runs (the first must be the baseline)");
        }
        return runs;
    }

    /** Reads one run's claims.json; an unreadable one becomes a run without verdicts and with the problem. */
    static Run read(String name, String title, int exit, Path report) {
        Path file = report.resolve("claims.json");
        if (!Files.isRegularFile(file)) {
            return new Run(name, title, exit, null, "no claims.json (replearn exited " + exit + ")", null);
        }
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            return new Run(name, title, exit, null, "claims.json unreadable (" + firstLine(e.getMessage()) + ")",
                    null);
        }
        if (doc.path("schema_version").asInt(-1) != 1 || !doc.path("claims").isArray()) {
            return new Run(name, title, exit, null, "claims.json is not schema version 1", null);
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (JsonNode c : doc.get("claims")) {
            verdicts.add(verdict(c));
        }
        return new Run(name, title, exit, verdicts, null, doc.path("run"));
    }

    static Verdict verdict(JsonNode c) {
        String measured = text(c.path("measured").path("text"));
        String prediction = text(c.path("prediction").path("text"));
        JsonNode tol = c.path("tolerance");
        String tolerance = tol.path("value").isNumber()
                ? tol.path("value").asText() + " (" + text(tol.path("derivation")) + ")"
                : text(tol.path("derivation"));
        List<String> free = new ArrayList<>();
        for (JsonNode k : c.path("controls")) {
            if (!k.path("rejected").asBoolean(false)) {
                free.add(text(k.path("variant")) + " [" + text(k.path("measured").path("text")) + "]");
            }
        }
        String controls = String.join("; ", free);
        String error = c.hasNonNull("error") ? c.get("error").asText() : "";
        String reason;
        if (!error.isEmpty()) {
            reason = "threw: " + error;
        } else {
            reason = "measured " + measured + " vs predicted " + prediction + ", tolerance " + tolerance
                    + (controls.isEmpty() ? "" : "; control not rejected: " + controls);
        }
        return new Verdict(text(c.path("id")), c.path("holds").asBoolean(false), reason, measured, prediction,
                tolerance, controls, error);
    }

    static String markdown(List<Run> runs) {
        Run base = runs.get(0);
        List<Run> bugs = runs.subList(1, runs.size());
        Set<String> ids = new LinkedHashSet<>();
        runs.stream().filter(r -> r.verdicts() != null).forEach(r -> r.verdicts().forEach(v -> ids.add(v.id())));
        StringBuilder s = new StringBuilder("# Claims mutation gate\n\n");
        JsonNode meta = base.meta();
        if (meta != null) {
            s.append("Commit `").append(meta.path("git_commit").asText("?")).append("`, scale ")
                    .append(meta.path("scale").asText("?")).append(", seed ").append(meta.path("seed").asText("?"))
                    .append(", ").append(meta.path("date").asText("?")).append(", ").append(ids.size())
                    .append(" claims (").append(meta.path("command").asText("")).append(").\n\n");
        }
        s.append("Bugs:\n\n");
        for (int i = 0; i < bugs.size(); i++) {
            s.append("- ").append(column(bugs, i)).append(" `").append(bugs.get(i).name()).append("`: ")
                    .append(bugs.get(i).title()).append('\n');
        }
        s.append("\n## Which claims fail under each bug\n\n| claim | baseline |");
        for (int i = 0; i < bugs.size(); i++) {
            s.append(' ').append(column(bugs, i)).append(" |");
        }
        s.append("\n| --- | --- |").append(" --- |".repeat(bugs.size())).append('\n');
        for (String id : ids) {
            s.append("| `").append(id).append("` | ").append(cell(base, id)).append(" |");
            for (Run b : bugs) {
                s.append(' ').append(cell(b, id)).append(" |");
            }
            s.append('\n');
        }
        s.append("\n`FAILS`: the claim does not hold on that code; `holds`: it does; `-`: not run.\n")
                .append("\n## Caught by\n\n| bug | caught by | why: each failed claim's measurement vs its prediction"
                        + " and tolerance |\n| --- | --- | --- |\n");
        int caught = 0;
        for (Run b : runs) {
            List<Verdict> failed = b.failed();
            String by = b.verdicts() == null ? "**no report**: " + b.problem()
                    : failed.isEmpty() ? (b == base ? "none (every claim holds)" : "**none**")
                    : failed.stream().map(v -> "`" + v.id() + "`").collect(Collectors.joining(", "));
            String why = failed.stream().map(v -> "`" + v.id() + "`: " + v.reason())
                    .collect(Collectors.joining("<br>"));
            s.append("| `").append(b.name()).append("` | ").append(escape(by)).append(" | ").append(escape(why))
                    .append(" |\n");
            caught += b != base && !failed.isEmpty() ? 1 : 0;
        }
        s.append('\n').append(caught).append(" of ").append(bugs.size()).append(" bugs caught by at least one claim");
        s.append(base.failed().isEmpty() && base.verdicts() != null ? "; the baseline holds every claim.\n"
                : "; the baseline does NOT hold every claim.\n");
        return s.toString();
    }

    static String csv(List<Run> runs) {
        StringBuilder s = new StringBuilder("bug,replearn_exit,claim,holds,measured,prediction,tolerance,"
                + "controls_not_rejected,error\n");
        for (Run r : runs) {
            if (r.verdicts() == null) {
                s.append(quote(r.name())).append(',').append(r.exit()).append(",,,").append(quote(r.problem()))
                        .append(",,,,\n");
                continue;
            }
            for (Verdict v : r.verdicts()) {
                s.append(String.join(",", quote(r.name()), Integer.toString(r.exit()), quote(v.id()),
                        Boolean.toString(v.holds()), quote(v.measured()), quote(v.prediction()),
                        quote(v.tolerance()), quote(v.controlsNotRejected()), quote(v.error()))).append('\n');
            }
        }
        return s.toString();
    }

    /** The matrix column label of bug {@code i}: B and the number its name starts with (B3 for 03-name), or B(i+1). */
    private static String column(List<Run> bugs, int i) {
        String number = bugs.get(i).name().replaceFirst("^0*(\\d+)-.*", "$1");
        return "B" + (number.matches("\\d+") ? number : Integer.toString(i + 1));
    }

    private static String cell(Run r, String id) {
        if (r.verdicts() == null) {
            return "?";
        }
        return r.verdicts().stream().filter(v -> v.id().equals(id)).findFirst()
                .map(v -> v.holds() ? "holds" : "**FAILS**").orElse("-");
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }

    /** RFC 4180: always quoted, inner quotes doubled. */
    private static String quote(String v) {
        return '"' + (v == null ? "" : v).replace("\"", "\"\"") + '"';
    }

    private static String firstLine(String m) {
        return m == null ? "" : m.lines().findFirst().orElse("");
    }
}
