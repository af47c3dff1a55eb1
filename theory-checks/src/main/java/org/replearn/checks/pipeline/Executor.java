package org.replearn.checks.pipeline;

import java.io.IOException;
import java.util.List;
import org.replearn.checks.claims.api.RunContext;

/**
 * Where a run's cells are computed: in this JVM ({@link InProcess}) or on a cluster. Cells are pure functions, so the
 * results do not depend on the executor.
 */
public interface Executor {
    /**
     * Computes the cells of every plan (a plan with an error has none) and hands each plan's outcome to {@code sink}
     * as soon as all its cells are done (in this JVM claim by claim; on a cluster when the cells arrive): the results
     * in the order of its cells, or why they could not all be computed. Every plan is handed over exactly once.
     *
     * @throws IOException when the executor's own storage fails (not a claim's failure)
     */
    void compute(List<Plan<?, ?>> plans, RunContext ctx, Sink sink) throws IOException, InterruptedException;

    /** Receives each plan's computed cells. */
    @FunctionalInterface
    interface Sink {
        /** Plan {@code index} (in the order given to {@link #compute}) is done. */
        void computed(int index, Computed cells);
    }

    /**
     * One claim's computed cells.
     *
     * @param results the results in the order of the cells, or null when {@code error} is set
     * @param seconds the wall time the claim's cells took
     * @param error   why a cell could not be computed (a bug in the claim), or null
     */
    record Computed(List<?> results, double seconds, String error) {
        /** Results computed in {@code seconds}. */
        public static Computed of(List<?> results, double seconds) {
            return new Computed(results, seconds, null);
        }

        /** A failure after {@code seconds}. */
        public static Computed failed(String error, double seconds) {
            return new Computed(null, seconds, error);
        }
    }
}
