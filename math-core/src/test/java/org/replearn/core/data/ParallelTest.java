package org.replearn.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    /** Item values whose floating-point sum depends on the order: a wrong order changes the bits. */
    private static double value(int k) {
        return (k % 3 == 0 ? 1e16 : 1.0) * Math.sin(k + 0.5);
    }

    private static double reduce(int count, int threads) {
        return Parallel.reduce(count, threads, () -> new double[1], () -> null,
                (acc, ws, k) -> acc[0] += value(k), (into, from) -> into[0] += from[0])[0];
    }

    /**
     * The documented order: P = min(count, 64) contiguous partitions, each summed in item order from 0, then the
     * partition sums added in order to 0 — recomputed here sequentially and compared bit for bit, for several thread
     * counts and for counts below, at and above the partition limit.
     */
    @Test
    void reductionFollowsTheFixedPartitionOrderForEveryThreadCount() {
        for (int count : new int[] {1, 5, 64, 200}) {
            int partitions = Math.min(count, Parallel.PARTITIONS);
            double expected = 0;
            for (int p = 0; p < partitions; p++) {
                double partial = 0;
                for (int k = (int) ((long) p * count / partitions); k < (int) ((long) (p + 1) * count / partitions); k++) {
                    partial += value(k);
                }
                expected += partial;
            }
            for (int threads : new int[] {1, 2, 3, 4, 8}) {
                assertEquals(expected, reduce(count, threads), 0.0, "count " + count + ", threads " + threads);
            }
        }
    }

    /**
     * With a {@code clear}, partial accumulators are reset and reused once added, which changes no bit (a cleared
     * accumulator holds the same zeros as a new one; a missed reset would carry one partition's sum into the next)
     * and, on one thread, creates exactly two accumulators (the total and one partial) for 64 partitions.
     */
    @Test
    void reusedAccumulatorsGiveTheSameBits() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            AtomicInteger created = new AtomicInteger();
            double reused = Parallel.reduce(200, Parallel.PARTITIONS, threads, () -> {
                created.incrementAndGet();
                return new double[1];
            }, acc -> acc[0] = 0.0, () -> null, (acc, ws, k) -> acc[0] += value(k),
                    (into, from) -> into[0] += from[0])[0];
            assertEquals(reduce(200, threads), reused, 0.0, "threads " + threads);
            if (threads == 1) {
                assertEquals(2, created.get(), "accumulators created on one thread");
            }
        }
    }

    @Test
    void forEachVisitsEveryItemOnce() {
        AtomicIntegerArray visits = new AtomicIntegerArray(1000);
        Parallel.forEach(1000, 3, () -> null, (ws, k) -> visits.incrementAndGet(k));
        for (int k = 0; k < 1000; k++) {
            assertEquals(1, visits.get(k), "item " + k);
        }
    }

    @Test
    void failuresInWorkersReachTheCaller() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Parallel.reduce(50, 4, () -> new double[1], () -> null, (acc, ws, k) -> {
                    if (k == 37) {
                        throw new IllegalArgumentException("item 37 failed");
                    }
                }, (into, from) -> into[0] += from[0]));
        assertEquals("item 37 failed", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> reduce(10, 0));
        assertTrue(e.getMessage().startsWith("threads = 0"), e.getMessage());
    }
}
