package org.replearn.checks.pipeline;

import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.Map;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;

/**
 * The run of {@code replearn reproduce} and {@code replearn sweep}: plan (every claim's cells, {@link Plan}), compute
 * them (an {@link Executor}), reduce each claim with its own {@link Claim#reduce}; {@link Finish} then writes the
 * report. A claim that throws anywhere is reported as {@link ClaimResult#error}, and the other claims still run.
 */
public final class Pipeline {
    private Pipeline() {
    }

    /**
     * The verdicts of a run.
     *
     * @param results one per claim, in order
     * @param seconds per claim id: the wall time of its cells and its reduction
     */
    public record Outcome(List<ClaimResult> results, Map<String, Double> seconds) {
    }

    /**
     * Plans {@code claims} at {@code ctx}, computes their cells on {@code executor} and reduces every claim as soon as
     * its cells are done, handing its verdict and wall time to {@code verdicts} at once (e.g. to print it).
     */
    public static Outcome run(List<Claim<?, ?>> claims, RunContext ctx, Executor executor,
            BiConsumer<ClaimResult, Double> verdicts) throws IOException, InterruptedException {
        List<Plan<?, ?>> plans = Plan.of(claims, ctx);
        ClaimResult[] results = new ClaimResult[plans.size()];
        double[] seconds = new double[plans.size()];
        executor.compute(plans, ctx, (i, c) -> {
            long start = System.nanoTime();
            results[i] = reduce(plans.get(i), c, ctx);
            seconds[i] = c.seconds() + (System.nanoTime() - start) * 1e-9;
            verdicts.accept(results[i], seconds[i]);
        });
        Map<String, Double> byId = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            if (results[i] == null) {
                throw new IllegalStateException("the executor did not hand over claim " + plans.get(i).claim().id());
            }
            byId.put(plans.get(i).claim().id(), seconds[i]);
        }
        return new Outcome(List.of(results), byId);
    }

    /** The claim's own reduction of its computed cells, or its error. */
    private static <C extends Cell, R extends Serializable> ClaimResult reduce(Plan<C, R> plan,
            Executor.Computed computed, RunContext ctx) {
        Claim<C, R> claim = plan.claim();
        if (computed.error() != null) {
            return ClaimResult.error(claim.id(), claim.statement(), computed.error());
        }
        try {
            @SuppressWarnings("unchecked")
            List<R> results = (List<R>) computed.results();
            return claim.reduce(results, ctx);
        } catch (RuntimeException e) {
            return ClaimResult.error(claim.id(), claim.statement(), "the reduction failed: " + message(e));
        }
    }

    /** An exception in one line: its message's first line, or its kind when it has no message. */
    static String message(Throwable e) {
        String m = e.getMessage();
        String line = m == null ? "" : m.lines().findFirst().orElse("").strip();
        return line.isEmpty() ? e.getClass().getSimpleName() : line;
    }
}
