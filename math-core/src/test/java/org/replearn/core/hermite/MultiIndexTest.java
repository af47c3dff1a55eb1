package org.replearn.core.hermite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
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

    /**
     * Regression: factorial() looped forever on an exponent near Integer.MAX_VALUE (its int counter overflowed). It
     * returns +Infinity as soon as the product leaves the double range: 170! is finite, 171! is not.
     */
    @Test
    void factorialOfAHugeExponentReturnsInfinityPromptly() {
        assertEquals(Double.POSITIVE_INFINITY, assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> MultiIndex.of(Integer.MAX_VALUE).factorial()));
        assertEquals(Double.POSITIVE_INFINITY, assertTimeoutPreemptively(Duration.ofSeconds(1),
                () -> MultiIndex.of(3, Integer.MAX_VALUE - 5, 2).factorial()));
        double exact = IntStream.rangeClosed(2, 170).mapToObj(BigInteger::valueOf)
                .reduce(BigInteger.ONE, BigInteger::multiply).doubleValue();
        assertEquals(exact, MultiIndex.of(170).factorial(), 170 * Math.ulp(exact), "169 roundings");
        assertEquals(Double.POSITIVE_INFINITY, MultiIndex.of(171).factorial());
        assertEquals(Double.POSITIVE_INFINITY, MultiIndex.of(100, 100).factorial());
        assertEquals(2432902008176640000.0 * 6, MultiIndex.of(20, 3).factorial(), 0.0, "20!·3!, exact in a double");
    }

    /** Degrees and exponents never overflow an int: |α| beyond Integer.MAX_VALUE and plus() past it are refused. */
    @Test
    void degreeAndExponentOverflowAreRefused() {
        assertEquals(Integer.MAX_VALUE, MultiIndex.of(Integer.MAX_VALUE - 1, 1).degree());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiIndex.of(Integer.MAX_VALUE, 1));
        assertEquals("degree |α| = 2147483648 exceeds 2147483647: use smaller exponents", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultiIndex.of(Integer.MAX_VALUE, 0).plus(0, 1));
        assertTrue(e.getMessage().contains("= 2147483648 is outside [0, 2147483647]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.of(1, 0).plus(0, -2));
        assertEquals(MultiIndex.of(0, 0), MultiIndex.of(1, 0).plus(0, -1));
    }

    /**
     * Enumerations are iterative (many variables no longer recurse once per variable) and refuse a count that
     * cannot fit a list instead of running out of memory; the order is the documented one.
     */
    @Test
    void enumerationIsIterativeAndBounded() {
        assertEquals(List.of(MultiIndex.of(2, 0, 0), MultiIndex.of(1, 1, 0), MultiIndex.of(1, 0, 1),
                MultiIndex.of(0, 2, 0), MultiIndex.of(0, 1, 1), MultiIndex.of(0, 0, 2)), MultiIndex.ofDegree(3, 2));
        assertEquals(List.of(MultiIndex.of(4)), MultiIndex.ofDegree(1, 4));
        assertEquals(1, MultiIndex.ofDegree(100_000, 0).size());
        assertEquals(1 + 2000, MultiIndex.upToDegree(2000, 1).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiIndex.upToDegree(1000, 1000));
        assertTrue(e.getMessage().contains("number more than 2147483647"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.upToDegree(1, Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> MultiIndex.ofDegree(2, -1));
        assertEquals(CombinatoricsUtils.binomialCoefficient(12, 5), MultiIndex.ofDegree(6, 7).size());
    }
}
