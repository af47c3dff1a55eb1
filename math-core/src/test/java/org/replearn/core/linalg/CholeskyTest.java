package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {17, 256, 300})
    void factorAndSolveAreBackwardStable(int n) {
        DMatrixRMaj a = Problems.psd(n, n / 2, 31 + n);
        double shift = 1e-3;
        double[] y = Problems.gaussian(n, 41 + n);
        Cholesky chol = Cholesky.factor(a, shift, 1);
        assertNotNull(chol, "n = " + n);
        DMatrixRMaj u = chol.upper();
        DMatrixRMaj shifted = shifted(a, shift);
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

    /**
     * The blocked factor and its solve against the reference twins {@link Reference#cholesky} and
     * {@link Reference#choleskySolve}. Each computed factor {@code R̂} is the exact factor of {@code A + sI + ΔA} with
     * {@code |ΔA| <= γ_{n+1} |R̂ᵀ||R̂|} (Higham Thm 10.3), so {@code ‖ΔA‖₂ <= γ_{n+1} ‖R̂‖_F²}, i.e. a relative
     * perturbation {@code ε = γ_{n+1} ‖R̂‖_F² / ‖A + sI‖₂}; by the perturbation theorem for the Cholesky factor (Higham
     * Thm 10.8), {@code ‖R̂ − R‖_F <= η ‖R‖₂} with {@code η = κ₂ε / (√2 (1 − κ₂ε))}, {@code κ₂ = κ₂(A + sI)} and
     * {@code ‖R‖₂ = ‖A + sI‖₂^{1/2}}; the two factors are within {@code (η_fast + η_ref) ‖R‖₂} of each other. For the
     * solves, {@code (A + sI + ΔA) x̂ = y} with {@code |ΔA| <= γ_{3n+1} |R̂ᵀ||R̂|} (Thm 10.4) gives
     * {@code ‖x̂ − x‖ <= θ ‖x‖}, {@code θ = κ₂ε' / (1 − κ₂ε')} (Thm 7.2), so the solutions are within
     * {@code (θ_fast + θ_ref) ‖x̂_ref‖ / (1 − θ_ref)}. The extreme eigenvalues are EJML's, widened by
     * {@code 4 n u ‖A‖_F} for its own rounding (Weyl). Same matrices as above (κ₂ about 10⁴), plus n = 600: several
     * pairs of block rows with trailing updates.
     */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {17, 256, 300, 600})
    void factorAndSolveMatchReference(int n) {
        DMatrixRMaj a = Problems.psd(n, n / 2, 31 + n);
        double shift = 1e-3;
        double[] y = Problems.gaussian(n, 41 + n);
        Cholesky chol = Cholesky.factor(a, shift, 2);
        DMatrixRMaj ref = Reference.cholesky(a, shift);
        assertNotNull(chol, "blocked factor");
        assertNotNull(ref, "reference factor");
        DMatrixRMaj fast = chol.upper();

        double[] eig = Reference.sortedEigenvalues(a);
        double margin = 4 * n * Problems.U * NormOps_DDRM.normF(a);
        double max = eig[n - 1] + shift + margin;
        double min = eig[0] + shift - margin;
        assertTrue(min > 0, "A + sI is positive definite");
        double kappa = max / min;
        double normR = Math.sqrt(max);
        double etaFast = eta(kappa, Problems.gamma(n + 1) * sumOfSquares(fast) / (max - 2 * margin)) / Math.sqrt(2);
        double etaRef = eta(kappa, Problems.gamma(n + 1) * sumOfSquares(ref) / (max - 2 * margin)) / Math.sqrt(2);
        DMatrixRMaj difference = fast.copy();
        CommonOps_DDRM.subtractEquals(difference, ref);
        double factorGap = NormOps_DDRM.normF(difference);
        assertTrue(Double.isFinite(etaFast + etaRef), "κ₂ε < 1: the perturbation bound applies");
        assertTrue(factorGap <= (etaFast + etaRef) * normR,
                "n = " + n + ": ‖U_fast − U_ref‖_F = " + factorGap + ", bound " + (etaFast + etaRef) * normR);

        double[] xFast = chol.solve(y);
        double[] xRef = Reference.choleskySolve(ref, y);
        double thetaFast = eta(kappa, Problems.gamma(3L * n + 1) * sumOfSquares(fast) / (max - 2 * margin));
        double thetaRef = eta(kappa, Problems.gamma(3L * n + 1) * sumOfSquares(ref) / (max - 2 * margin));
        double solveGap = 0;
        double normX = 0;
        for (int i = 0; i < n; i++) {
            solveGap += (xFast[i] - xRef[i]) * (xFast[i] - xRef[i]);
            normX += xRef[i] * xRef[i];
        }
        double solveBound = (thetaFast + thetaRef) * Math.sqrt(normX) / (1 - thetaRef);
        assertTrue(Double.isFinite(solveBound), "κ₂ε' < 1: the perturbation bound applies");
        assertTrue(Math.sqrt(solveGap) <= solveBound,
                "n = " + n + ": ‖x_fast − x_ref‖ = " + Math.sqrt(solveGap) + ", bound " + solveBound);
    }

    /** Threads split columns and strips only: 2 and 4 threads give the bits of one (n = 600, five block rows). */
    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {2, 4})
    void factorIsBitIdenticalAcrossThreadCounts(int threads) {
        DMatrixRMaj a = Problems.psd(600, 700, 51);
        DMatrixRMaj one = Cholesky.factor(a, 0.0, 1).upper();
        assertArrayEquals(one.data, Cholesky.factor(a, 0.0, threads).upper().data, "threads = " + threads);
    }

    /**
     * The diagonal blocks are pinned to EJML's unblocked Cholesky (their bits are part of every factor): EJML's
     * factory must still return it for blocks of {@link Cholesky#BLOCK} rows.
     */
    @Test
    void diagonalBlocksUseEjmlsUnblockedCholesky() {
        assertInstanceOf(CholeskyDecompositionInner_DDRM.class, Cholesky.diagonalBlockDecomposition());
    }

    /** An indefinite matrix, or a singular one without a shift, has no Cholesky factor: null, not NaN. */
    @Test
    void notPositiveDefiniteGivesNull() {
        DMatrixRMaj a = Problems.psd(200, 150, 61);
        assertNull(Cholesky.factor(a, -1.0, 1), "A − I is indefinite");
        assertNull(Reference.cholesky(a, -1.0), "and so says the reference");
        DMatrixRMaj zero = new DMatrixRMaj(200, 200);
        assertNull(Cholesky.factor(zero, 0.0, 2), "the zero matrix is singular");
        assertNotNull(Cholesky.factor(zero, 1.0, 2), "0 + I is positive definite");
    }

    /** {@code κε / (1 − κε)}, or +∞ when the perturbation theorem does not apply ({@code κε >= 1}). */
    private static double eta(double kappa, double epsilon) {
        double ke = kappa * epsilon;
        return ke < 1 ? ke / (1 - ke) : Double.POSITIVE_INFINITY;
    }

    /** {@code ‖U‖_F²}. */
    private static double sumOfSquares(DMatrixRMaj u) {
        double norm = NormOps_DDRM.normF(u);
        return norm * norm;
    }

    private static DMatrixRMaj shifted(DMatrixRMaj a, double shift) {
        DMatrixRMaj shifted = a.copy();
        for (int i = 0; i < a.numRows; i++) {
            shifted.add(i, i, shift);
        }
        return shifted;
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
