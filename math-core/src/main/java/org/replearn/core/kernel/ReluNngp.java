package org.replearn.core.kernel;

/**
 * Infinite-width NNGP kernel of one ReLU neuron at the initialization of docs/math.md §3 ({@code w ~ N(0, I_d/d)},
 * {@code b ~ N(0, 1)}): {@code K(x, y) = E[σ(w·x + b) σ(w·y + b)]}. The pre-activations are a centered Gaussian
 * pair with {@code Var u = ||x||²/d + 1}, {@code Var v = ||y||²/d + 1}, {@code Cov = x·y/d + 1}; the expectation is
 * the degree-1 arc-cosine closed form ({@link ArcCosine}).
 */
public final class ReluNngp extends DotProductKernel {
    /** The NNGP kernel on {@code R^d}. */
    public ReluNngp(int dimension) {
        super(dimension);
    }

    @Override
    public double evaluate(double xx, double yy, double xy) {
        return ArcCosine.kernel(dimension, false, xx, yy, xy);
    }

    @Override
    void evaluateRow(double xx, double[] yy, double[] out, int o, int count) {
        ArcCosine.fill(dimension, false, xx, yy, out, o, count);
    }

    @Override
    public String name() {
        return "relu-nngp";
    }
}
