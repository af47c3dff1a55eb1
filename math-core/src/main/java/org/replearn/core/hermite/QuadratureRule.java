package org.replearn.core.hermite;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Gauss–Hermite rule for the standard normal: {@code E f(z) ≈ Σ_i w_i f(x_i)}, {@code z ~ N(0,1)}, weights summing
 * to 1; an {@code N}-point rule is exact for polynomials of degree {@code <= 2N-1}.
 *
 * <p>Built from Commons Math's physicists' rule (weight {@code e^{-x²}}): nodes are scaled by {@code sqrt(2)} and
 * weights by {@code 1/sqrt(π)}.
 *
 * @param nodes   the nodes {@code x_i}, ascending
 * @param weights the weights {@code w_i}
 */
public record QuadratureRule(double[] nodes, double[] weights) {
    /** Largest supported number of points. */
    public static final int MAX_POINTS = 200;

    private static final ConcurrentHashMap<Integer, QuadratureRule> CACHE = new ConcurrentHashMap<>();

    /** Validates equal lengths and finite entries. */
    public QuadratureRule {
        if (nodes.length != weights.length || nodes.length == 0) {
            throw new IllegalArgumentException("nodes (" + nodes.length + ") and weights (" + weights.length
                    + ") must be non-empty and of equal length");
        }
    }

    /** The {@code points}-point Gauss–Hermite rule for N(0,1), {@code 1 <= points <= 200}; cached. */
    public static QuadratureRule gaussHermite(int points) {
        if (points < 1 || points > MAX_POINTS) {
            throw new IllegalArgumentException("points = " + points + " must be in [1, " + MAX_POINTS
                    + "]: choose N with 2N-1 >= the polynomial degree to integrate");
        }
        return CACHE.computeIfAbsent(points, QuadratureRule::build);
    }

    private static QuadratureRule build(int points) {
        GaussIntegrator physicists = new GaussIntegratorFactory().hermite(points);
        double[] x = new double[points];
        double[] w = new double[points];
        double scale = 1.0 / Math.sqrt(Math.PI);
        for (int i = 0; i < points; i++) {
            x[i] = Math.sqrt(2.0) * physicists.getPoint(i);
            w[i] = scale * physicists.getWeight(i);
        }
        return new QuadratureRule(x, w);
    }

    /** Number of points. */
    public int size() {
        return nodes.length;
    }

    /** {@code Σ_i w_i f(x_i)}. */
    public double expectation(DoubleUnaryOperator f) {
        double sum = 0;
        for (int i = 0; i < nodes.length; i++) {
            sum += weights[i] * f.applyAsDouble(nodes[i]);
        }
        return sum;
    }

    /** Node {@code i}. */
    public double node(int i) {
        return nodes[i];
    }

    /** Weight {@code i}. */
    public double weight(int i) {
        return weights[i];
    }

    @Override
    public double[] nodes() {
        return nodes.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }
}
