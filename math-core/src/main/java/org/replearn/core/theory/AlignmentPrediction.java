package org.replearn.core.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.replearn.core.Validate;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;
import org.replearn.core.hermite.ReluMoments;
import org.replearn.core.targets.HermitePolynomial;
import org.replearn.core.targets.Target;

/**
 * First-order prediction of the subspace alignment {@code A = ||W¹Uᵀ||_F² / ||W¹||_F²} after the first gradient step
 * (docs/math.md §6): {@code A ≈ Σ_j (||P_U G_j||² + r v_j/n) / Σ_j (||G_j||² + d v_j/n)}, with
 * {@code G_j = E[f̃(x) ψ_j(x) x]}, {@code v_j = E[(f̃(x)² + σ_ε²)(ψ_j(x) - Φ(b_j/||w_j||))²]},
 * {@code ψ_j(x) = 1[w_j·x + b_j > 0]} and {@code f̃} the target without its constant and linear parts.
 *
 * <p>Both are exact. {@code G_j} is {@link PopulationGradient#correlation}. For {@code v_j}, with
 * {@code p = Φ(b/||w||)} and {@code ψ² = ψ}: {@code v = (1-p)² E[F ψ] + p² E[F (1-ψ)]}, {@code F = f̃² + σ_ε²}, where
 * {@code 1 - ψ = 1[(-w)·x + (-b) > 0]} up to a null set, so both terms are non-negative and computed without
 * cancellation. Each is {@code E[F(x) 1[w·x + b > 0]] = Σ_k m_k(b, ||w||) Q_k^F(Uw)} (docs/math.md §5, Gaussian
 * integration by parts), with {@code F} expanded in the Hermite basis by the linearization formula
 * {@code h_m h_n = Σ_{k <= min(m,n)} sqrt(C(m,k) C(n,k) C(m+n-2k, m-k)) h_{m+n-2k}} per variable. No quadrature is
 * involved, and {@code w ∈ span(U)} (no component orthogonal to U) needs no special case.
 */
public final class AlignmentPrediction {
    private AlignmentPrediction() {
    }

