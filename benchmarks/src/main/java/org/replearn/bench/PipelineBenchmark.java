package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The whole one-step pipeline of Algorithm 1 ({@code OneStepLearner.fit}, data streamed from the seeded source, 10⁴
 * validation samples).
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}, sizes in {@link NetworkStageBenchmark}.
 */
public class PipelineBenchmark extends NetworkStageBenchmark {
    private Stages.Workload pipelineWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        pipelineWork = Stages.setup(sized("pipeline"));
    }

    /** One run of stage {@code pipeline}. */
    @Benchmark
    public Object pipeline() {
        return pipelineWork.task().get();
    }
}
