package org.replearn.core.kernel;

/**
 * Infinite-width neural tangent kernel of {@code f(x) = Σ_j a_j σ(w_j·x + b_j)} at the initialization of docs/math.md §3
 * ({@code w ~ N(0, I_d/d)}, {@code b ~ N(0, 1)}, {@code a = ±1}), normalized per neuron: the limit as {@code m → ∞} of
 * the empirical NTK divided by {@code m} ({@link EmpiricalNtk}),
 * {@code Θ(x, y) = E[σ(u)σ(v)] + E[σ'(u)σ'(v)] (x·y + 1)} (gradients in {@code a}, then in {@code (w, b)}), with
 * {@code (u, v)} the Gaussian pair of {@link ReluNngp}.
 */
public final class ReluNtk extends DotProductKernel {
    /** The NTK on {@code R^d}. */
    public ReluNtk(int dimension) {
        super(dimension);
    }

    @Override
    public double evaluate(double xx, double yy, double xy) {
        return ArcCosine.kernel(dimension, true, xx, yy, xy);
    }

    @Override
    void evaluateRow(double xx, double[] yy, double[] out, int o, int count) {
        ArcCosine.fill(dimension, true, xx, yy, out, o, count);
    }

    @Override
    public String name() {
        return "relu-ntk";
    }
}
