package org.replearn.bench;

import org.openjdk.jmh.annotations.Param;

/**
 * The stages on the network problem of {@code benchmarks/compare} share its sizes: {@code n} samples in {@code d}
 * dimensions and {@code m} neurons (the defaults are {@code compare}'s).
 */
public abstract class NetworkStageBenchmark extends StageBenchmark {
    /** Samples. */
    @Param("65536")
    public int n;
    /** Input dimension. */
    @Param("64")
    public int d;
    /** Width. */
    @Param("1024")
    public int m;

    /** The options of stage {@code stage} at these sizes. */
    protected Compare.Options sized(String stage) {
        return stage(stage).n(n).d(d).m(m).build();
    }
}
