package org.replearn.checks.claims;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.replearn.core.data.Parallel;

/**
 * A claim written as a map and a reduction: its sweep is a list of independent {@link Cell}s
 * ({@link #cells}), each computed by the pure function {@link #compute} (the same cell, scale and master seed always
 * give the same result, bit for bit, whatever the thread count or the order the cells run in), and the verdict is
 * {@link #reduce} of the results taken in the order of {@link #cells}. {@link #run} is exactly
 * {@code reduce(map(compute, cells))}, in this JVM; {@code replearn sweep} runs the same three methods with the
 * cells spread over a Spark cluster, so a claim is written once and both give identical numbers.
 *
 * @param <C> the cell type
 * @param <R> the cell result: it travels between JVMs by Java serialization, which keeps every double bit-exact
 */
public interface CellClaim<C extends Cell, R extends Serializable> extends Claim {
    /** The cells of the sweep at {@code ctx}'s scale, in reduction order; keys unique. */
    List<C> cells(RunContext ctx);

    /** Computes one cell with {@code ctx.threads()} threads; must not depend on other cells or on the thread count. */
    R compute(C cell, RunContext ctx);

    /** The verdict from every cell's result, {@code results.get(i)} being that of {@code cells(ctx).get(i)}. */
    ClaimResult reduce(List<R> results, RunContext ctx);

    /**
     * {@code reduce(map(compute, cells))}: with several cells, {@code ctx.threads()} cells run at a time with one
     * thread each (results do not depend on it); a single cell gets every thread. Progress: cells done of all.
     */
    @Override
    default ClaimResult run(RunContext ctx) {
        List<C> cells = cells(ctx);
        return reduce(computeAll(this, cells, ctx), ctx);
    }

    @Override
    default CellClaim<C, R> decomposed() {
        return this;
    }

    /** Computes {@code cells} of {@code claim} in this JVM (see {@link #run}); results in the order of the cells. */
    static <C extends Cell, R extends Serializable> List<R> computeAll(CellClaim<C, R> claim, List<C> cells,
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
