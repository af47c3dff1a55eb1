package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Normalized Hermite values {@code h_0 … h_50} by the three-term recurrence on 10⁶ points.
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}.
 */
public class HermiteBenchmark extends StageBenchmark {
    /** Points. */
    @Param("1000000")
    public int n;

    private Stages.Workload hermiteWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        hermiteWork = Stages.setup(stage("hermite").n(n).d(1).m(1).validation(0).build());
    }

    /** One run of stage {@code hermite}. */
    @Benchmark
    public Object hermite() {
        return hermiteWork.task().get();
    }
}
