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
 * a time with one thread each (results do not depend on it); a single cell gets every thread. Progress: the claim
 * on the {@link ProgressLine}, cells done of all.
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
