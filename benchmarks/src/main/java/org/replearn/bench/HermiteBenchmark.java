package org.replearn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Normalized Hermite values {@code h_0 … h_50} by the three-term recurrence on 10⁶ points.
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); {@code threads} 1 and 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch",
        "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HermiteBenchmark {
    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;
    /** Points. */
    @Param("1000000")
    public int n;

    private Stages.Workload hermiteWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        hermiteWork = Stages.setup(new Compare.Options("hermite", threads, n, 1, 1, 50, 0, 1, 0, 1, 1L));
    }

    /** One run of stage {@code hermite}. */
    @Benchmark
    public Object hermite() {
        return hermiteWork.task().get();
    }
}
