package org.replearn.core.linalg;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {
    /**
     * {@code X B} against its reference twin {@link Reference#product}: two computations of the same dot products of
     * length {@code k} (the kernel with fma), each within {@code γ_k Σ_l |X_il||B_lj|} of the exact value (Higham
     * Eq. 3.5), so within twice that of each other. Sizes with partial tiles, strips and 4-row groups: 70×1024 times
     * 1024×100, and 5×3 times 3×9.
     */
    @ParameterizedTest(name = "{0}x{1} times {1}x{2}")
    @CsvSource({"70, 1024, 100", "5, 3, 9"})
    void productMatchesReference(int rows, int k, int c) {
        DMatrixRMaj x = DMatrixRMaj.wrap(rows, k, Problems.gaussian(rows * k, 3 + k));
        DMatrixRMaj b = DMatrixRMaj.wrap(k, c, Problems.gaussian(k * c, 5 + c));
        DMatrixRMaj y = new DMatrixRMaj(1, 1);
        new Projection(b).apply(x, y);
        DMatrixRMaj expected = Reference.product(x, b);
        DMatrixRMaj absX = x.copy();
        DMatrixRMaj absB = b.copy();
        CommonOps_DDRM.abs(absX);
        CommonOps_DDRM.abs(absB);
        DMatrixRMaj bound = new DMatrixRMaj(rows, c);
        CommonOps_DDRM.mult(absX, absB, bound);
        CommonOps_DDRM.scale(2 * Problems.gamma(k), bound);
        assertTrue(y.numRows == rows && y.numCols == c, "y reshaped to rows×c");
        double worst = Problems.worstRatio(y.data, expected.data, bound.data);
        assertTrue(worst <= 1, rows + "x" + k + " times " + k + "x" + c + ": worst error / bound = " + worst);
    }

    @Test
    void badInputIsRejected() {
        Projection p = new Projection(new DMatrixRMaj(4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.apply(new DMatrixRMaj(3, 5), new DMatrixRMaj(1, 1)));
        assertTrue(e.getMessage().contains("x columns"), e.getMessage());
    }
}
