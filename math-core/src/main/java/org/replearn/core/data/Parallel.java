package org.replearn.core.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.replearn.core.Validate;

/**
 * Deterministic parallel loops on a shared pool of daemon threads (no thread is created per item).
 *
 * <p>{@link #reduce} splits items {@code 0 … count-1} (e.g. data blocks) into {@code P = min(count, PARTITIONS)}
 * contiguous partitions, a number that depends on {@code count} only. Each partition folds its items in order into
 * its own zeroed accumulator; the partition accumulators are added to the total strictly in partition order (as soon
 * as their predecessors are in, so only about {@code threads + 1} are alive at a time). The floating-point operations
 * and their order are therefore the same for every thread count: results are bit-identical for {@code threads = 1,
 * 2, 4, …}. {@code threads = 1} runs everything on the caller's thread.
 */
public final class Parallel {
    /** Upper bound on the number of partitions of a reduction. */
    public static final int PARTITIONS = 64;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "replearn-parallel");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /**
     * One item of a reduction.
     *
     * @param <A> the accumulator of the item's partition
     * @param <W> the calling thread's workspace
     */
    @FunctionalInterface
    public interface Step<A, W> {
        /** Folds item {@code item} into {@code accumulator}, using scratch space {@code workspace}. */
        void accept(A accumulator, W workspace, int item);
    }

    /**
     * One item of a loop without reduction.
     *
     * @param <W> the calling thread's workspace
     */
    @FunctionalInterface
    public interface Task<W> {
        /** Processes item {@code item} with scratch space {@code workspace}. */
        void run(W workspace, int item);
    }

    /**
     * The reduction of items {@code 0 … count-1}: {@code zero} creates zeroed accumulators (one per partition and one
     * for the total), {@code workspace} one scratch space per thread, {@code step} folds one item, and
     * {@code combine.accept(into, from)} performs {@code into += from}. Bit-identical for every {@code threads >= 1}.
     */
    public static <A, W> A reduce(int count, int threads, Supplier<A> zero, Supplier<W> workspace, Step<A, W> step,
            BiConsumer<A, A> combine) {
        return reduce(count, PARTITIONS, threads, zero, null, workspace, step, combine);
    }

    /**
     * {@link #reduce(int, int, Supplier, Supplier, Step, BiConsumer)} for large accumulators: at most
     * {@code maxPartitions} partitions instead of {@link #PARTITIONS} (fewer, larger partitions where adding the
     * accumulators would cost more than the load balance they buy; a different bound changes the order of the
     * additions), and, if {@code clear} is not null, each partial accumulator, once added to the total, is reset by
     * {@code clear} (to exactly the zeros {@code zero} gives) and reused for a later partition: about
     * {@code threads + 1} accumulators are created per call instead of one per partition, and they stay in cache.
     */
    public static <A, W> A reduce(int count, int maxPartitions, int threads, Supplier<A> zero, Consumer<A> clear,
            Supplier<W> workspace, Step<A, W> step, BiConsumer<A, A> combine) {
        Validate.atLeast("count", count, 1, "reduce over at least one item");
        Validate.atLeast("maxPartitions", maxPartitions, 1, "allow at least one partition");
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        int partitions = Math.min(count, maxPartitions);
        Folder<A> folder = new Folder<>(zero, clear, partitions, combine);
        AtomicInteger next = new AtomicInteger();
        run(Math.min(threads, partitions), () -> {
            W w = workspace.get();
            int p;
            while ((p = next.getAndIncrement()) < partitions) {
                A partial = folder.zeroed();
                int end = end(p, count, partitions);
                for (int k = end(p - 1, count, partitions); k < end; k++) {
                    step.accept(partial, w, k);
                }
                folder.done(p, partial);
            }
        });
        return folder.total;
    }

    /** Runs {@code task} on every item {@code 0 … count-1} in any order, each thread with its own workspace. */
    public static <W> void forEach(int count, int threads, Supplier<W> workspace, Task<W> task) {
        Validate.atLeast("count", count, 0, "pass a non-negative item count");
        Validate.atLeast("threads", threads, 1, "use 1 for the caller's thread");
        if (count == 0) {
            return;
        }
        AtomicInteger next = new AtomicInteger();
        run(Math.min(threads, count), () -> {
            W w = workspace.get();
            int k;
            while ((k = next.getAndIncrement()) < count) {
                task.run(w, k);
            }
        });
    }

    /** End (exclusive) of partition {@code p}; {@code end(-1) = 0}. */
    private static int end(int p, int count, int partitions) {
        return (int) ((long) (p + 1) * count / partitions);
    }

    /** Runs {@code worker} on {@code threads} threads (the caller is one of them) and rethrows the first failure. */
    private static void run(int threads, Runnable worker) {
        if (threads == 1) {
            worker.run();
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            futures.add(POOL.submit(worker));
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException || e.getCause() instanceof Error ? e.getCause()
                            : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for worker threads", e);
                }
            }
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    /** Adds finished partition accumulators into the total in partition order; hands out zeroed ones. */
    private static final class Folder<A> {
        final A total;
        private final Supplier<A> zero;
        private final Consumer<A> clear;
        private final Object[] finished;
        private final BiConsumer<A, A> combine;
        private final ArrayDeque<A> free = new ArrayDeque<>();
        private int nextToAdd;

        Folder(Supplier<A> zero, Consumer<A> clear, int partitions, BiConsumer<A, A> combine) {
            this.total = zero.get();
            this.zero = zero;
            this.clear = clear;
            this.finished = new Object[partitions];
            this.combine = combine;
        }

        /** A zeroed accumulator: a cleared one that has been added to the total, or a new one. */
        A zeroed() {
            synchronized (this) {
                if (!free.isEmpty()) {
                    return free.pop();
                }
            }
            return zero.get();
        }

        @SuppressWarnings("unchecked")
        synchronized void done(int p, A partial) {
            finished[p] = partial;
            while (nextToAdd < finished.length && finished[nextToAdd] != null) {
                A added = (A) finished[nextToAdd];
                combine.accept(total, added);
                finished[nextToAdd++] = null;
                if (clear != null) {
                    clear.accept(added);
                    free.push(added);
                }
            }
        }
    }
}
