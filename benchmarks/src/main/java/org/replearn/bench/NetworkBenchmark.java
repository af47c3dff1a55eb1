package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The fused streaming passes of a width-m ReLU network on samples in memory: batched forward (with the loss, {@code
 * LossGradient.lossOver}) and the first-layer gradient on de-linearized labels ({@code LossGradient.over}).
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}, sizes in {@link NetworkStageBenchmark}.
 */
public class NetworkBenchmark extends NetworkStageBenchmark {
    private Stages.Workload forwardWork;
    private Stages.Workload gradientWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        forwardWork = Stages.setup(sized("forward"));
        gradientWork = Stages.setup(sized("gradient"));
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
