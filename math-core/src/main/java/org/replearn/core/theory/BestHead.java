package org.replearn.core.theory;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.replearn.core.NumericalFailure;
import org.replearn.core.Validate;
import org.replearn.core.targets.Target;

/**
 * The best head on a frozen first layer: the smallest population error
 * {@code min_{a, α, β} E(Σ_j a_j σ(w_j·x + b_j) + α + β·x − f*)²} of any head on the features
 * {@code φ = (σ(w_j·x + b_j))_j, 1, x} (or without the linear part: {@code φ = (σ_j, 1)}, {@code β = 0}),
 * {@code x ~ N(0, I_d)}: {@code E f*² − cᵀG⁺c} with {@code G = E φφᵀ},
 * {@code c = E φ f*} (the moments of {@link PopulationError}: {@link ReluGaussian} and
 * {@link PopulationError#correlation}; {@code E σ(u_j) x = Φ(b_j/||w_j||) w_j} by Stein's lemma, {@code E xxᵀ = I}).
 * {@code G⁺} drops the eigenvalues below {@code m·ε·μ_max}, the rounding of {@code G}: the symmetric initialization
 * duplicates every neuron, so {@code G} is singular and the minimizer is taken in the span of the distinct features.
 * Uses: the floor random features of width m add on their own (docs/math.md §6, kernel regime), and the representation
 * cost of a learned layer with no head-fitting noise (transfer).
 *
 * @param a        the minimizing output weights, length m (minimum norm)
 * @param alpha    the minimizing constant {@code α}
 * @param beta     the minimizing linear part {@code β}, length d (zeros when the head has no linear part)
 * @param excess   the floor {@code E(f̂ − f*)²} at the minimizer (rounding below 0 is reported as 0)
 * @param relative {@code excess / E f*²}
 */
public record BestHead(double[] a, double alpha, double[] beta, double excess, double relative) {
    /** Copies the arrays. */
    public BestHead {
        a = a.clone();
        beta = beta.clone();
    }

    /** A copy of the output weights. */
    @Override
    public double[] a() {
        return a.clone();
    }

    /** A copy of the linear part. */
    @Override
    public double[] beta() {
        return beta.clone();
    }

    /**
     * The best head on the ReLU features {@code σ(w_j·x + b_j)} plus a constant and, if {@code linear}, a linear part.
     *
     * @param w      first layer, {@code m×d}, {@code m >= 1}
     * @param b      biases, length m
     * @param target the target {@code f*}, of dimension d
     * @param linear whether the head has a linear part {@code β·x} (Algorithm 1's de-linearized head) or only a constant
     *               (the transfer head, which does not re-estimate {@code β})
     * @throws IllegalArgumentException on mismatched shapes or non-finite values
     * @throws NumericalFailure         when the eigendecomposition of {@code G} fails
     */
    public static BestHead of(DMatrixRMaj w, double[] b, Target target, boolean linear) {
        if (target == null) {
            throw new IllegalArgumentException("target is null: pass the target f* the features are judged against");
        }
        int d = target.dimension();
        int m = w.numRows;
        Validate.atLeast("w rows", m, 1, "pass at least one feature");
        Validate.dimension("w columns", w.numCols, d,
                "pass a first layer of shape m×d with d = the target's dimension");
        Validate.dimension("b", b.length, m, "one bias per row of w");
        Validate.finite("w", w);
        Validate.finite("b", b);
        double[] sq = new double[m];
        double[] s = new double[m];
        double[][] rows = new double[m][d];
        for (int j = 0; j < m; j++) {
            System.arraycopy(w.data, j * d, rows[j], 0, d);
            sq[j] = dot(rows[j], rows[j]);
            s[j] = Math.sqrt(sq[j]);
        }
        ReluGaussian.Units units = new ReluGaussian.Units(b.clone(), s);
        // features: σ_0..σ_{m-1}, then 1, then (if linear) x_1..x_d
        int p = m + 1 + (linear ? d : 0);
        DMatrixRMaj g = new DMatrixRMaj(p, p);
        double[] c = new double[p];
        double[] c1 = target.linearCoefficient();
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < j; k++) {
                double v = units.product(j, k, dot(rows[j], rows[k]), Math.sqrt(sq[j] * sq[k]));
                g.set(j, k, v);
                g.set(k, j, v);
            }
            g.set(j, j, units.second(j));
            g.set(j, m, units.mean[j]);
            g.set(m, j, units.mean[j]);
            for (int i = 0; i < p - m - 1; i++) {
                double v = units.slope[j] * rows[j][i];
                g.set(j, m + 1 + i, v);
                g.set(m + 1 + i, j, v);
            }
            c[j] = PopulationError.correlation(target, rows[j], b[j]);
        }
        g.set(m, m, 1);
        c[m] = target.mean();
        for (int i = 0; i < p - m - 1; i++) {
            g.set(m + 1 + i, m + 1 + i, 1);
            c[m + 1 + i] = c1[i];
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, true, true);
        if (!eig.decompose(g)) {
            throw new NumericalFailure("the eigendecomposition of the " + p + "×" + p + " feature Gram matrix did"
                    + " not converge");
        }
        double top = 0;
        for (int i = 0; i < p; i++) {
            top = Math.max(top, eig.getEigenvalue(i).getReal());
        }
        double cutoff = p * Math.ulp(1.0) * top;
        double[] coef = new double[p];
        for (int i = 0; i < p; i++) {
            double mu = eig.getEigenvalue(i).getReal();
            if (mu > cutoff) {
                DMatrixRMaj v = eig.getEigenVector(i);
                double proj = dot(v.data, c) / mu;
                for (int k = 0; k < p; k++) {
                    coef[k] += proj * v.data[k];
                }
            }
        }
        double[] a = new double[m];
        System.arraycopy(coef, 0, a, 0, m);
        double[] beta = new double[d];
        System.arraycopy(coef, m + 1, beta, 0, p - m - 1);
        double target2 = target.secondMoment();
        double excess = Math.max(0, target2 - dot(coef, c));
        return new BestHead(a, coef[m], beta, excess, excess / target2);
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
