package org.replearn.checks.claims.paper;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.replearn.core.data.Dataset;
import org.replearn.core.network.TwoLayerNetwork;

/**
 * Check (iii) of {@link GdHeadClaim}, an identity up to rounding: the ridge head's output weights {@code a} are the
 * ridge solution at the {@code λ̂} it reports, {@code a(λ̂) = (G + λ̂I)⁻¹c}, {@code G = ΦᵀΦ/n}, {@code c = Φᵀỹ/n}
 * (docs/math.md §4 step 5), recomputed here outside the learner: features {@code Φ = σ(XWᵀ + 1bᵀ)} and {@code G, c}
 * by EJML products, {@code ỹ} by {@link FirstStepIdentity#delinearize}, the solve by Cholesky (the learner
 * tridiagonalizes).
 *
 * <p>Rounding bound on the relative distance of the two computations (each is the exact solve of a perturbed system,
 * {@code ||δa||/||a|| <= ||A⁻¹||(||δA|| + ||δc||/||a||)/(1 − ||A⁻¹||·||δA||)}, {@code A = G + λ̂I},
 * {@code ||A⁻¹||₂ = 1/(μ_min + λ̂)}, twice for the two): with {@code γ_N = Nu/(1 − Nu)}, {@code u = 2⁻⁵³},
 * {@code N = n + 2d + 3 + 20m²} (the features' {@code d+1} terms, the sums over {@code n} samples, {@code ỹ}'s
 * {@code 2d+1} operations, the solvers' normwise backward error {@code ≤ γ_{cm²}||A||_F}),
 * {@code ||δA||₂ <= γ_N(2||Ψ||_F||Φ||_F/n + 2||A||_F)} and {@code ||δc||₂ <= γ_N ||Φᵀs + Ψᵀ|ỹ|||₂/n}, where
 * {@code Ψ = |X||W|ᵀ + 1|b|ᵀ} bounds the features' rounding ({@code Φ >= 0}, so the Gram's own is {@code γ_n G}) and
 * {@code s_i = |ỹ_i| + 2·scale_i} that of {@code ỹ_i}.
 *
 * @param distance         {@code ||a − a(λ̂)||/||a(λ̂)||}, {@code NaN} when {@code A} is not numerically definite
 * @param neighborDistance {@code ||a(λ') − a(λ̂)||/||a(λ̂)||} for {@code λ'} the grid's next value (the previous at the
 *                         grid's end): the control
 * @param bound            the rounding bound above
 */
record GdHeadRidge(double distance, double neighborDistance, double bound) implements java.io.Serializable {
    private static final double UNIT_ROUNDOFF = Math.ulp(1.0) / 2;
    /** The constant of the solvers' backward error {@code γ_{cm²}}. */
    private static final int SOLVER_CONSTANT = 20;

    /** The check of the fitted network {@code fitted} (its head from λ̂ = {@code lambda} of {@code grid}). */
    static GdHeadRidge of(Dataset train, TwoLayerNetwork fitted, double lambda, double[] grid) {
        DMatrixRMaj x = train.x();
        int n = x.numRows;
        int d = x.numCols;
        DMatrixRMaj w = fitted.weights();
        double[] b = fitted.biases();
        int m = b.length;
        double[] scale = new double[n];
        double[] residual = FirstStepIdentity.delinearize(train, scale);
        DMatrixRMaj phi = new DMatrixRMaj(n, m);
        CommonOps_DDRM.multTransB(x, w, phi);
        DMatrixRMaj psi = new DMatrixRMaj(n, m);
        CommonOps_DDRM.multTransB(abs(x), abs(w), psi);
        DMatrixRMaj y = new DMatrixRMaj(n, 1, true, residual);
        DMatrixRMaj s = new DMatrixRMaj(n, 1);
        DMatrixRMaj yAbs = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                phi.data[i * m + j] = Math.max(0.0, phi.data[i * m + j] + b[j]);
                psi.data[i * m + j] += Math.abs(b[j]);
            }
            yAbs.data[i] = Math.abs(residual[i]);
            s.data[i] = yAbs.data[i] + 2 * scale[i];
        }
        DMatrixRMaj gram = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(phi, phi, gram);
        CommonOps_DDRM.divide(gram, n);
        DMatrixRMaj c = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.multTransA(phi, y, c);
        CommonOps_DDRM.divide(c, n);
        DMatrixRMaj cError = new DMatrixRMaj(m, 1);
        CommonOps_DDRM.multTransA(phi, s, cError);
        CommonOps_DDRM.multAddTransA(psi, yAbs, cError);

        DMatrixRMaj reference = solve(gram, c, lambda);
        int at = java.util.Arrays.binarySearch(grid, lambda);
        double next = at >= 0 ? grid[at + 1 < grid.length ? at + 1 : at - 1] : Double.NaN;
        DMatrixRMaj neighbor = solve(gram, c, next);
        double norm = reference == null ? Double.NaN : NormOps_DDRM.normF(reference);

        double terms = n + 2.0 * d + 3 + SOLVER_CONSTANT * (double) m * m;
        double gamma = terms * UNIT_ROUNDOFF / (1 - terms * UNIT_ROUNDOFF);
        double aNorm = NormOps_DDRM.normF(shifted(gram, lambda));
        double deltaA = gamma * (2 * NormOps_DDRM.normF(psi) * NormOps_DDRM.normF(phi) / n + 2 * aNorm);
        double deltaC = gamma * NormOps_DDRM.normF(cError) / n;
        double inverse = 1 / (Math.max(0.0, smallestEigenvalue(gram)) + lambda);
        double one = inverse * (deltaA + deltaC / norm) / (1 - inverse * deltaA);
        double bound = one > 0 ? 2 * one : Double.POSITIVE_INFINITY;
        return new GdHeadRidge(distance(new DMatrixRMaj(m, 1, true, fitted.outputWeights()), reference, norm),
                distance(neighbor, reference, norm), bound);
    }

    /** {@code (G + λI)⁻¹c} by Cholesky, or null when {@code G + λI} is not numerically positive definite. */
    private static DMatrixRMaj solve(DMatrixRMaj gram, DMatrixRMaj c, double lambda) {
        if (!(lambda > 0)) {
            return null;
        }
        DMatrixRMaj a = shifted(gram, lambda);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(a.numRows);
        if (!chol.setA(a)) {
            return null;
        }
        DMatrixRMaj out = new DMatrixRMaj(a.numRows, 1);
        chol.solve(c, out);
        return out;
    }

    private static double distance(DMatrixRMaj a, DMatrixRMaj reference, double norm) {
        if (a == null || reference == null) {
            return Double.NaN;
        }
        DMatrixRMaj diff = a.copy();
        CommonOps_DDRM.subtractEquals(diff, reference);
        return NormOps_DDRM.normF(diff) / norm;
    }

    private static double smallestEigenvalue(DMatrixRMaj gram) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(gram.numRows, false, true);
        if (!eig.decompose(gram.copy())) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < gram.numRows; j++) {
            min = Math.min(min, eig.getEigenvalue(j).real);
        }
        return min;
    }

    /** {@code G + λI}, a new matrix. */
    private static DMatrixRMaj shifted(DMatrixRMaj gram, double lambda) {
        DMatrixRMaj a = gram.copy();
        for (int j = 0; j < a.numRows; j++) {
            a.add(j, j, lambda);
        }
        return a;
    }

    private static DMatrixRMaj abs(DMatrixRMaj a) {
        DMatrixRMaj out = a.copy();
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = Math.abs(out.data[i]);
        }
        return out;
    }
}
