package org.replearn.core.spectral;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A polynomial {@code Σ c_{α,j} z^α s^j} in the coordinates {@code z = Ux ∈ R^r} (orthonormal rows of {@code U}) and
 * {@code s = ‖x‖²}, seen as a function of {@code x ∈ R^d}. Its Laplacian in {@code x} is
 * {@code Δ(z^α s^j) = Δ_z(z^α) s^j + j (4|α| + 2d + 4(j − 1)) z^α s^{j−1}} (chain rule: {@code ∇z_i} are
 * orthonormal, {@code ∇s = 2x}, {@code 2x · ∇_x z^α = 2|α| z^α}). Terms are kept in lexicographic order of
 * {@code (α, j)}, so every sum is taken in one fixed order. Immutable.
 */
final class SubspacePolynomial {
    /** Exponents {@code (α_1 … α_r, j)}, compared lexicographically. */
    private final TreeMap<int[], Double> terms;
    private final int variables;

    private SubspacePolynomial(int variables, TreeMap<int[], Double> terms) {
        this.variables = variables;
        this.terms = terms;
    }

    private static TreeMap<int[], Double> newTerms() {
        return new TreeMap<>(Arrays::compare);
    }

    /** The polynomial with the given terms, exponent arrays {@code (α_1 … α_r, j)}. */
    static SubspacePolynomial of(int variables, Map<int[], Double> terms) {
        TreeMap<int[], Double> copy = newTerms();
        terms.forEach((e, c) -> add(copy, e.clone(), c));
        return new SubspacePolynomial(variables, copy);
    }

    private static void add(TreeMap<int[], Double> terms, int[] exponents, double c) {
        if (c != 0) {
            terms.merge(exponents, c, Double::sum);
        }
    }

    /** The part of weighted degree {@code k} ({@code |α| + 2j = k}): homogeneous of degree {@code k} in x. */
    SubspacePolynomial homogeneousPart(int degree) {
        TreeMap<int[], Double> out = newTerms();
        terms.forEach((e, c) -> {
            if (weightedDegree(e) == degree) {
                out.put(e, c);
            }
        });
        return new SubspacePolynomial(variables, out);
    }

    private int weightedDegree(int[] e) {
        int sum = 2 * e[variables];
        for (int i = 0; i < variables; i++) {
            sum += e[i];
        }
        return sum;
    }

    /** {@code Δ_x} on {@code R^d}. */
    SubspacePolynomial laplacian(int dimension) {
        TreeMap<int[], Double> out = newTerms();
        terms.forEach((e, c) -> {
            int size = 0;
            for (int i = 0; i < variables; i++) {
                size += e[i];
                if (e[i] >= 2) {
                    int[] f = e.clone();
                    f[i] -= 2;
                    add(out, f, c * e[i] * (e[i] - 1));
                }
            }
            int j = e[variables];
            if (j >= 1) {
                int[] f = e.clone();
                f[variables] -= 1;
                add(out, f, c * j * (4.0 * size + 2.0 * dimension + 4.0 * (j - 1)));
            }
        });
        return new SubspacePolynomial(variables, out);
    }

    /** {@code a · this + b · s^power · other}. */
    SubspacePolynomial plus(double a, double b, int power, SubspacePolynomial other) {
        TreeMap<int[], Double> out = newTerms();
        terms.forEach((e, c) -> add(out, e, a * c));
        other.terms.forEach((e, c) -> {
            int[] f = e.clone();
            f[variables] += power;
            add(out, f, b * c);
        });
        return new SubspacePolynomial(variables, out);
    }

    /**
     * The harmonic part {@code H} of this polynomial, homogeneous of degree {@code m} in {@code x}:
     * {@code H = Σ_i (−1)^i s^i Δ^i P / (2^i i! Π_{t=1..i} (d + 2m − 2 − 2t))}, and the quotient {@code (P − H)/s}
     * (homogeneous of degree {@code m − 2}).
     */
    SubspacePolynomial[] harmonicSplit(int dimension, int m) {
        SubspacePolynomial harmonic = this;
        SubspacePolynomial rest = new SubspacePolynomial(variables, newTerms());
        SubspacePolynomial power = this;
        double coefficient = 1;
        for (int i = 1; 2 * i <= m; i++) {
            power = power.laplacian(dimension);
            coefficient *= -1.0 / (2.0 * i * (dimension + 2.0 * m - 2 - 2 * i));
            harmonic = harmonic.plus(1, coefficient, i, power);
            rest = rest.plus(1, -coefficient, i - 1, power);
        }
        return new SubspacePolynomial[] {harmonic, rest};
    }

    /**
     * {@code E_θ[A(θ) B(θ)]} for {@code θ} uniform on {@code S^{d−1}} ({@code s = 1}, {@code z = Uθ}), from
     * {@code E θ^γ = Π (γ_i − 1)!! / (d (d + 2) ⋯ (d + |γ| − 2))} for even {@code γ}, 0 otherwise.
     */
    double sphereInner(SubspacePolynomial other, int dimension) {
        TreeMap<int[], Double> product = newTerms();
        terms.forEach((e, c) -> other.terms.forEach((f, b) -> {
            int[] g = new int[variables];
            for (int i = 0; i < variables; i++) {
                g[i] = e[i] + f[i];
            }
            add(product, g, c * b);
        }));
        double sum = 0;
        for (Map.Entry<int[], Double> t : product.entrySet()) {
            sum += t.getValue() * sphereMoment(t.getKey(), dimension);
        }
        return sum;
    }

    private static double sphereMoment(int[] gamma, int dimension) {
        double numerator = 1;
        int total = 0;
        for (int g : gamma) {
            if (g % 2 != 0) {
                return 0;
            }
            for (int odd = g - 1; odd > 1; odd -= 2) {
                numerator *= odd;
            }
            total += g;
        }
        double moment = numerator;
        for (int t = 0; 2 * t < total; t++) {
            moment /= dimension + 2.0 * t;
        }
        return moment;
    }
}
