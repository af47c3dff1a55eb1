package org.replearn.checks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.paper.Claims;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replearn claims}: the registered claims in report order, one per line ({@code id} and statement), or as a JSON
 * array of {@code {"id", "statement"}} with {@code --json}: the ids {@code reproduce --only} and {@code sweep --only}
 * accept.
 */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "List the claims (the ids --only accepts) with their statements, in report order.")
final class ClaimsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print a JSON array of {id, statement}")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        List<Claim<?, ?>> claims = Claims.all();
        if (json) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Claim<?, ?> c : claims) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("id", c.id());
                row.put("statement", c.statement());
                rows.add(row);
            }
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } else {
            int width = claims.stream().mapToInt(c -> c.id().length()).max().orElse(0);
            for (Claim<?, ?> c : claims) {
                out.println(String.format(java.util.Locale.ROOT, "%-" + width + "s  %s", c.id(), c.statement()));
            }
        }
        return ReplearnCli.OK;
    }
}
