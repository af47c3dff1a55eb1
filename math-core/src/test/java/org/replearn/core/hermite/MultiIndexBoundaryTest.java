package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of {@link MultiIndex} beyond {@link MultiIndexTest} (found by mutation testing, see math-core/MUTATION.md):
 * the enumeration-size guard on both sides of its limit, equality and ordering of indices that differ only in their
 * number of variables, and the argument checks.
 */
class MultiIndexBoundaryTest {

    /**
     * Enumerations just inside the limit come back complete (count {@code C(k+r-1, r-1)}, resp. {@code C(p+r, r)},
     * from Commons Math), including shapes whose intermediate products in the guard are large.
     */
    @Test
    void enumerationsBelowTheLimitAreComplete() {
        assertEquals(3001, MultiIndex.ofDegree(2, 3000).size());
        assertEquals(CombinatoricsUtils.binomialCoefficient(14, 7), MultiIndex.ofDegree(8, 7).size());
        assertEquals(CombinatoricsUtils.binomialCoefficient(15, 8), MultiIndex.upToDegree(8, 7).size());
        List<MultiIndex> big = MultiIndex.ofDegree(12, 11);
        assertEquals(CombinatoricsUtils.binomialCoefficient(22, 11), big.size());
        assertEquals(big.size(), new HashSet<>(big).size(), "no duplicates");
        for (MultiIndex alpha : big) {
            assertEquals(11, alpha.degree());
        }
    }

    /**
     * Enumerations of more than {@code Integer.MAX_VALUE} indices are refused up front, whichever of the two binomial
     * arguments is the smaller: {@code C(65537, 2) = 2 147 516 416} as {@code ofDegree(3, 65535)} (r - 1 = 2 < k) and
     * as {@code ofDegree(65536, 2)} (k = 2 < r - 1).
     */
    @Test
    void enumerationsAboveTheLimitAreRefusedWithoutEnumerating() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultiIndex.ofDegree(3, 65535));
        assertEquals("the multi-indices with r = 3 and degree 65535 number more than 2147483647: lower r or the degree",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.ofDegree(65536, 2));
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.upToDegree(65536, 2));
    }

    @Test
    void argumentsAreChecked() {
        assertEquals("exponents is empty: a multi-index needs at least one variable",
                assertThrows(IllegalArgumentException.class, () -> MultiIndex.of()).getMessage());
        assertEquals("number of variables r = 0 must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> MultiIndex.zero(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.unit(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.ofDegree(0, 2));
        assertEquals("degree p = -1 must be >= 0: pass a non-negative degree",
                assertThrows(IllegalArgumentException.class, () -> MultiIndex.upToDegree(2, -1)).getMessage());
    }

    /** {@code plus} reaches both ends of the int range: down to 0 and up to {@code Integer.MAX_VALUE}. */
    @Test
    void plusReachesBothEndsOfTheExponentRange() {
        assertEquals(0, MultiIndex.of(1, 4).plus(0, -1).get(0));
        MultiIndex top = MultiIndex.of(Integer.MAX_VALUE - 1).plus(0, 1);
        assertEquals(Integer.MAX_VALUE, top.get(0));
        assertEquals(Integer.MAX_VALUE, top.degree());
    }

    /**
     * Equality is by exponents (also the number of variables), and the order is consistent with it: indices that differ
     * only in trailing zero variables are distinct and ordered by length; distinct indices do not all share one hash.
     */
    @Test
    void equalityHashAndOrderDistinguishEveryExponentVector() {
        MultiIndex a = MultiIndex.of(1, 0);
        assertEquals(MultiIndex.of(1, 0), a);
        assertEquals(MultiIndex.of(1, 0).hashCode(), a.hashCode());
        assertNotEquals(MultiIndex.of(0, 1), a);
        assertNotEquals(MultiIndex.of(1), a);
        assertNotEquals(a, "h1(z1)");
        assertTrue(MultiIndex.of(1).compareTo(a) < 0, "shorter first on equal prefixes");
        assertTrue(a.compareTo(MultiIndex.of(1)) > 0);
        assertEquals(0, a.compareTo(MultiIndex.of(1, 0)));
        Set<Integer> hashes = new HashSet<>();
        for (MultiIndex alpha : MultiIndex.upToDegree(3, 4)) {
            hashes.add(alpha.hashCode());
        }
        assertTrue(hashes.size() > 1, "all 35 indices of degree <= 4 in 3 variables hash alike");
    }
}
