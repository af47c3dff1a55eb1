package org.replearn.core.spectral;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.replearn.core.Validate;
import org.replearn.core.hermite.QuadratureRule;

/**
 * Gauss rules for the probability measures of the radius and the angle of {@code x ~ N(0, I_d)}, as
 * {@link QuadratureRule}s: {@code E f(X) ≈ Σ_i w_i f(x_i)}, exact for polynomials of degree {@code <= 2N − 1} with
 * {@code N} points; weights positive, summing to 1.
 *
 * <p>Built by Golub–Welsch from the three-term recurrence {@code p_{k+1} = (x − a_k) p_k − b_k p_{k−1}} of the monic
 * orthogonal polynomials: the nodes are the eigenvalues of the symmetric Jacobi matrix (diagonal {@code a_k},
 * off-diagonal {@code sqrt(b_{k+1})}; EJML's symmetric eigen-solver), the weights the Christoffel numbers
 * {@code w_i = 1 / Σ_{k<N} p̂_k(x_i)²} of the orthonormal polynomials {@code p̂_k} evaluated by the same recurrence,
 * which keeps the tail weights relatively accurate (the squared first eigenvector components are only absolutely
 * accurate). Commons Math 3 (Legendre, Hermite) and Hipparchus (Laguerre without exponent) have neither the
 * generalized Laguerre nor the Jacobi rule with the large exponents needed here.
 */
public final class GaussRules {
    private GaussRules() {
    }

    /**
     * The rule for {@code X ~ Gamma(shape, 1)} (density {@code x^{a−1} e^{−x} / Γ(a)}): generalized Gauss–Laguerre,
     * {@code a_k = 2k + a}, {@code b_k = k (k + a − 1)}. With {@code a = d/2} it integrates {@code ‖x‖²/2} for
     * {@code x ~ N(0, I_d)}.
     */
    public static QuadratureRule gamma(double shape, int points) {
        Validate.positive("shape", shape, "the Gamma shape must be > 0 (d/2 for ‖x‖²/2)");
        Validate.atLeast("points", points, 1, "use at least one node");
        double[] a = new double[points];
        double[] b = new double[points];
        for (int k = 0; k < points; k++) {
            a[k] = 2 * k + shape;
            b[k] = k * (k + shape - 1);
        }
        return golubWelsch(a, b);
    }

    /**
     * The rule for {@code t = θ·θ'} of two independent uniform points of the sphere {@code S^{d−1}} (density
     * {@code ∝ (1 − t²)^{(d−3)/2}} on {@code [−1, 1]}, {@code d >= 3}): Gauss–Gegenbauer with index
     * {@code λ = (d − 2)/2}, {@code a_k = 0}, {@code b_k = k (k + 2λ − 1) / (4 (k + λ)(k + λ − 1))}.
     */
    public static QuadratureRule sphereAngle(int dimension, int points) {
        Validate.atLeast("dimension", dimension, 3, "the angle rule needs d >= 3");
        Validate.atLeast("points", points, 1, "use at least one node");
        double lambda = (dimension - 2) / 2.0;
        double[] a = new double[points];
        double[] b = new double[points];
        for (int k = 1; k < points; k++) {
            b[k] = k * (k + 2 * lambda - 1) / (4 * (k + lambda) * (k + lambda - 1));
        }
        return golubWelsch(a, b);
    }

    /** Nodes and Christoffel weights from the recurrence coefficients {@code a_k}, {@code b_k} ({@code b_0} unused). */
    private static QuadratureRule golubWelsch(double[] a, double[] b) {
        int n = a.length;
        DMatrixRMaj jacobi = new DMatrixRMaj(n, n);
        for (int k = 0; k < n; k++) {
            jacobi.set(k, k, a[k]);
            if (k + 1 < n) {
                double off = Math.sqrt(b[k + 1]);
                jacobi.set(k, k + 1, off);
                jacobi.set(k + 1, k, off);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(jacobi)) {
            throw new IllegalStateException("the eigen-decomposition of the " + n + "x" + n + " Jacobi matrix failed");
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(x);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double previous = 0;
            double current = 1;
            double sum = 1;
            for (int k = 0; k + 1 < n; k++) {
                double next = ((x[i] - a[k]) * current - (k == 0 ? 0 : Math.sqrt(b[k]) * previous))
                        / Math.sqrt(b[k + 1]);
                previous = current;
                current = next;
                sum += current * current;
            }
            w[i] = 1 / sum;
        }
        return new QuadratureRule(x, w);
    }
}
