package org.replearn.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the JMH benchmarks share: each times one or two stages of {@code benchmarks/compare} ({@link Stages}, same
 * sizes and problem), average time per run in milliseconds, one fork with the JVM flags of {@code compare}, 2 warm-up
 * and 3 measurement iterations of 2 s, on 1 and 2 worker threads. JMH's generator reads these annotations from this
 * superclass for every subclass's benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch",
        "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public abstract class StageBenchmark {
    /** Worker threads. */
    @Param({"1", "2"})
    public int threads;

    /**
     * The options of stage {@code stage} on {@link #threads} threads, for {@link Stages#setup}; the subclass sets its
     * sizes on the builder. JMH does the warm-up and repetitions, so {@code Compare}'s own are one each.
     */
    protected Compare.Options.Builder stage(String stage) {
        return Compare.Options.builder(stage).threads(threads).degree(50).validation(10000).warmup(1).warmupSeconds(0)
                .reps(1).seed(1L);
    }
}
