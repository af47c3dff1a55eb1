package org.replearn.core.metrics;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.replearn.core.Validate;

/**
 * How well a learned first layer {@code W} (m×d) captures {@code span(Uᵀ)} ({@code U} r×d with orthonormal rows,
 * docs/math.md §6): the energy fraction {@code A} and the principal angles of the top-{@code r} right singular space.
 */
public final class Alignment {
    private Alignment() {
    }

    /**
     * {@code A = ||W Uᵀ||_F² / ||W||_F²}: the fraction of the first layer's energy inside {@code span(U)}, in
     * {@code [0, 1]} (a rounding excess above 1 is clamped, as for the principal-angle cosines).
     */
    public static double energyFraction(DMatrixRMaj w, DMatrixRMaj u) {
        check(w, u);
        double total = NormOps_DDRM.normF(w);
        if (!(total > 0)) {
            throw new IllegalArgumentException("w has Frobenius norm " + total
                    + ": the alignment of a zero first layer is undefined; pass a trained first layer");
        }
        DMatrixRMaj wu = new DMatrixRMaj(w.numRows, u.numRows);
        CommonOps_DDRM.multTransB(w, u, wu);
        double inside = NormOps_DDRM.normF(wu);
        return Math.min(1, inside * inside / (total * total));
    }

    /**
     * Cosines of the principal angles between the top-{@code r} right singular space of {@code W} (spanned by the
     * columns of {@code V_r}) and {@code span(Uᵀ)}, in descending order: the singular values of {@code V_rᵀ Uᵀ},
     * clamped to {@code [0, 1]}. Requires {@code r <= min(m, d)}.
     */
    public static double[] principalAngleCosines(DMatrixRMaj w, DMatrixRMaj u) {
        check(w, u);
        int r = u.numRows;
        int d = u.numCols;
        int rank = Math.min(w.numRows, d);
        if (r > rank) {
            throw new IllegalArgumentException("U has r = " + r + " rows but W (" + w.numRows + "x" + d
                    + ") has at most " + rank + " singular directions: use a first layer with at least r rows");
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(w.numRows, d, false, true,
                false);
        if (!svd.decompose(w.copy())) {
            throw new IllegalStateException("the SVD of the " + w.numRows + "x" + d + " first layer did not converge");
        }
        DMatrixRMaj vt = svd.getV(null, true);
        double[] sv = svd.getSingularValues();
        SingularOps_DDRM.descendingOrder(null, false, sv, svd.numberOfSingularValues(), vt, true);
        DMatrixRMaj vrT = CommonOps_DDRM.extract(vt, 0, r, 0, d);
        DMatrixRMaj cross = new DMatrixRMaj(r, r);
        CommonOps_DDRM.multTransB(vrT, u, cross);
        double[] cos = SingularOps_DDRM.singularValues(cross);
        Arrays.sort(cos);
        double[] descending = new double[r];
        for (int i = 0; i < r; i++) {
            descending[i] = Math.min(1.0, Math.max(0.0, cos[r - 1 - i]));
        }
        return descending;
    }

    /** Largest principal angle in radians: {@code arccos} of the smallest cosine. */
    public static double largestPrincipalAngle(DMatrixRMaj w, DMatrixRMaj u) {
        double[] c = principalAngleCosines(w, u);
        return StrictMath.acos(c[c.length - 1]);
    }

    private static void check(DMatrixRMaj w, DMatrixRMaj u) {
        Validate.dimension("w columns", w.numCols, u.numCols, "W (m×d) and U (r×d) must act on the same R^d");
        Validate.finite("w", w);
        Validate.finite("u", u);
    }
}
