package org.replearn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Kernel ridge regression with the ReLU NTK: the n×n kernel matrix ({@code ReluNtk.gram}), and the ridge solve
 * ({@code KernelRidge.fit}: the blocked {@code Cholesky.factor} of {@code K + nλI} and two triangular solves).
 * Sizes and problem as in {@code benchmarks/compare} (see {@link Stages}); settings in {@link StageBenchmark}. Each
 * benchmark sets up only its own stage, so a fork holds one kernel matrix (the build) or one kernel matrix and its
 * factor (the solve), {@code 8n²} or {@code 16n²} bytes: {@code -p n=20736 -p d=12} (n = d⁴) needs a heap of
 * about 7 GB for the solve (the command line in benchmarks/README.md).
 */
public class KernelRidgeBenchmark extends StageBenchmark {
    /** Samples. */
    @Param("4096")
    public int n;
    /** Input dimension. */
    @Param("64")
    public int d;

    /** The inputs of stage {@code krr_build} (untimed). */
    @State(Scope.Benchmark)
    public static class Build {
        private Stages.Workload work;

        /** Builds the inputs of {@code bench}'s sizes. */
        @Setup(Level.Trial)
        public void setup(KernelRidgeBenchmark bench) {
            work = Stages.setup(bench.stage("krr_build").n(bench.n).d(bench.d).m(2).build());
        }
    }

    /** The inputs and kernel matrix of stage {@code krr_solve} (untimed). */
    @State(Scope.Benchmark)
    public static class Solve {
        private Stages.Workload work;

        /** Builds the inputs and the kernel matrix of {@code bench}'s sizes. */
        @Setup(Level.Trial)
        public void setup(KernelRidgeBenchmark bench) {
            work = Stages.setup(bench.stage("krr_solve").n(bench.n).d(bench.d).m(2).build());
        }
    }

    /** One run of stage {@code krr_build}. */
    @Benchmark
    public Object kernelBuild(Build state) {
        return state.work.task().get();
    }

    /** One run of stage {@code krr_solve}. */
    @Benchmark
    public Object ridgeSolve(Solve state) {
        return state.work.task().get();
    }
}
