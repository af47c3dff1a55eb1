package org.replearn.sweeps;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;

/**
 * One cell as a Spark task: the executor instantiates the (stateless) claim, lists its cells at the task's scale and
 * seed, computes the one it was sent and returns the serialized result with its CPU and wall time. Tasks and results
 * travel as bytes ({@link Codec}), so they do not depend on the cluster's {@code spark.serializer}.
 */
final class CellTask implements Function<byte[], byte[]> {
    private static final long serialVersionUID = 1L;

    /**
     * What a task computes.
     *
     * @param claimClass the claim's class (public, with a public no-argument constructor)
     * @param scale      the scale's label
     * @param seed       the master seed
     * @param threads    threads for the cell ({@code spark.task.cpus}); results do not depend on it
     * @param index      the cell's position in {@code cells(ctx)}
     * @param key        the cell's key, checked on the executor
     */
    record Task(String claimClass, String scale, long seed, int threads, int index, String key)
            implements Serializable {
    }

    /**
     * A computed cell.
     *
     * @param result      the serialized result
     * @param cpuSeconds  CPU time of the computing thread (the whole cell when it runs on one thread)
     * @param wallSeconds wall time
     */
    record Computed(byte[] result, double cpuSeconds, double wallSeconds) implements Serializable {
    }

    @Override
    public byte[] call(byte[] task) throws Exception {
        return Codec.encode(run((Task) Codec.decode(task)));
    }

    /** Computes a task in this JVM. */
    static Computed run(Task task) throws ReflectiveOperationException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type = Class.forName(task.claimClass(), true, loader != null ? loader : CellTask.class.getClassLoader());
        Claim<?, ?> claim = (Claim) type.getDeclaredConstructor().newInstance();
        RunContext ctx = new RunContext(Scale.parse(task.scale()), task.seed(), task.threads(), Progress.NONE);
        return compute(claim, ctx, task.index(), task.key());
    }

    /** Computes cell {@code index} (whose key must be {@code key}) of {@code claim} on this thread, timed. */
    static <C extends Cell, R extends Serializable> Computed compute(Claim<C, R> claim, RunContext ctx,
            int index, String key) {
        List<C> cells = claim.cells(ctx);
        C cell = cells.get(index);
        if (!cell.key().equals(key)) {
            throw new IllegalStateException("cell " + index + " of " + claim.id() + " is '" + cell.key() + "' on this"
                    + " executor, '" + key + "' on the driver: the executor runs different code");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        R result = claim.compute(cell, ctx);
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) * 1e-9;
        double wall = (System.nanoTime() - wall0) * 1e-9;
        return new Computed(Codec.encode(result), cpu, wall);
    }
}
