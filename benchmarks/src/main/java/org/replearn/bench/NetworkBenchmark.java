package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fused streaming passes of a width-m ReLU network on samples in memory: batched forward (with the loss, {@code
 * LossGradient.lossOver}) and the first-layer gradient on de-linearized labels ({@code LossGradient.over}).
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}.
 */
public class NetworkBenchmark extends StageBenchmark {
    /** Samples. */
    @Param("65536")
    public int n;
    /** Input dimension. */
    @Param("64")
    public int d;
    /** Width. */
    @Param("1024")
    public int m;
    private Stages.Workload forwardWork;
    private Stages.Workload gradientWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        forwardWork = Stages.setup(stage("forward").n(n).d(d).m(m).build());
        gradientWork = Stages.setup(stage("gradient").n(n).d(d).m(m).build());
    }

    /** One run of stage {@code forward}. */
    @Benchmark
    public Object forward() {
        return forwardWork.task().get();
    }

    /** One run of stage {@code gradient}. */
    @Benchmark
    public Object gradient() {
        return gradientWork.task().get();
    }
}
