package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

/**
 * The ridge statistics {@code ΦᵀΦ/n} and {@code Φᵀỹ/n} of ReLU features in one fused pass ({@code FeatureGram.over}) on
 * samples in memory.
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}, sizes in {@link NetworkStageBenchmark}.
 */
public class FeatureGramBenchmark extends NetworkStageBenchmark {
    private Stages.Workload gramWork;

    /** Builds the inputs (untimed). */
    @Setup(Level.Trial)
    public void setup() {
        gramWork = Stages.setup(sized("gram"));
    }

    /** One run of stage {@code gram}. */
    @Benchmark
    public Object gram() {
        return gramWork.task().get();
    }
}
