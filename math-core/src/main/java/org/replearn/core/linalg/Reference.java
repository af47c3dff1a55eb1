package org.replearn.core.linalg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.TridiagonalSimilarDecomposition_F64;
import org.replearn.core.Validate;
import org.replearn.core.network.Activation;
import org.replearn.core.network.NetworkGradient;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * The reference twins of this package's hot kernels, one static method per kernel, in one place: what each fast
 * kernel computes, written to be obviously correct rather than fast. Plain loops over the definitions (no blocking,
 * no vectors, no threads, every sum in increasing index order with separate multiply and add), or EJML where a
 * textbook algorithm of its own would be longer than the kernel it checks. The tests compare every kernel with its
 * twin within a floating-point bound stated in the test; nothing on a production path calls this class.
 *
 * <table>
 *   <caption>Kernels and their twins</caption>
 *   <tr><th>kernel</th><th>reference</th></tr>
 *   <tr><td>{@link ReluFeatures#compute}</td><td>{@link #reluFeatures}</td></tr>
 *   <tr><td>{@link FeatureGram#over}</td><td>{@link #featureGram}</td></tr>
 *   <tr><td>{@link LossGradient#over}, {@link LossGradient#lossOver}</td><td>{@link #lossGradient}</td></tr>
 *   <tr><td>{@link Projection#apply}</td><td>{@link #product}</td></tr>
 *   <tr><td>{@link Cholesky#factor}, {@link Cholesky#solve}</td>
 *       <td>{@link #cholesky}, {@link #choleskySolve}</td></tr>
 *   <tr><td>{@link Tridiagonal#reduce}</td><td>{@link #tridiagonal} (and {@link #sortedEigenvalues})</td></tr>
 * </table>
 */
final class Reference {
    private Reference() {
    }

    /** {@code Φ_ij = max(b_j + Σ_k x_ik w_jk, 0)} into {@code phi} (reshaped n×m), the sum in increasing k, no fma. */
    static void reluFeatures(DMatrixRMaj x, DMatrixRMaj w, double[] b, DMatrixRMaj phi) {
        int n = x.numRows;
        int m = w.numRows;
        int d = w.numCols;
        Validate.dimension("x columns", x.numCols, d, "x must have as many columns as w");
        Validate.dimension("b", b.length, m, "one bias per row of w");
        phi.reshape(n, m, false);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = b[j];
                for (int k = 0; k < d; k++) {
                    s += x.data[i * d + k] * w.data[j * d + k];
                }
                phi.data[i * m + j] = s > 0 ? s : 0.0;
            }
        }
    }

    /**
     * {@code ΦᵀΦ/n}, {@code Φᵀt/n}, {@code tᵀt/n} for samples in memory: {@code Φ} by {@link #reluFeatures}, then
     * each sum over samples in increasing order, no fma; the whole (not only the upper) Gram matrix summed.
     */
    static FeatureGram featureGram(DMatrixRMaj x, double[] t, DMatrixRMaj w, double[] b) {
        Validate.dimension("t", t.length, x.numRows, "one label per row of x");
        DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        reluFeatures(x, w, b, phi);
        int n = x.numRows;
        int m = w.numRows;
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        double[] pt = new double[m];
        double tt = 0;
        for (int i = 0; i < n; i++) {
            tt += t[i] * t[i];
            for (int j = 0; j < m; j++) {
                double pij = phi.data[i * m + j];
                pt[j] += pij * t[i];
                for (int l = 0; l < m; l++) {
                    gram.data[j * m + l] += pij * phi.data[i * m + l];
                }
            }
        }
        for (int j = 0; j < m * m; j++) {
            gram.data[j] /= n;
        }
        for (int j = 0; j < m; j++) {
            pt[j] /= n;
        }
        return new FeatureGram(gram, pt, tt / n, n);
    }

    /**
     * Loss {@code (1/n) Σ_i e_i²} and gradient of a ReLU network on samples in memory, straight from the definitions
     * (docs/math.md §3): {@code φ_ij} by {@link #reluFeatures}, {@code e_i = Σ_j a_j φ_ij − t_i},
     * {@code ∂L/∂a_j = (2/n) Σ_i e_i φ_ij}, {@code ∂L/∂b_j = (2/n) Σ_i e_i a_j 1[φ_ij > 0]},
     * {@code ∂L/∂w_jk = (2/n) Σ_i e_i a_j 1[φ_ij > 0] x_ik}; sums in increasing index order, no fma.
     */
    static LossGradient lossGradient(DMatrixRMaj x, double[] t, TwoLayerNetwork network) {
        if (network.activation() != Activation.RELU) {
            throw new IllegalArgumentException("activation " + network.activation().name() + ": the reference, like"
                    + " the fused kernel, is for ReLU networks");
        }
        Validate.dimension("t", t.length, x.numRows, "one label per row of x");
        DMatrixRMaj w = network.weights();
        double[] b = network.biases();
        double[] a = network.outputWeights();
        int n = x.numRows;
        int m = w.numRows;
        int d = w.numCols;
        DMatrixRMaj phi = new DMatrixRMaj(1, 1);
        reluFeatures(x, w, b, phi);
        double loss = 0;
        double[] ga = new double[m];
        double[] gb = new double[m];
        DMatrixRMaj gw = new DMatrixRMaj(m, d);
        for (int i = 0; i < n; i++) {
            double f = 0;
            for (int j = 0; j < m; j++) {
                f += a[j] * phi.data[i * m + j];
            }
            double e = f - t[i];
            loss += e * e;
            for (int j = 0; j < m; j++) {
                double pij = phi.data[i * m + j];
                ga[j] += e * pij;
                double c = pij > 0 ? e * a[j] : 0.0;
                gb[j] += c;
                for (int k = 0; k < d; k++) {
                    gw.data[j * d + k] += c * x.data[i * d + k];
                }
            }
        }
        double scale = 2.0 / n;
        for (int j = 0; j < m; j++) {
            ga[j] *= scale;
            gb[j] *= scale;
        }
        for (int e = 0; e < m * d; e++) {
            gw.data[e] *= scale;
        }
        return new LossGradient(loss / n, new NetworkGradient(ga, gw, gb));
    }

    /** {@code Y = X B}: {@code Y_ij = Σ_l X_il B_lj}, the sum in increasing l, no fma. */
    static DMatrixRMaj product(DMatrixRMaj x, DMatrixRMaj b) {
        Validate.dimension("x columns", x.numCols, b.numRows, "x must have one column per row of B");
        int rows = x.numRows;
        int k = x.numCols;
        int c = b.numCols;
        DMatrixRMaj y = new DMatrixRMaj(rows, c);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < c; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += x.data[i * k + l] * b.data[l * c + j];
                }
                y.data[i * c + j] = s;
            }
        }
        return y;
    }

    /**
     * The upper Cholesky factor {@code U} of {@code A + shift·I} (only the upper triangle of {@code a} is read),
     * row by row from the definition {@code UᵀU = A + sI}: {@code U_ii = sqrt(a_ii + s − Σ_{k<i} U_ki²)},
     * {@code U_ij = (a_ij − Σ_{k<i} U_ki U_kj) / U_ii}, sums in increasing k, no fma; null if a pivot is not
     * positive and finite.
     */
    static DMatrixRMaj cholesky(DMatrixRMaj a, double shift) {
        Validate.dimension("a columns", a.numCols, a.numRows, "pass a square matrix");
        int n = a.numRows;
        DMatrixRMaj u = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = i == j ? a.data[i * n + i] + shift : a.data[i * n + j];
                for (int k = 0; k < i; k++) {
                    s -= u.data[k * n + i] * u.data[k * n + j];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    u.data[i * n + i] = Math.sqrt(s);
                } else {
                    u.data[i * n + j] = s / u.data[i * n + i];
                }
            }
        }
        return u;
    }

    /** {@code x = (UᵀU)⁻¹ y}: forward substitution with {@code Uᵀ}, then back substitution with {@code U}, no fma. */
    static double[] choleskySolve(DMatrixRMaj u, double[] y) {
        int n = u.numRows;
        Validate.dimension("y length", y.length, n, "one right-hand side entry per row of U");
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = y[i];
            for (int k = 0; k < i; k++) {
                s -= u.data[k * n + i] * z[k];
            }
            z[i] = s / u.data[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= u.data[i * n + k] * x[k];
            }
            x[i] = s / u.data[i * n + i];
        }
        return x;
    }

    /**
     * A tridiagonal form {@code A = Q T Qᵀ} of the symmetric {@code a} by EJML's Householder tridiagonalization (an
     * independent implementation of the same backward-stable reduction; its signs may differ from
     * {@link Tridiagonal}'s, the form is unique only up to them).
     */
    static TridiagonalForm tridiagonal(DMatrixRMaj a) {
        int n = a.numRows;
        TridiagonalSimilarDecomposition_F64<DMatrixRMaj> tri = DecompositionFactory_DDRM.tridiagonal(n);
        if (!tri.decompose(a.copy())) {
            throw new IllegalStateException("EJML's tridiagonalization failed on a " + n + "x" + n + " matrix");
        }
        double[] diagonal = new double[n];
        double[] offDiagonal = new double[Math.max(n - 1, 0)];
        tri.getDiagonal(diagonal, offDiagonal);
        return new TridiagonalForm(diagonal, offDiagonal, tri.getQ(null, false));
    }

    /**
     * {@code A = Q T Qᵀ} with {@code T} tridiagonal.
     *
     * @param diagonal    {@code T_jj} ({@code n} entries)
     * @param offDiagonal {@code T_{j,j+1} = T_{j+1,j}} ({@code n − 1} entries)
     * @param q           {@code Q} (n×n, orthogonal)
     */
    record TridiagonalForm(double[] diagonal, double[] offDiagonal, DMatrixRMaj q) {
    }

    /** The eigenvalues of the symmetric {@code a}, in increasing order, by EJML's symmetric QR algorithm. */
    static double[] sortedEigenvalues(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        if (!eig.decompose(a.copy())) {
            throw new IllegalStateException("EJML's symmetric eigendecomposition did not converge");
        }
        double[] v = new double[a.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(v);
        return v;
    }
}
