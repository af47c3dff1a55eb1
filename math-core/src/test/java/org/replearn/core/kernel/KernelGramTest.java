package org.replearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Batched evaluation of every kernel: agreement with {@code value}, symmetry, PSD, thread independence. */
class KernelGramTest {
    private static final int D = 6;
    private static final double EPS = Math.ulp(1.0);

    /** Every kernel, named for the test report. */
    static Stream<Named<Kernel>> kernels() {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(21, 0);
        DMatrixRMaj w = KernelFixtures.gaussianMatrix(50, D, 1 / Math.sqrt(D), g);
        double[] b = new double[50];
        double[] a = new double[50];
        for (int j = 0; j < 50; j++) {
            b[j] = g.sample();
            a[j] = j % 2 == 0 ? 1 : -1;
        }
        return Stream.<Kernel>of(new ReluNngp(D), new ReluNtk(D), new PolynomialKernel(D, 3, 1),
                new GaussianKernel(D, 0.7), new EmpiricalNtk(w, b, a)).map(k -> Named.of(k.name(), k));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void gramAndCrossEqualValuePointwise(Kernel k) {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(21, 1);
        DMatrixRMaj x = KernelFixtures.gaussianMatrix(90, D, 1, g);
        DMatrixRMaj y = KernelFixtures.gaussianMatrix(70, D, 1, g);
        DMatrixRMaj gram = new DMatrixRMaj(1, 1);
        DMatrixRMaj cross = new DMatrixRMaj(1, 1);
        k.gram(x, gram);
        k.cross(x, y, cross);
        // Both paths sum the same products in the same order (EJML's multTransB is a sequential inner product),
        // so equality is expected to be exact. The bound admits a reordered GEMM: |Δ(x·y)| <= d ε ||x|| ||y||
        // (≈ 6·2.2e-16·6), times the kernels' sensitivity at these generic points (< 10): far below 1e-12 max|K|.
        double tol = 1e-12 * CommonOps_DDRM.elementMaxAbs(gram);
        for (int i = 0; i < x.numRows; i++) {
            for (int j = 0; j < x.numRows; j++) {
                assertEquals(k.value(KernelFixtures.row(x, i), KernelFixtures.row(x, j)), gram.get(i, j), tol,
                        k.name() + " gram(" + i + "," + j + ")");
                assertEquals(gram.get(i, j), gram.get(j, i), 0.0, k.name() + " symmetry");
            }
            for (int j = 0; j < y.numRows; j++) {
                assertEquals(k.value(KernelFixtures.row(x, i), KernelFixtures.row(y, j)), cross.get(i, j), tol,
                        k.name() + " cross(" + i + "," + j + ")");
            }
        }
    }

    /**
     * The dot-product kernels' batched matrices (vectorized inner products and, for the ReLU kernels, formulas) have
     * exactly the bits of {@code value}: every size 1 … 40 and 131 (whole strips of the vector kernel, remainders of
     * every length, the diagonal inside and outside a strip), dimensions 1, 3 and 64, one and three threads.
     */
    @Test
    void dotProductKernelMatricesHaveTheBitsOfValue() {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(21, 4);
        for (int d : new int[] {1, 3, 64}) {
            for (DotProductKernel k : new DotProductKernel[] {new ReluNtk(d), new ReluNngp(d),
                new PolynomialKernel(d, 3, 1)}) {
                for (int n = 1; n <= 131; n = n == 40 ? 131 : n + 1) {
                    DMatrixRMaj x = KernelFixtures.gaussianMatrix(n, d, 1, g);
                    DMatrixRMaj y = KernelFixtures.gaussianMatrix(n % 23 + 1, d, 1, g);
                    for (int threads : new int[] {1, 3}) {
                        DMatrixRMaj gram = new DMatrixRMaj(1, 1);
                        DMatrixRMaj cross = new DMatrixRMaj(1, 1);
                        k.gram(x, gram, threads);
                        k.cross(x, y, cross, threads);
                        for (int i = 0; i < n; i++) {
                            double[] xi = KernelFixtures.row(x, i);
                            for (int j = 0; j < n; j++) {
                                assertEquals(k.value(xi, KernelFixtures.row(x, j)), gram.get(i, j), 0.0,
                                        k.name() + " d=" + d + " n=" + n + " gram(" + i + "," + j + ")");
                            }
                            for (int j = 0; j < y.numRows; j++) {
                                assertEquals(k.value(xi, KernelFixtures.row(y, j)), cross.get(i, j), 0.0,
                                        k.name() + " d=" + d + " n=" + n + " cross(" + i + "," + j + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void gramIsPositiveSemiDefinite(Kernel k) {
        DMatrixRMaj x = KernelFixtures.gaussianMatrix(120, D, 1, KernelFixtures.gaussian(21, 2));
        DMatrixRMaj gram = new DMatrixRMaj(1, 1);
        k.gram(x, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(x.numRows, false, true);
        assertTrue(eig.decompose(gram.copy()));
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.numRows; i++) {
            min = Math.min(min, eig.getEigenvalue(i).getReal());
        }
        // A PSD matrix computed with entrywise relative error ε has eigenvalues >= -n ε max|K| (Weyl).
        double floor = -x.numRows * EPS * CommonOps_DDRM.elementMaxAbs(gram);
        assertTrue(min >= floor, k.name() + ": min eigenvalue " + min + " < " + floor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void resultsAreBitIdenticalAcrossThreadCounts(Kernel k) {
        ZigguratSampler.NormalizedGaussian g = KernelFixtures.gaussian(21, 3);
        DMatrixRMaj x = KernelFixtures.gaussianMatrix(300, D, 1, g); // 4 full row blocks of 64 and a partial one
        DMatrixRMaj y = KernelFixtures.gaussianMatrix(130, D, 1, g);
        DMatrixRMaj serial = new DMatrixRMaj(1, 1);
        DMatrixRMaj parallel = new DMatrixRMaj(1, 1);
        k.gram(x, serial, 1);
        k.gram(x, parallel, 3);
        assertArrayEquals(serial.data, parallel.data, 0.0, k.name() + " gram");
        k.cross(x, y, serial, 1);
        k.cross(x, y, parallel, 3);
        assertArrayEquals(serial.data, parallel.data, 0.0, k.name() + " cross");
    }

    @Test
    void badInputsAreRejectedWithTheArgumentName() {
        Kernel k = new ReluNtk(D);
        DMatrixRMaj x = new DMatrixRMaj(3, D);
        x.set(1, 2, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> k.gram(x, new DMatrixRMaj(1, 1)));
        assertTrue(e.getMessage().startsWith("x(1, 2) = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> k.cross(new DMatrixRMaj(2, D), new DMatrixRMaj(2, D + 1),
                new DMatrixRMaj(1, 1)));
        assertTrue(e.getMessage().startsWith("y columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> k.value(new double[D], new double[D - 1]));
        assertTrue(e.getMessage().startsWith("y has dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> k.gram(new DMatrixRMaj(2, D), new DMatrixRMaj(1, 1), 0));
        assertTrue(e.getMessage().startsWith("threads = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PolynomialKernel(D, 2, -1));
        assertTrue(e.getMessage().startsWith("offset = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianKernel(D, 0));
        assertTrue(e.getMessage().startsWith("lengthScale = 0.0"), e.getMessage());
    }
}
