package org.replearn.checks.cli;

import java.util.List;
import java.util.Locale;
import org.replearn.core.data.DataSource;
import org.replearn.core.training.Experiment;
import org.replearn.core.training.NtkKrrLearner;

/**
 * What one {@code train} run costs, estimated from its sizes before any work: peak heap bytes, seconds on this many
 * threads, and the rows its streamed passes read (the progress line's denominator). All arithmetic is in
 * {@code double}, so no size overflows. The memory model counts the arrays each method holds at once: the weights
 * {@code W}, {@code Wᵀ} (padded) and one gradient accumulator per worker plus one ({@code (T + 5)·m·d}), the
 * feature Gram's per-worker partial sums, the Householder factors and the result ({@code (T + 4)·m²}), and each
 * worker's data and feature blocks; kernel ridge holds the {@code n×n} Gram and its factor
 * ({@link NtkKrrLearner#bytesNeeded}). The time model charges data generation at {@value #NANOS_PER_GAUSSIAN} ns per
 * Gaussian coordinate and dense arithmetic at {@value #FLOPS_PER_THREAD} flop/s per thread, below what the fused
 * kernels reach warm (benchmarks/README.md), so the estimate errs long: an upper bound to plan by, not a benchmark.
 *
 * @param bytes   peak heap bytes
 * @param seconds estimated wall time
 * @param rows    rows the streamed passes read (training, validation and test)
 * @param drivers the flags that size the largest term of the memory model, as the user would change them
 *                (e.g. {@code --m})
 */
record Workload(double bytes, double seconds, double rows, List<String> drivers) {
    /** Dense arithmetic rate assumed per thread, flop/s. */
    static final double FLOPS_PER_THREAD = 1e10;
    /** Cost of one Gaussian coordinate (sampling and the target's value share), ns. */
    static final double NANOS_PER_GAUSSIAN = 4;
    /** Ridge λ grid size of the frozen-feature head. */
    private static final double LAMBDA_GRID = 100;
    /** Share of the heap a run may plan to use (the rest: JVM, report, fragmentation). */
    static final double HEAP_SHARE = 0.8;

    /** The workload of {@code method} at these sizes. */
    static Workload of(Experiment.Method method, int d, int r, long n, int m, long validation, long test, int steps,
            int threads) {
        double t = threads;
        double mp = m + 32.0;
        boolean kernel = method == Experiment.Method.NTK_KRR;
        double gen = (NANOS_PER_GAUSSIAN * 1e-9 + (double) r / (FLOPS_PER_THREAD)) * d / t;
        double flop = 1 / (FLOPS_PER_THREAD * t);
        double evaluate = (validation + test) * (gen + 2.0 * m * d * flop);
        double lambdaScan = validation * m * LAMBDA_GRID * flop + 2.0 * m * m * LAMBDA_GRID * flop;
        // each memory term with the flags that size it; the largest names the flags of a refusal
        Term blocks = new Term(t * 2 * DataSource.BLOCK_ROWS * (d + (kernel ? 0 : 2 * mp)) * Double.BYTES,
                kernel ? List.of("--d") : List.of("--d", "--m"));
        Term frame = new Term(4.0 * r * d * Double.BYTES, List.of("--d"));
        Term weights = new Term((t + 5) * mp * d * Double.BYTES, List.of("--m", "--d"));
        Term gram = new Term((t + 4) * mp * mp * Double.BYTES, List.of("--m"));
        return switch (method) {
            case ONE_STEP -> new Workload(
                    n * (3 * gen + d * flop + 6.0 * m * d * flop + (2.0 * m * d + (double) m * m) * flop)
                            + 4.0 * m * m * m * flop + evaluate + lambdaScan,
                    3.0 * n + validation + test, blocks, frame, weights, gram);
            case RANDOM_FEATURES -> new Workload(
                    n * (2 * gen + d * flop + (2.0 * m * d + (double) m * m) * flop) + 4.0 * m * m * m * flop
                            + evaluate + lambdaScan,
                    2.0 * n + validation + test, blocks, frame, weights, gram);
            case GD -> new Workload(
                    n * (gen + d * flop) + (double) steps * n * (gen + 6.0 * m * d * flop) + evaluate,
                    (1.0 + steps) * n + validation + test, blocks, frame, weights);
            case NTK_KRR -> new Workload(
                    (n + validation + test) * gen + 2.0 * n * n * d * flop + 8 * n * n * n / 3.0 * flop
                            + 2.0 * (validation + test) * n * d * flop,
                    n + validation + test, blocks, frame,
                    new Term(NtkKrrLearner.bytesNeeded(n, validation, 0), List.of("--n", "--validation")),
                    new Term(NtkKrrLearner.bytesNeeded(n, validation, d) - NtkKrrLearner.bytesNeeded(n, validation, 0),
                            List.of("--d")));
        };
    }

    /**
     * Flop rate assumed per thread for the gradient-descent head's product {@code (ΦᵀΦ/n)a}: scalar fma chains over
     * an m×m matrix that leaves the caches once m passes ~500, so far below {@link #FLOPS_PER_THREAD}.
     */
    static final double HEAD_FLOPS_PER_THREAD = 2e9;
    /** Width from which the gradient-descent head's product is split over threads (as in {@code RidgeHead}). */
    private static final int HEAD_PARALLEL_WIDTH = 256;

    /**
     * This workload plus the {@code headSteps} gradient steps of {@code --head gd} ({@code 2m²} flops each, split over
     * the threads from m = 256); {@code headSteps = 0} (the ridge head) leaves it unchanged.
     */
    Workload withGradientDescentHead(int m, int headSteps, int threads) {
        if (headSteps == 0) {
            return this;
        }
        double share = m >= HEAD_PARALLEL_WIDTH ? threads : 1;
        double head = (double) headSteps * 2.0 * m * m / (HEAD_FLOPS_PER_THREAD * share);
        return new Workload(bytes, seconds + head, rows, drivers);
    }

    /** One array group of the memory model: its bytes and the flags that size it. */
    private record Term(double bytes, List<String> flags) {
    }

    private Workload(double seconds, double rows, Term... terms) {
        this(total(terms), seconds, rows, largest(terms).flags());
    }

    private static double total(Term[] terms) {
        double sum = 0;
        for (Term term : terms) {
            sum += term.bytes();
        }
        return sum;
    }

    private static Term largest(Term[] terms) {
        Term max = terms[0];
        for (Term term : terms) {
            if (term.bytes() > max.bytes()) {
                max = term;
            }
        }
        return max;
    }

    /** True when {@link #bytes} fits the share of the heap a run may use. */
    boolean fits(long maxHeap) {
        return bytes <= HEAP_SHARE * maxHeap;
    }

    /** {@code 3.2 GiB}, {@code 512 MiB}, {@code 7.1 TiB}. */
    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, b >= 100 || u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
    }
}
