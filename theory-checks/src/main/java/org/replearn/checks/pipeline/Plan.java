package org.replearn.checks.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.RunContext;

/**
 * One claim's cells at a run's scale and seed, checked: every key kebab-case ({@code [a-z0-9][a-z0-9-]*}) and unique
 * within the claim. A claim whose {@link Claim#cells} throws or breaks the key rule has no cells and an {@code error}
 * instead (a bug in the claim).
 *
 * @param claim the claim
 * @param cells its cells, in reduction order (empty when {@code error} is set)
 * @param error why the cells could not be listed, or null
 * @param <C>   the cell type
 * @param <R>   the cell result type
 */
public record Plan<C extends Cell, R extends Serializable>(Claim<C, R> claim, List<C> cells, String error) {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** Copies the cells. */
    public Plan {
        cells = List.copyOf(cells);
    }

    /** The plans of {@code claims}, in order. */
    public static List<Plan<?, ?>> of(List<Claim<?, ?>> claims, RunContext ctx) {
        List<Plan<?, ?>> plans = new ArrayList<>();
        for (Claim<?, ?> claim : claims) {
            plans.add(of(claim, ctx));
        }
        return plans;
    }

    /** The plan of one claim. */
    public static <C extends Cell, R extends Serializable> Plan<C, R> of(Claim<C, R> claim, RunContext ctx) {
        List<C> cells;
        try {
            cells = claim.cells(ctx);
        } catch (RuntimeException e) {
            return new Plan<>(claim, List.of(), "listing its cells failed: " + Pipeline.message(e));
        }
        Set<String> seen = new HashSet<>();
        for (C c : cells) {
            if (!KEY.matcher(c.key()).matches() || !seen.add(c.key())) {
                return new Plan<>(claim, List.of(), "cell key '" + c.key() + "' is not kebab-case or not unique");
            }
        }
        return new Plan<>(claim, cells, null);
    }

    /** The cell keys, in order. */
    public List<String> keys() {
        return cells.stream().map(Cell::key).toList();
    }
}
