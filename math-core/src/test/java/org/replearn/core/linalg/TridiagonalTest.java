package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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
    @ParameterizedTest(name = "n = {0}, {1}")
    @MethodSource("matrices")
    void reductionIsBackwardStable(int n, String kind) {
        DMatrixRMaj a = matrix(n, kind);
        Tridiagonal tri = Tridiagonal.reduce(a, 2);
        DMatrixRMaj q = tri.multiplyQ(CommonOps_DDRM.identity(n), 1);
        double orthogonality = orthogonality(q);
        assertTrue(orthogonality <= (n - 1) * gammaTilde(n) * Math.sqrt(n) + 2 * Problems.gamma(n) * n,
                "n = " + n + ": ‖QᵀQ − I‖_F = " + orthogonality);
        DMatrixRMaj qtqt = reconstruction(q, tri.diagonal(), tri.offDiagonal());
        CommonOps_DDRM.subtractEquals(qtqt, a);
        double backward = NormOps_DDRM.normF(qtqt) / NormOps_DDRM.normF(a);
        assertTrue(backward <= backwardBound(n, orthogonality),
                "n = " + n + ": ‖QTQᵀ − A‖_F / ‖A‖_F = " + backward);
    }

    /**
     * The blocked reduction against its reference twin {@link Reference#tridiagonal} (EJML's unblocked Householder
     * reduction). The tridiagonal form is unique only up to the signs of the reflectors, so the two are compared
     * through what both represent: each computed {@code Q T Qᵀ} is within {@code 2 (n−1) γ̃_n ‖A‖_F} of {@code A}
     * plus the check's own products (the bound above, which holds for any Householder reduction), so the two
     * reconstructions are within the sum of their two bounds of each other. Same matrices as above.
     */
    @ParameterizedTest(name = "n = {0}, {1}")
    @MethodSource("matrices")
    void reductionMatchesReference(int n, String kind) {
        DMatrixRMaj a = matrix(n, kind);
        Tridiagonal tri = Tridiagonal.reduce(a, 2);
        DMatrixRMaj qFast = tri.multiplyQ(CommonOps_DDRM.identity(n), 2);
        Reference.TridiagonalForm ref = Reference.tridiagonal(a);
        DMatrixRMaj fast = reconstruction(qFast, tri.diagonal(), tri.offDiagonal());
        DMatrixRMaj reference = reconstruction(ref.q(), ref.diagonal(), ref.offDiagonal());
        CommonOps_DDRM.subtractEquals(fast, reference);
        double gap = NormOps_DDRM.normF(fast) / NormOps_DDRM.normF(a);
        double bound = backwardBound(n, orthogonality(qFast)) + backwardBound(n, orthogonality(ref.q()));
        assertTrue(gap <= bound, "n = " + n + ": ‖Q T Qᵀ (blocked) − Q T Qᵀ (reference)‖_F / ‖A‖_F = " + gap
                + ", bound " + bound);
    }

    /** The cases of the two tests above: n in {17, 100, 300} times an indefinite and a rank-deficient PSD matrix. */
    static Stream<Arguments> matrices() {
        return Stream.of(17, 100, 300)
                .flatMap(n -> Stream.of(Arguments.of(n, "indefinite Gaussian"), Arguments.of(n, "rank-deficient PSD")));
    }

    private static DMatrixRMaj matrix(int n, String kind) {
        return kind.equals("indefinite Gaussian") ? symmetricGaussian(n, 7 + n) : Problems.psd(n, n / 2, 11 + n);
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
        double[] expected = Reference.sortedEigenvalues(a);
        double[] actual = Reference.sortedEigenvalues(dense(tri));
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

    /** Threads split columns only: 2 and 4 threads give the bits of one (n = 600, 19 panels; Z with 300 columns). */
    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {2, 4})
    void resultIsBitIdenticalAcrossThreadCounts(int threads) {
        int n = 600;
        DMatrixRMaj a = Problems.psd(n, 700, 13);
        DMatrixRMaj z = DMatrixRMaj.wrap(n, 300, Problems.gaussian(n * 300, 17));
        Tridiagonal one = Tridiagonal.reduce(a, 1);
        Tridiagonal other = Tridiagonal.reduce(a, threads);
        assertArrayEquals(one.diagonal(), other.diagonal(), 0.0, "diagonal, threads = " + threads);
        assertArrayEquals(one.offDiagonal(), other.offDiagonal(), 0.0, "off-diagonal, threads = " + threads);
        assertArrayEquals(one.multiplyQ(z, 1).data, other.multiplyQ(z, threads).data, 0.0, "Q Z, threads = " + threads);
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

    /**
     * Bound on {@code ‖Q T Qᵀ − A‖_F / ‖A‖_F} for a computed reduction and the check's own products:
     * {@code 2 (n−1) γ̃_n + 2 γ_n (1 + ‖QᵀQ − I‖_F)}.
     */
    private static double backwardBound(int n, double orthogonality) {
        return 2 * (n - 1) * gammaTilde(n) + 2 * Problems.gamma(n) * (1 + orthogonality);
    }

    /** {@code ‖QᵀQ − I‖_F}. */
    private static double orthogonality(DMatrixRMaj q) {
        int n = q.numRows;
        DMatrixRMaj qtq = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransA(q, q, qtq);
        CommonOps_DDRM.subtractEquals(qtq, CommonOps_DDRM.identity(n));
        return NormOps_DDRM.normF(qtq);
    }

    /** {@code Q T Qᵀ} for the tridiagonal {@code T} with diagonal {@code d} and off-diagonal {@code e}. */
    private static DMatrixRMaj reconstruction(DMatrixRMaj q, double[] d, double[] e) {
        int n = q.numRows;
        DMatrixRMaj qt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, dense(d, e), qt);
        DMatrixRMaj qtqt = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(qt, q, qtqt);
        return qtqt;
    }

    /** {@code T} as a dense matrix. */
    private static DMatrixRMaj dense(Tridiagonal tri) {
        return dense(tri.diagonal(), tri.offDiagonal());
    }

    /** The symmetric tridiagonal matrix with diagonal {@code d} and off-diagonal {@code e}, dense. */
    private static DMatrixRMaj dense(double[] d, double[] e) {
        int n = d.length;
        DMatrixRMaj t = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            t.set(i, i, d[i]);
            if (i + 1 < n) {
                t.set(i, i + 1, e[i]);
                t.set(i + 1, i, e[i]);
            }
        }
        return t;
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
