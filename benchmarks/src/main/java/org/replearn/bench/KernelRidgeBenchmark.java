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
 * Kernel ridge regression with the ReLU NTK: the n×n kernel matrix, and the ridge solve.
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); {@code threads} 1 and 2.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch",
        "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class KernelRidgeBenchmark {
    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;
    /** Samples. */
    @Param("4096")
    public int n;
    /** Input dimension. */
    @Param("64")
    public int d;
    private Stages.Workload kernelBuildWork;
    private Stages.Workload ridgeSolveWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        kernelBuildWork = Stages.setup(new Compare.Options("krr_build", threads, n, d, 2, 50, 10000, 1, 0, 1, 1L));
        ridgeSolveWork = Stages.setup(new Compare.Options("krr_solve", threads, n, d, 2, 50, 10000, 1, 0, 1, 1L));
    }

    /** One run of stage {@code krr_build}. */
    @Benchmark
    public Object kernelBuild() {
        return kernelBuildWork.task().get();
    }

    /** One run of stage {@code krr_solve}. */
    @Benchmark
    public Object ridgeSolve() {
        return ridgeSolveWork.task().get();
    }
}
