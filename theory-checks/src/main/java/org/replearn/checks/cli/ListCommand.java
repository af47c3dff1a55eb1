package org.replearn.checks.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;
import org.replearn.checks.claims.paper.Claims;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replearn list}: the registered claims in report order — id, number of cells at each scale (quick, full,
 * paper), statement — or, with {@code --json}, an array of {@code {"id", "cells": {"quick", "full", "paper"},
 * "statement"}}. The ids are what {@code reproduce --only} and {@code sweep --only} accept; the cells are the units a
 * sweep distributes (docs/claims.md gives each claim's sizes).
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the claims (the ids --only accepts): cells per scale (quick/full/paper/cluster) and statement.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "print a JSON array of {id, cells: {quick, full, paper, cluster}, statement}")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Claim<?, ?> c : Claims.all()) {
            Map<String, Object> cells = new LinkedHashMap<>();
            for (Scale s : Scale.values()) {
                cells.put(s.label(), c.cells(new RunContext(s, 0, 1, Progress.NONE)).size());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("cells", cells);
            row.put("statement", c.statement());
            rows.add(row);
        }
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            return ReplearnCli.OK;
        }
        int width = rows.stream().mapToInt(r -> ((String) r.get("id")).length()).max().orElse(0);
        String format = "%-" + width + "s  %19s  %s%n";
        out.printf(Locale.ROOT, format, "claim", "cells q/f/p/c", "statement");
        for (Map<String, Object> r : rows) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cells = (Map<String, Object>) r.get("cells");
            out.printf(Locale.ROOT, format, r.get("id"), cells.get("quick") + "/" + cells.get("full") + "/"
                    + cells.get("paper") + "/" + cells.get("cluster"), r.get("statement"));
        }
        return ReplearnCli.OK;
    }
}
