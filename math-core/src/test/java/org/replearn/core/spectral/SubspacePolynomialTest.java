package org.replearn.core.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harmonic split {@code P = H + s Q} of a homogeneous polynomial in {@code (z, s = ‖x‖²)}: {@code H} is harmonic
 * and the identity holds. Both are checked through the sphere norm, which vanishes only for the zero polynomial
 * among homogeneous ones; a vanishing norm is a sum of rounding errors relative to products of coefficients of
 * order 10 (a few dozen terms): we allow 1e-10.
 */
class SubspacePolynomialTest {
    /** {@code z₁⁵ − 2 z₁² z₂³ + 3 z₁ z₂² s − 0.5 z₂ s² + z₁³ s}, homogeneous of degree 5, r = 2. */
    private static SubspacePolynomial quintic() {
        Map<int[], Double> terms = new TreeMap<>(Arrays::compare);
        terms.put(new int[] {5, 0, 0}, 1.0);
        terms.put(new int[] {2, 3, 0}, -2.0);
        terms.put(new int[] {1, 2, 1}, 3.0);
        terms.put(new int[] {0, 1, 2}, -0.5);
        terms.put(new int[] {3, 0, 1}, 1.0);
        return SubspacePolynomial.of(2, terms);
    }

    @ParameterizedTest(name = "d = {0}")
    @ValueSource(ints = {3, 7, 1024})
    void harmonicPartIsHarmonicAndTheSplitIsExact(int d) {
        SubspacePolynomial p = quintic();
        SubspacePolynomial[] split = p.harmonicSplit(d, 5);
        SubspacePolynomial laplacian = split[0].laplacian(d);
        assertEquals(0, laplacian.sphereInner(laplacian, d), 1e-10);
        SubspacePolynomial residual = p.plus(1, -1, 0, split[0]).plus(1, -1, 1, split[1]);
        assertEquals(0, residual.sphereInner(residual, d), 1e-10);
        // and the harmonic part is orthogonal on the sphere to the lower-degree rest
        assertEquals(0, split[0].sphereInner(split[1], d), 1e-10);
    }
}
