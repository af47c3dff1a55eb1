package org.replearn.checks.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.core.data.Parallel;

/**
 * Runs a claim's cells in this JVM: {@code reduce(map(compute, cells))}. With several cells, {@code ctx.threads()}
 * cells run at a time with one thread each (results do not depend on it); a single cell gets every thread. Progress:
 * cells done of all.
 */
public final class InProcess {
    private InProcess() {
    }

    /** The claim's verdict, its cells computed here. */
    public static <C extends Cell, R extends Serializable> ClaimResult run(Claim<C, R> claim, RunContext ctx) {
        return claim.reduce(computeAll(claim, claim.cells(ctx), ctx), ctx);
    }

    /** Computes {@code cells} of {@code claim} in this JVM; results in the order of the cells. */
    public static <C extends Cell, R extends Serializable> List<R> computeAll(Claim<C, R> claim, List<C> cells,
            RunContext ctx) {
        int count = cells.size();
        if (count == 1) {
            R only = claim.compute(cells.get(0), ctx);
            ctx.progress().update(1, 1);
            return List.of(only);
        }
        Object[] results = new Object[count];
        int[] done = {0};
        RunContext single = ctx.withThreads(1);
        Parallel.forEach(count, ctx.threads(), () -> null, (unused, i) -> {
            results[i] = claim.compute(cells.get(i), single);
            synchronized (done) {
                ctx.progress().update(++done[0], count);
            }
        });
        @SuppressWarnings("unchecked")
        List<R> typed = (List<R>) (List<?>) new ArrayList<>(Arrays.asList(results));
        return typed;
    }
}
