package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class CholeskyTest {
    /**
     * Higham (Accuracy and Stability of Numerical Algorithms, Thm 10.3 and 10.4), for any order of the inner
     * products: the computed factor satisfies {@code UᵀU = A + sI + ΔA} with {@code |ΔA| <= γ_{n+1} |Uᵀ||U|}, and the
     * computed solution {@code (A + sI + ΔA') x = y} with {@code |ΔA'| <= γ_{3n+1} |Uᵀ||U|}. Checked entry by entry,
     * adding the error of the check's own double arithmetic ({@code γ_n |Uᵀ||U|} for the product {@code UᵀU},
     * {@code γ_{n+1}(|A + sI||x| + |y|)} for the residual), on a rank-deficient PSD matrix plus a small shift (condition number ~10⁴), with n = 17 (one partial
     * block), n = 256 (one pair of block rows and no trailing matrix after it) and n = 300 (a pair, its trailing
     * update, then a last partial block row alone, padded to whole strips).
     */
    @Test
    void factorAndSolveAreBackwardStable() {
        for (int n : new int[] {17, 256, 300}) {
            DMatrixRMaj a = Problems.psd(n, n / 2, 31 + n);
            double shift = 1e-3;
            double[] y = Problems.gaussian(n, 41 + n);
            Cholesky chol = Cholesky.factor(a, shift, 1);
            assertNotNull(chol, "n = " + n);
            DMatrixRMaj u = chol.upper();
            DMatrixRMaj shifted = a.copy();
            for (int i = 0; i < n; i++) {
                shifted.add(i, i, shift);
            }
            DMatrixRMaj absU = u.copy();
            CommonOps_DDRM.abs(absU);
            DMatrixRMaj absUtU = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(absU, absU, absUtU);
            DMatrixRMaj utu = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(u, u, utu);
            double worstFactor = 0;
            for (int i = 0; i < n * n; i++) {
                double bound = (Problems.gamma(n + 1) + Problems.gamma(n)) * absUtU.data[i];
                worstFactor = Math.max(worstFactor, Math.abs(utu.data[i] - shifted.data[i]) / bound);
            }
            assertTrue(worstFactor <= 1, "n = " + n + ": worst |UᵀU − (A + sI)| / bound = " + worstFactor);

            double[] x = chol.solve(y);
            double worstSolve = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i];
                double solveBound = 0;
                double residualBound = Math.abs(y[i]);
                for (int j = 0; j < n; j++) {
                    r -= shifted.get(i, j) * x[j];
                    solveBound += absUtU.get(i, j) * Math.abs(x[j]);
                    residualBound += Math.abs(shifted.get(i, j) * x[j]);
                }
                double bound = Problems.gamma(3L * n + 1) * solveBound + Problems.gamma(n + 1) * residualBound;
                worstSolve = Math.max(worstSolve, Math.abs(r) / bound);
            }
            assertTrue(worstSolve <= 1, "n = " + n + ": worst |y − (A + sI)x| / bound = " + worstSolve);
        }
    }

    /** Threads split columns and strips only: 1, 2 and 4 threads give the same bits (n = 600, five block rows). */
    @Test
    void factorIsBitIdenticalAcrossThreadCounts() {
        DMatrixRMaj a = Problems.psd(600, 700, 51);
        DMatrixRMaj one = Cholesky.factor(a, 0.0, 1).upper();
        for (int threads : new int[] {2, 4}) {
            assertArrayEquals(one.data, Cholesky.factor(a, 0.0, threads).upper().data, "threads = " + threads);
        }
    }

    /** An indefinite matrix, or a singular one without a shift, has no Cholesky factor: null, not NaN. */
    @Test
    void notPositiveDefiniteGivesNull() {
        DMatrixRMaj a = Problems.psd(200, 150, 61);
        assertNull(Cholesky.factor(a, -1.0, 1), "A − I is indefinite");
        DMatrixRMaj zero = new DMatrixRMaj(200, 200);
        assertNull(Cholesky.factor(zero, 0.0, 2), "the zero matrix is singular");
        assertNotNull(Cholesky.factor(zero, 1.0, 2), "0 + I is positive definite");
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.factor(new DMatrixRMaj(3, 4), 0.0, 1));
        assertTrue(e.getMessage().contains("a columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.factor(Problems.psd(4, 4, 1), Double.NaN, 1));
        assertTrue(e.getMessage().contains("shift"), e.getMessage());
        Cholesky chol = Cholesky.factor(Problems.psd(4, 8, 2), 1.0, 1);
        e = assertThrows(IllegalArgumentException.class, () -> chol.solve(new double[3]));
        assertTrue(e.getMessage().contains("y length"), e.getMessage());
    }
}
