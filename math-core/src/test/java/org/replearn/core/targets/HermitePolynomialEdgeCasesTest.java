package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.MultiIndex;

/**
 * Edge cases of {@link HermitePolynomial} beyond {@link HermitePolynomialTest} (found by mutation testing, see
 * math-core/MUTATION.md): output arrays are overwritten, not accumulated into; derivatives in a variable no term uses
 * are exactly 0; the full Hessian (both triangles) of a polynomial in three variables; value semantics and messages.
 */
class HermitePolynomialEdgeCasesTest {
    private static final double SQRT2 = Math.sqrt(2);

    /** {@code 0.5 h2(z1) + h1(z1)h1(z2) + 2 h1(z2)h1(z3) + 3 h1(z1)h1(z3) - h2(z3) + h1(z2)}: constant Hessian. */
    private static HermitePolynomial quadratic() {
        return TargetSpec.parse("0.5*h2(z1) + h1(z1)*h1(z2) + 2*h1(z2)*h1(z3) + 3*h1(z1)*h1(z3) - h2(z3) + h1(z2)");
    }

    /**
     * With {@code h1 = z}, {@code h2 = (z² - 1)/sqrt(2)}: {@code ∇g = (z1/sqrt2 + z2 + 3 z3, z1 + 2 z3 + 1,
     * 2 z2 + 3 z1 - sqrt2 z3)}, {@code ∇²g = [[1/sqrt2, 1, 3], [1, 0, 2], [3, 2, -sqrt2]]}, every entry of both
     * triangles; the outputs are overwritten even when they hold garbage. Tolerance: a few roundings.
     */
    @Test
    void gradientAndFullHessianOfAQuadraticInThreeVariables() {
        HermitePolynomial g = quadratic();
        double[] z = {0.3, -1.2, 0.7};
        double[] expectedGradient = {z[0] / SQRT2 + z[1] + 3 * z[2], z[0] + 2 * z[2] + 1,
            2 * z[1] + 3 * z[0] - SQRT2 * z[2]};
        double[] expectedHessian = {1 / SQRT2, 1, 3, 1, 0, 2, 3, 2, -SQRT2};
        double[] gradient = {Double.NaN, 7, -7};
        double[] hessian = new double[9];
        Arrays.fill(hessian, 42.0);
        g.gradient(z, gradient);
        g.hessian(z, hessian);
        assertArrayEquals(expectedGradient, gradient, 1e-14);
        assertArrayEquals(expectedHessian, hessian, 1e-14);
        HermitePolynomial.Evaluator ev = g.evaluator();
        ev.gradient(z, gradient);
        ev.hessian(new double[] {-2, 5, 0.25}, hessian);
        ev.gradient(z, gradient);
        ev.hessian(z, hessian);
        assertArrayEquals(expectedGradient, gradient, 1e-14, "a reused evaluator overwrites its outputs");
        assertArrayEquals(expectedHessian, hessian, 1e-14);
    }

    /**
     * {@code g = h2(z1)} in two variables does not depend on {@code z2}: {@code ∂g/∂z2 = 0} and {@code ∂Q_2/∂v2 = 0}
     * exactly, also at {@code z1 = v1 = 1e200}, where {@code h2(z1)} and {@code v1²} overflow but the other partials
     * are finite ({@code ∂g/∂z1 = sqrt2 z1}, {@code ∂Q_2/∂v1 = sqrt2 v1}).
     */
    @Test
    void derivativesInAnUnusedVariableAreExactlyZero() {
        HermitePolynomial g = TargetSpec.parse("h2(z1)", 2);
        double[] out = {Double.NaN, Double.NaN};
        g.gradient(new double[] {1e200, 0.5}, out);
        assertEquals(SQRT2 * 1e200, out[0], 1e186);
        assertEquals(0.0, out[1], 0.0);
        double[] q = {Double.NaN, Double.NaN};
        g.gradQ(2, new double[] {1e200, 0.5}, q);
        assertEquals(SQRT2 * 1e200, q[0], 1e186);
        assertEquals(0.0, q[1], 0.0);
    }

    @Test
    void ofEqualsTheBuilderAndDropsZeros() {
        HermitePolynomial g = HermitePolynomial.of(2, Map.of(MultiIndex.of(2, 0), 0.6, MultiIndex.of(1, 1), -0.8,
                MultiIndex.of(0, 3), 0.0));
        assertEquals(HermitePolynomial.builder(2).add(MultiIndex.of(2, 0), 0.6).add(MultiIndex.of(1, 1), -0.8).build(),
                g);
        assertEquals(2, g.terms().size());
        assertEquals(2, g.degree());
    }

    /** Equal when r and the coefficients are equal; distinct polynomials do not all share a hash. */
    @Test
    void valueSemantics() {
        HermitePolynomial g = TargetSpec.parse("0.6*h2(z1) - 0.1*h1(z2)");
        assertEquals(TargetSpec.parse("-0.1*h1(z2) + 0.6*h2(z1)"), g);
        assertEquals(TargetSpec.parse("-0.1*h1(z2) + 0.6*h2(z1)").hashCode(), g.hashCode());
        assertNotEquals(TargetSpec.parse("0.6*h2(z1) - 0.2*h1(z2)"), g);
        assertNotEquals(TargetSpec.parse("0.6*h2(z1) - 0.1*h1(z2)", 3), g, "same terms written in 3 variables");
        assertNotEquals(TargetSpec.parse("h2(z1)"), TargetSpec.parse("h2(z1)", 2));
        assertNotEquals(g, (Object) g.toString());
        assertNotEquals(TargetSpec.parse("h2(z1)").hashCode(), TargetSpec.parse("h3(z1)").hashCode());
        assertNotEquals(TargetSpec.parse("h2(z1)").hashCode(), TargetSpec.parse("2*h2(z1)").hashCode());
    }

    /** The zero polynomial prints as a zero term in its last variable (it keeps r), and messages name both sizes. */
    @Test
    void zeroPolynomialAndMessages() {
        assertEquals("0*h0(z2)", HermitePolynomial.builder(2).build().toString());
        assertEquals("0*h0(z1)", HermitePolynomial.builder(1).build().toString());
        HermitePolynomial g = TargetSpec.parse("h2(z1) + h1(z2)");
        assertEquals("cannot add polynomials in 2 and 3 variables: use the same r",
                assertThrows(IllegalArgumentException.class, () -> g.plus(TargetSpec.parse("h1(z3)"))).getMessage());
        assertEquals("v has length 3 but the polynomial has r = 2 variables: pass v = Uw of length r",
                assertThrows(IllegalArgumentException.class, () -> g.gradQ(2, new double[3], new double[3]))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.gradQ(2, new double[1], new double[2]));
    }
}
