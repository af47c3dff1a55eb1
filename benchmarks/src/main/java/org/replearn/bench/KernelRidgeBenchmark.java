package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Kernel ridge regression with the ReLU NTK: the n×n kernel matrix, and the ridge solve.
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}.
 */
public class KernelRidgeBenchmark extends StageBenchmark {
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
        kernelBuildWork = Stages.setup(stage("krr_build").n(n).d(d).m(2).build());
        ridgeSolveWork = Stages.setup(stage("krr_solve").n(n).d(d).m(2).build());
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
