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
 * The ridge statistics {@code ΦᵀΦ/n} and {@code Φᵀỹ/n} of ReLU features in one fused pass ({@code FeatureGram.over}) on
 * samples in memory.
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); {@code threads} 1 and 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch",
        "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FeatureGramBenchmark {
    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;
    /** Samples. */
    @Param("65536")
    public int n;
    /** Input dimension. */
    @Param("64")
    public int d;
    /** Width. */
    @Param("1024")
    public int m;
    private Stages.Workload gramWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        gramWork = Stages.setup(new Compare.Options("gram", threads, n, d, m, 50, 10000, 1, 0, 1, 1L));
    }

    /** One run of stage {@code gram}. */
    @Benchmark
    public Object gram() {
        return gramWork.task().get();
    }
}
