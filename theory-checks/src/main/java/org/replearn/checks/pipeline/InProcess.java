package org.replearn.checks.pipeline;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.report.ProgressLine;
import org.replearn.core.data.Parallel;

/**
 * Computes the cells in this JVM, one claim after the other. With several cells, {@code ctx.threads()} cells run at
 * a time with one thread each (results do not depend on it); a single cell gets every thread, and so does a cell
 * too large to share the heap: one whose {@link Cell#memoryBytes() memory model} exceeds half of its share of the
 * maximum heap, {@code maxHeap / (2·threads)}, runs after the others, alone (the model counts the largest arrays
 * only; the other half is for what it leaves out: G1's rounding of large arrays to whole regions, inputs, temporary
 * blocks). Progress: the claim on the {@link ProgressLine}, cells done of all.
 */
public final class InProcess implements Executor {
    private final ProgressLine progress;

    /** An executor showing its progress on {@code progress}, which it closes when done. */
    public InProcess(ProgressLine progress) {
        this.progress = progress;
    }

    /** The claim's verdict, its cells computed here; an exception of the claim propagates. */
    public static <C extends Cell, R extends Serializable> ClaimResult run(Claim<C, R> claim, RunContext ctx) {
        return claim.reduce(computeAll(claim, claim.cells(ctx), ctx), ctx);
    }

    @Override
    public void compute(List<Plan<?, ?>> plans, RunContext ctx, Sink sink) {
        try {
            for (int i = 0; i < plans.size(); i++) {
                Plan<?, ?> p = plans.get(i);
                if (p.error() != null) {
                    sink.computed(i, Computed.failed(p.error(), 0));
                    continue;
                }
                long start = System.nanoTime();
                RunContext claimCtx = ctx.withProgress(progress.startClaim(i, p.claim().id()));
                Computed c;
                try {
                    c = Computed.of(computeAll(p, claimCtx), (System.nanoTime() - start) * 1e-9);
                } catch (RuntimeException e) {
                    c = Computed.failed(Pipeline.message(e), (System.nanoTime() - start) * 1e-9);
                }
                progress.finishClaim();
                sink.computed(i, c);
            }
        } finally {
            progress.close();
        }
    }

    private static <C extends Cell, R extends Serializable> List<R> computeAll(Plan<C, R> plan, RunContext ctx) {
        return computeAll(plan.claim(), plan.cells(), ctx);
    }

    /** Computes {@code cells} of {@code claim} in this JVM; results in the order of the cells. */
    public static <C extends Cell, R extends Serializable> List<R> computeAll(Claim<C, R> claim, List<C> cells,
            RunContext ctx) {
        return computeAll(claim, cells, ctx, Runtime.getRuntime().maxMemory());
    }

    /**
     * {@link #computeAll(Claim, List, RunContext)} with a heap of {@code heapBytes}: the cells whose memory model
     * exceeds {@code heapBytes / (2·ctx.threads())} run one at a time with every thread, after the others.
     */
    static <C extends Cell, R extends Serializable> List<R> computeAll(Claim<C, R> claim, List<C> cells,
            RunContext ctx, long heapBytes) {
        int count = cells.size();
        int threads = ctx.threads();
        List<Integer> shared = new ArrayList<>();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean large = count == 1 || threads > 1 && cells.get(i).memoryBytes() > heapBytes / (2L * threads);
            (large ? alone : shared).add(i);
        }
        Object[] results = new Object[count];
        int[] done = {0};
        Runnable tick = () -> {
            synchronized (done) {
                ctx.progress().update(++done[0], count);
            }
        };
        RunContext single = ctx.withThreads(1);
        Parallel.forEach(shared.size(), threads, () -> null, (unused, k) -> {
            int i = shared.get(k);
            results[i] = claim.compute(cells.get(i), single);
            tick.run();
        });
        for (int i : alone) {
            results[i] = claim.compute(cells.get(i), ctx);
            tick.run();
        }
        @SuppressWarnings("unchecked")
        List<R> typed = (List<R>) (List<?>) new ArrayList<>(Arrays.asList(results));
        return typed;
    }
}
