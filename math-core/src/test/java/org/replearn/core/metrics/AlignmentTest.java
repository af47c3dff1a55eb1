package org.replearn.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class AlignmentTest {
    private static final double TOL = 1e-14;

    /**
     * U = [e1; e2] in R^4. W has rows 3·e1 and 2·(cos φ e2 + sin φ e3) and a weak row 0.5·e4: its top-2 right
     * singular space is span(e1, cos φ e2 + sin φ e3), whose principal angles with span(U) are 0 and φ. The energy
     * inside span(U) is (9 + 4cos²φ) / (9 + 4 + 0.25). Both exact up to rounding (SVD backward error ~ ε).
     */
    @Test
    void knownAngles() {
        double phi = 0.7;
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {
            {3, 0, 0, 0}, {0, 2 * Math.cos(phi), 2 * Math.sin(phi), 0}, {0, 0, 0, 0.5}});
        assertEquals((9 + 4 * Math.cos(phi) * Math.cos(phi)) / 13.25, Alignment.energyFraction(w, u), TOL);
        assertArrayEquals(new double[] {1.0, Math.cos(phi)}, Alignment.principalAngleCosines(w, u), 1e-12);
        assertEquals(phi, Alignment.largestPrincipalAngle(w, u), 1e-10);
    }

    /** Rows inside span(U) (rotated U): A = 1, all angles 0; rows orthogonal to span(U): A = 0. */
    @Test
    void extremes() {
        double c = Math.cos(0.3);
        double s = Math.sin(0.3);
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{c, s, 0}, {0, 0, 1}});
        DMatrixRMaj inside = new DMatrixRMaj(new double[][] {{2 * c, 2 * s, 1}, {-c, -s, 3}});
        assertEquals(1.0, Alignment.energyFraction(inside, u), TOL);
        assertArrayEquals(new double[] {1.0, 1.0}, Alignment.principalAngleCosines(inside, u), 1e-12);
        DMatrixRMaj outside = new DMatrixRMaj(new double[][] {{-s, c, 0}});
        assertEquals(0.0, Alignment.energyFraction(outside, u), TOL);
    }

    @Test
    void rejectsBadInput() {
        DMatrixRMaj u = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}});
        assertThrows(IllegalArgumentException.class, () -> Alignment.energyFraction(new DMatrixRMaj(2, 4), u));
        assertThrows(IllegalArgumentException.class, () -> Alignment.energyFraction(new DMatrixRMaj(2, 3), u));
        assertThrows(IllegalArgumentException.class, () -> Alignment.principalAngleCosines(new DMatrixRMaj(1, 3), u));
    }
}