    /**
     * The predicted alignment after one step on {@code n} samples.
     *
     * @param target        the target {@code f*}; its constant and linear parts are removed here
     * @param w             first-layer weights, m×d, non-zero finite rows
     * @param b             biases, length m, finite
     * @param noiseVariance label noise variance {@code σ_ε² >= 0}
     * @param n             number of training samples, {@code >= 1}
     * @return {@code A} in {@code [0, 1]}
     */
    public static double predict(Target target, DMatrixRMaj w, double[] b, double noiseVariance, long n) {
        int d = target.dimension();
        int r = target.rank();
        Validate.dimension("w columns", w.numCols, d, "pass first-layer weights of shape m×d");
        Validate.dimension("b", b.length, w.numRows, "pass one bias per row of w");
        Validate.finite("w", w);
        Validate.finite("b", b);
        Validate.nonNegative("noiseVariance", noiseVariance, "pass the label noise variance σ_ε²");
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " must be >= 1: pass the number of training samples");
        }
        Reduced reduced = Reduced.of(target, noiseVariance);
        double[] row = new double[d];
        double[] projected = new double[r];
        double numerator = 0;
        double denominator = 0;
        for (int j = 0; j < w.numRows; j++) {
            System.arraycopy(w.data, j * d, row, 0, d);
            double v = reduced.noiseVariance(row, b[j], "w row " + j);
            double inSpan = 0;
            double total = 0;
            if (reduced.target != null) {
                double[] g = PopulationGradient.correlation(reduced.target, row, b[j]);
                target.project(g, projected);
                inSpan = squaredNorm(projected);
                total = squaredNorm(g);
            }
            numerator += inSpan + r * v / n;
            denominator += total + d * v / n;
        }
        if (!(denominator > 0)) {
            throw new IllegalArgumentException("the predicted gradient is zero: the target has no part of degree >= 2"
                    + " and noiseVariance = " + noiseVariance + "; the alignment is undefined (give a target with"
                    + " degree >= 2 terms or positive noise)");
        }
        return numerator / denominator;
    }

    /**
     * {@code v = E[(f̃(x)² + σ_ε²)(1[w·x + b > 0] - Φ(b/||w||))²]} for one neuron, exactly; {@code f̃} is the target
     * without its constant and linear parts (removed here).
     */
    public static double noiseVariance(Target target, double[] w, double b, double noiseVariance) {
        Validate.dimension("w", w.length, target.dimension(), "pass a weight vector of length d");
        Validate.finite("w", w);
        Validate.finite("b", b);
        Validate.nonNegative("noiseVariance", noiseVariance, "pass the label noise variance σ_ε²");
        return Reduced.of(target, noiseVariance).noiseVariance(w, b, "w");
    }

    /**
     * The target reduced to degrees >= 2 ({@code null} when that part is zero) and {@code F = f̃² + σ_ε²} in the
     * Hermite basis of {@code z = Ux}.
     */
    private record Reduced(Target original, Target target, HermitePolynomial square) {
        static Reduced of(Target target, double noiseVariance) {
            HermitePolynomial g = target.link().withoutDegreesBelow(2);
            HermitePolynomial.Builder f = squared(g);
            f.add(MultiIndex.zero(g.variables()), noiseVariance);
            return new Reduced(target, g.isZero() ? null : target.withLink(g), f.build());
        }

        double noiseVariance(double[] w, double b, String name) {
            double s = Math.sqrt(squaredNorm(w));
            if (s == 0) {
                throw new IllegalArgumentException(name + " = 0: a neuron with zero weights has no defined"
                        + " activation pattern; pass non-zero weight rows");
            }
            int maxK = square.degree();
            double[] plus = new double[maxK + 1];
            double[] minus = new double[maxK + 1];
            ReluMoments.moments(maxK, b, s, plus);
            ReluMoments.moments(maxK, -b, s, minus);
            double[] v = new double[original.rank()];
            original.project(w, v);
            double active = 0;    // E[F 1[w·x + b > 0]]
            double inactive = 0;  // E[F 1[-w·x - b > 0]], Q_k(-v) = (-1)^k Q_k(v)
            for (int k = 0; k <= maxK; k++) {
                double q = square.q(k, v);
                active += plus[k] * q;
                inactive += (k % 2 == 0 ? minus[k] : -minus[k]) * q;
            }
            double p = plus[0];
            double complement = minus[0];
            return complement * complement * active + p * p * inactive;
        }
    }

    /** {@code g²} in the Hermite basis, by the per-variable linearization formula; terms summed once per pair. */
    private static HermitePolynomial.Builder squared(HermitePolynomial g) {
        int r = g.variables();
        HermitePolynomial.Builder out = HermitePolynomial.builder(r);
        List<int[]> exponents = new ArrayList<>();
        List<Double> coefficients = new ArrayList<>();
        for (Map.Entry<MultiIndex, Double> t : g.terms().entrySet()) {
            exponents.add(t.getKey().toArray());
            coefficients.add(t.getValue());
        }
        int[] product = new int[r];
        for (int i = 0; i < exponents.size(); i++) {
            for (int j = i; j < exponents.size(); j++) {
                double c = (i == j ? 1 : 2) * coefficients.get(i) * coefficients.get(j);
                addProduct(exponents.get(i), exponents.get(j), c, 0, product, out);
            }
        }
        return out;
    }

    /** Adds {@code c · Π_{i >= axis} h_{α_i} h_{β_i}}, the variables before {@code axis} fixed in {@code product}. */
    private static void addProduct(int[] alpha, int[] beta, double c, int axis, int[] product,
            HermitePolynomial.Builder out) {
        if (axis == alpha.length) {
            out.add(MultiIndex.of(product), c);
            return;
        }
        int m = alpha[axis];
        int n = beta[axis];
        for (int k = 0; k <= Math.min(m, n); k++) {
            product[axis] = m + n - 2 * k;
            addProduct(alpha, beta, c * Hermite.productCoefficient(m, n, k), axis + 1, product, out);
        }
    }

    private static double squaredNorm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }
}
