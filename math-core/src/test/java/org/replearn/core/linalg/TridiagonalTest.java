package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class TridiagonalTest {
    /**
     * Higham (Accuracy and Stability of Numerical Algorithms, Lemma 19.3 and §19.3): {@code r} Householder
     * reflectors of length {@code <= n} applied in floating point are exact for a perturbed input with
     * {@code ‖Δa‖₂ <= r γ̃_n ‖a‖₂} per column, {@code γ̃_n = c n u / (1 − c n u)}; the reduction applies
     * {@code n − 1} of them from each side, so {@code ‖Q T Qᵀ − A‖_F <= 2 (n−1) γ̃_n ‖A‖_F}, and {@code Q} formed by
     * applying them to {@code I} has {@code ‖QᵀQ − I‖_F <= (n−1) γ̃_n √n}. Taken with {@code c = 4}, plus the
     * check's own products ({@code 2 γ_n} relative in Frobenius norm, Q orthogonal). Matrices: indefinite Gaussian
     * and rank-deficient PSD; n = 17 (inside one panel), 100 (three panels and a partial one, padded), 300.
     */
    @Test
    void reductionIsBackwardStable() {
        for (int n : new int[] {17, 100, 300}) {
            for (DMatrixRMaj a : new DMatrixRMaj[] {symmetricGaussian(n, 7 + n), Problems.psd(n, n / 2, 11 + n)}) {
                Tridiagonal tri = Tridiagonal.reduce(a, 2);
                DMatrixRMaj q = tri.multiplyQ(CommonOps_DDRM.identity(n), 1);
                double reflectorBound = (n - 1) * gammaTilde(n);
                DMatrixRMaj qtq = new DMatrixRMaj(n, n);
                CommonOps_DDRM.multTransA(q, q, qtq);
                CommonOps_DDRM.subtractEquals(qtq, CommonOps_DDRM.identity(n));
                double orthogonality = NormOps_DDRM.normF(qtq);
                assertTrue(orthogonality <= reflectorBound * Math.sqrt(n) + 2 * Problems.gamma(n) * n,
                        "n = " + n + ": ‖QᵀQ − I‖_F = " + orthogonality);

                DMatrixRMaj qt = new DMatrixRMaj(n, n);
                CommonOps_DDRM.mult(q, dense(tri), qt);
                DMatrixRMaj qtqt = new DMatrixRMaj(n, n);
                CommonOps_DDRM.multTransB(qt, q, qtqt);
                CommonOps_DDRM.subtractEquals(qtqt, a);
                double backward = NormOps_DDRM.normF(qtqt) / NormOps_DDRM.normF(a);
                assertTrue(backward <= 2 * reflectorBound + 2 * Problems.gamma(n) * (1 + orthogonality),
                        "n = " + n + ": ‖QTQᵀ − A‖_F / ‖A‖_F = " + backward);
            }
        }
    }

    /**
     * Similar matrices have equal eigenvalues: by Weyl, the sorted eigenvalues of {@code T} and {@code A} (both by
     * EJML, itself backward stable with the same kind of bound) differ by at most the two backward errors, each
     * {@code <= 2 (n−1) γ̃_n ‖A‖_F}. Trace and Frobenius norm are invariants as well.
     */
    @Test
    void tridiagonalHasTheEigenvaluesOfTheInput() {
        int n = 150;
        DMatrixRMaj a = symmetricGaussian(n, 21);
        Tridiagonal tri = Tridiagonal.reduce(a, 1);
        double[] expected = eigenvalues(a);
        double[] actual = eigenvalues(dense(tri));
        double bound = 2 * 2 * (n - 1) * gammaTilde(n) * NormOps_DDRM.normF(a);
        for (int i = 0; i < n; i++) {
            assertEquals(expected[i], actual[i], bound, "eigenvalue " + i);
        }
        assertEquals(CommonOps_DDRM.trace(a), Arrays.stream(tri.diagonal()).sum(), bound);
        assertEquals(NormOps_DDRM.normF(a), NormOps_DDRM.normF(dense(tri)), bound);
    }

    /** No reflector is needed where a row is already reduced: a tridiagonal matrix comes back exactly, Q = I. */
    @Test
    void tridiagonalInputIsUnchanged() {
        int n = 70;
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        double[] g = Problems.gaussian(2 * n, 3);
        for (int i = 0; i < n; i++) {
            a.set(i, i, g[i]);
            if (i + 1 < n) {
                a.set(i, i + 1, g[n + i]);
                a.set(i + 1, i, g[n + i]);
            }
        }
        Tridiagonal tri = Tridiagonal.reduce(a, 2);
        assertArrayEquals(a.data, dense(tri).data, 0.0);
        assertArrayEquals(CommonOps_DDRM.identity(n).data, tri.multiplyQ(CommonOps_DDRM.identity(n), 2).data, 0.0);
    }

    /** {@code Qᵀ y} by the reflectors against the explicit {@code Qᵀ} times {@code y} (each within n·γ̃_n‖y‖). */
    @Test
    void transposeProductMatchesExplicitQ() {
        int n = 130;
        Tridiagonal tri = Tridiagonal.reduce(Problems.psd(n, 40, 5), 1);
        double[] y = Problems.gaussian(n, 9);
        DMatrixRMaj q = tri.multiplyQ(CommonOps_DDRM.identity(n), 1);
        DMatrixRMaj expected = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.multTransA(q, DMatrixRMaj.wrap(n, 1, y), expected);
        double[] actual = tri.multiplyQTranspose(y);
        double norm = NormOps_DDRM.normF(DMatrixRMaj.wrap(n, 1, y));
        for (int i = 0; i < n; i++) {
            assertEquals(expected.data[i], actual[i], 2 * (n - 1) * gammaTilde(n) * norm + Problems.gamma(n) * norm,
                    "entry " + i);
        }
    }

    /** Threads split columns only: 1, 2 and 4 threads give the same bits (n = 600, 19 panels; Z with 300 columns). */
    @Test
    void resultIsBitIdenticalAcrossThreadCounts() {
        int n = 600;
        DMatrixRMaj a = Problems.psd(n, 700, 13);
        DMatrixRMaj z = DMatrixRMaj.wrap(n, 300, Problems.gaussian(n * 300, 17));
        Tridiagonal one = Tridiagonal.reduce(a, 1);
        DMatrixRMaj qz = one.multiplyQ(z, 1);
        for (int threads : new int[] {2, 4}) {
            Tridiagonal other = Tridiagonal.reduce(a, threads);
            assertArrayEquals(one.diagonal(), other.diagonal(), 0.0, "diagonal, threads = " + threads);
            assertArrayEquals(one.offDiagonal(), other.offDiagonal(), 0.0, "off-diagonal, threads = " + threads);
            assertArrayEquals(qz.data, other.multiplyQ(z, threads).data, 0.0, "Q Z, threads = " + threads);
        }
    }

    @Test
    void badInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tridiagonal.reduce(new DMatrixRMaj(3, 4), 1));
        assertTrue(e.getMessage().contains("a columns"), e.getMessage());
        DMatrixRMaj nan = Problems.psd(5, 5, 1);
        nan.set(2, 3, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> Tridiagonal.reduce(nan, 1));
        assertTrue(e.getMessage().contains("a"), e.getMessage());
        DMatrixRMaj huge = Problems.psd(5, 5, 1);
        CommonOps_DDRM.scale(1e300, huge);
        e = assertThrows(IllegalArgumentException.class, () -> Tridiagonal.reduce(huge, 1));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        Tridiagonal tri = Tridiagonal.reduce(Problems.psd(4, 8, 2), 1);
        e = assertThrows(IllegalArgumentException.class, () -> tri.multiplyQTranspose(new double[3]));
        assertTrue(e.getMessage().contains("y length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tri.multiplyQ(new DMatrixRMaj(5, 2), 1));
        assertTrue(e.getMessage().contains("z rows"), e.getMessage());
    }

    /** {@code γ̃_n = 4 n u / (1 − 4 n u)}. */
    private static double gammaTilde(int n) {
        return Problems.gamma(4L * n);
    }

    /** {@code T} as a dense matrix. */
    private static DMatrixRMaj dense(Tridiagonal tri) {
        int n = tri.size();
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        double[] d = tri.diagonal();
        double[] e = tri.offDiagonal();
        for (int i = 0; i < n; i++) {
            t.set(i, i, d[i]);
            if (i + 1 < n) {
                t.set(i, i + 1, e[i]);
                t.set(i + 1, i, e[i]);
            }
        }
        return t;
    }

    /** Sorted eigenvalues of a symmetric matrix, by EJML's symmetric QR algorithm. */
    private static double[] eigenvalues(DMatrixRMaj a) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a.numRows, false, true);
        assertTrue(eig.decompose(a.copy()));
        double[] v = new double[a.numRows];
        for (int i = 0; i < v.length; i++) {
            v[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(v);
        return v;
    }

    /** {@code (G + Gᵀ)/√2} with {@code G} n×n standard Gaussian (GOE-like, indefinite). */
    private static DMatrixRMaj symmetricGaussian(int n, long seed) {
        DMatrixRMaj g = DMatrixRMaj.wrap(n, n, Problems.gaussian(n * n, seed));
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(g, a);
        CommonOps_DDRM.addEquals(a, g);
        CommonOps_DDRM.scale(Math.sqrt(0.5), a);
        return a;
    }
}
