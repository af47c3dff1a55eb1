package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The overflow and length checks of {@link ReluMoments} (found by mutation testing, see math-core/MUTATION.md). */
class ReluMomentsOverflowTest {

    /**
     * At {@code b = 0} the recurrence is {@code m_1 = φ(0)/s}, {@code m_2 = 0}, {@code m_3 = -m_1/s²}: with
     * {@code s = 1e-103}, {@code m_1 ≈ 4e102} and {@code m_2} are finite and {@code |m_3| ≈ 4e308} is not. Only the
     * last moment overflows, and it is still refused.
     */
    @Test
    void overflowOfTheLastMomentIsRefused() {
        double s = 1e-103;
        double[] two = new double[3];
        ReluMoments.moments(2, 0.0, s, two);
        assertEquals(1 / Math.sqrt(2 * Math.PI) / s, two[1], 1e-15 * two[1]);
        assertEquals(0.0, two[2], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReluMoments.moments(3, 0.0, s, new double[4]));
        assertEquals("m_3 overflows the double range for b = 0.0, s = 1.0E-103: m_k grows like s^-k; use fewer moments"
                + " or a larger s", e.getMessage());
    }

    @Test
    void shortOutputArrayMessageStatesTheRequiredLength() {
        assertEquals("out has length 2 but maxK + 1 = 4 is required: allocate a longer array",
                assertThrows(IllegalArgumentException.class, () -> ReluMoments.moments(3, 0.5, 1.0, new double[2]))
                        .getMessage());
    }
}
