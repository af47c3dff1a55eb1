package org.replearn.checks.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.replearn.checks.claims.api.Cell;
import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.Progress;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Scale;

/** In-process scheduling: results in cell order; a cell too large to share the heap runs alone with every thread. */
class InProcessTest {
    private static final long HEAP = 1000;
    private static final int THREADS = 4;

    /** A cell of {@code bytes}; its result records the threads it got and the cells running beside it. */
    private record Sized(int index, long bytes) implements Cell {
        @Override
        public String key() {
            return "c" + index;
        }

        @Override
        public double work() {
            return 1;
        }

        @Override
        public long memoryBytes() {
            return bytes;
        }
    }

    /** What one cell saw: its index, its threads, the most cells running at once while it ran. */
    private record Seen(int index, int threads, int concurrent) implements java.io.Serializable {
    }

    private static final class Recording implements Claim<Sized, Seen> {
        private final AtomicInteger running = new AtomicInteger();

        @Override
        public String id() {
            return "recording";
        }

        @Override
        public String statement() {
            return "records its scheduling";
        }

        @Override
        public List<Sized> cells(RunContext ctx) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Seen compute(Sized cell, RunContext ctx) {
            int most = running.incrementAndGet();
            try {
                for (int k = 0; k < 20; k++) {
                    Thread.sleep(1);
                    most = Math.max(most, running.get());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
            return new Seen(cell.index(), ctx.threads(), most);
        }

        @Override
        public ClaimResult reduce(List<Seen> results, RunContext ctx) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aCellLargerThanHalfItsShareOfTheHeapRunsAloneWithEveryThread() {
        // half a share = HEAP / (2 THREADS) = 125 bytes: cells 1, 2 and 5 exceed it, the others (125 included) share
        long[] bytes = {10, 250, 251, 125, 0, 900, 10, 10};
        List<Sized> cells = IntStream.range(0, bytes.length).mapToObj(i -> new Sized(i, bytes[i])).toList();
        int[] updates = {0};
        RunContext ctx = new RunContext(Scale.QUICK, 0, THREADS, (done, total) -> {
            updates[0]++;
            assertEquals(bytes.length, total);
        });
        List<Seen> seen = InProcess.computeAll(new Recording(), cells, ctx, HEAP);
        for (int i = 0; i < bytes.length; i++) {
            Seen s = seen.get(i);
            assertEquals(i, s.index(), "results in the order of the cells");
            boolean large = bytes[i] > HEAP / (2 * THREADS);
            assertEquals(large ? THREADS : 1, s.threads(), "threads of cell " + i);
            if (large) {
                assertEquals(1, s.concurrent(), "cell " + i + " runs alone");
            }
        }
        assertEquals(bytes.length, updates[0], "one progress update per cell");
    }

    @Test
    void withOneThreadOrOneCellNothingChanges() {
        List<Sized> big = List.of(new Sized(0, 5000), new Sized(1, 5000));
        RunContext one = new RunContext(Scale.QUICK, 0, 1, Progress.NONE);
        List<Seen> serial = InProcess.computeAll(new Recording(), big, one, HEAP);
        assertEquals(List.of(new Seen(0, 1, 1), new Seen(1, 1, 1)), serial);
        RunContext four = new RunContext(Scale.QUICK, 0, THREADS, Progress.NONE);
        assertEquals(List.of(new Seen(0, THREADS, 1)),
                InProcess.computeAll(new Recording(), List.of(new Sized(0, 1)), four, HEAP));
    }
}
