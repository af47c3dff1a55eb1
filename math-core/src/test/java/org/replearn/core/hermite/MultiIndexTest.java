package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

class MultiIndexTest {

    @Test
    void enumerationCountsMatchStarsAndBars() {
        for (int r = 1; r <= 5; r++) {
            for (int p = 0; p <= 6; p++) {
                List<MultiIndex> all = MultiIndex.upToDegree(r, p);
                assertEquals(CombinatoricsUtils.binomialCoefficient(p + r, r), all.size(), "r=" + r + ", p=" + p);
                assertEquals(all.size(), new HashSet<>(all).size(), "no duplicates");
                for (int i = 1; i < all.size(); i++) {
                    assertEquals(-1, Integer.signum(all.get(i - 1).compareTo(all.get(i))), "sorted by degree");
                }
            }
        }
    }

    @Test
    void factorialAndDegree() {
        MultiIndex a = MultiIndex.of(3, 0, 2);
        assertEquals(5, a.degree());
        assertEquals(12.0, a.factorial());
        assertEquals("h3(z1)*h2(z3)", a.toString());
        assertEquals("1", MultiIndex.zero(2).toString());
    }

    @Test
    void negativeExponentIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiIndex.of(1, -2));
        assertEquals(true, e.getMessage().contains("exponents[1] = -2"), e.getMessage());
    }
}
