package org.replearn.checks.claims.api;

import java.io.Serializable;
import java.util.List;

/**
 * One prediction of the paper, run as an experiment written as a map and a reduction: its sweep is a list of
 * independent {@link Cell}s ({@link #cells}), each computed by the pure function {@link #compute}, and the verdict is
 * {@link #reduce} of the results taken in the order of {@link #cells}. Implementations are stateless, public, with a
 * public no-argument constructor (a Spark executor instantiates them); every random quantity comes from
 * {@link RunContext#seedsFor(String) ctx.seedsFor(id())} and the cell, so a result is a function of (claim, scale,
 * master seed, cell) alone, bit for bit, whatever the thread count, the cell order or the machine. {@code replearn
 * reproduce} computes the cells in this JVM and {@code replearn sweep} on Spark, through the same pipeline.
 *
 * @param <C> the cell type
 * @param <R> the cell result: it travels between JVMs by Java serialization, which keeps every double bit-exact
 */
public interface Claim<C extends Cell, R extends Serializable> {
    /** Stable kebab-case identifier, e.g. {@code population-gradient}; also the seed-stream key. */
    String id();

    /** The claim in one sentence, as printed in the report. */
    String statement();

    /** The cells of the sweep at {@code ctx}'s scale, in reduction order; keys unique and stable across runs. */
    List<C> cells(RunContext ctx);

    /** Computes one cell with {@code ctx.threads()} threads; must not depend on other cells or on the thread count. */
    R compute(C cell, RunContext ctx);

    /** The verdict from every cell's result, {@code results.get(i)} being that of {@code cells(ctx).get(i)}. */
    ClaimResult reduce(List<R> results, RunContext ctx);
}
