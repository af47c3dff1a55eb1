package org.replearn.core.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;

class TargetSpecTest {

    @Test
    void parsesTheIssueExample() {
        HermitePolynomial g = TargetSpec.parse("0.6*h2(z1) + 0.8*h2(z1)*h2(z2) - 0.1*h1(z2)");
        assertEquals(2, g.variables());
        assertEquals(4, g.degree());
        assertEquals(3, g.terms().size());
        assertEquals(0.6, g.coefficient(MultiIndex.of(2, 0)));
        assertEquals(0.8, g.coefficient(MultiIndex.of(2, 2)));
        assertEquals(-0.1, g.coefficient(MultiIndex.of(0, 1)));
    }

    /** Constants are folded in double arithmetic: each coefficient is one or two roundings of O(1) values (1e-15). */
    @Test
    void parenthesesSqrtDivisionAndNumbers() {
        HermitePolynomial g = TargetSpec.parse("-(h1(z1) - 2*h3(z3))/sqrt(4) + 1e-1 + .5E+1*h0(z2)");
        assertEquals(3, g.variables());
        assertEquals(-0.5, g.coefficient(MultiIndex.of(1, 0, 0)));
        assertEquals(1.0, g.coefficient(MultiIndex.of(0, 0, 3)));
        assertEquals(5.1, g.mean(), 1e-15);
        assertEquals(2.0 / 3, TargetSpec.parse("3 * (h1(z1) + h1(z1)) / 3 / (1 + 2)").coefficient(MultiIndex.of(1)),
                1e-15);
        assertEquals(Math.sqrt(0.3) / Math.sqrt(2), TargetSpec.parse("sqrt(0.3)*h2(z1)/sqrt(2)")
                .coefficient(MultiIndex.of(2)), 1e-16);
        assertEquals(4, TargetSpec.parse("h1(z2)", 4).variables(), "minVariables pads r");
        assertEquals(1e-3, TargetSpec.parse("1e-3*h2(z1)").coefficient(MultiIndex.of(2)), 0.0);
        assertEquals(-2.0, TargetSpec.parse("--+-2*h1(z1)").coefficient(MultiIndex.of(1)), 0.0);
    }

    /**
     * Products in one variable are linearized: h_a h_b = Σ_k sqrt(C(a,k) C(b,k) C(a+b-2k,a-k)) h_{a+b-2k}. Checked
     * against the pointwise product of 1-D values on |z| <= 3 (values up to ~50, a few ulps: 1e-12) and against the
     * hand expansions h1² = sqrt(2) h2 + 1 and h2² = sqrt(6) h4 + 2 sqrt(2) h2 + 1 (1 ulp of sqrt: 1e-15).
     */
    @Test
    void productsInOneVariableAreLinearized() {
        HermitePolynomial sq1 = TargetSpec.parse("h1(z1)*h1(z1)");
        assertEquals(Math.sqrt(2), sq1.coefficient(MultiIndex.of(2)), 1e-15);
        assertEquals(1.0, sq1.mean(), 0.0);
        HermitePolynomial sq2 = TargetSpec.parse("h2(z1)*h2(z1)");
        assertEquals(Math.sqrt(6), sq2.coefficient(MultiIndex.of(4)), 1e-15);
        assertEquals(2 * Math.sqrt(2), sq2.coefficient(MultiIndex.of(2)), 1e-15);
        assertEquals(1.0, sq2.mean(), 0.0, "E h2² = 1");
        int[][] pairs = {{2, 3}, {5, 4}, {7, 7}, {0, 3}, {1, 6}};
        for (int[] ab : pairs) {
            HermitePolynomial prod = TargetSpec.parse("h" + ab[0] + "(z1)*h" + ab[1] + "(z1)");
            for (double z = -3; z <= 3; z += 0.25) {
                assertEquals(Hermite.value(ab[0], z) * Hermite.value(ab[1], z), prod.value(new double[] {z}), 1e-12,
                        "h" + ab[0] + "·h" + ab[1] + " at " + z);
            }
            assertEquals(ab[0] == ab[1] ? 1.0 : 0.0, prod.mean(), 1e-15, "E h_a h_b = δ_ab");
        }
        HermitePolynomial mixed = TargetSpec.parse("(h1(z1) + h1(z2)) * (h1(z1) - h1(z2)) * h2(z3)");
        assertEquals(Math.sqrt(2), mixed.coefficient(MultiIndex.of(2, 0, 2)), 1e-15);
        assertEquals(-Math.sqrt(2), mixed.coefficient(MultiIndex.of(0, 2, 2)), 1e-15);
        assertEquals(0.0, mixed.coefficient(MultiIndex.of(0, 0, 2)), 0.0, "the constants 1 - 1 cancel exactly");
        assertEquals(0.0, mixed.coefficient(MultiIndex.of(1, 1, 2)), 0.0);
        assertEquals(TargetSpec.parse("h2(z1)"), TargetSpec.parse("h2(z1)*h0(z1)"), "h0 = 1");
    }

    /** Every preset: unit second moment, no constant or linear part, and the documented degree-2 structure. */
    @Test
    void presetsHaveTheDocumentedStructure() {
        for (String name : TargetSpec.presetNames()) {
            HermitePolynomial g = TargetSpec.preset(name);
            assertEquals(1.0, g.secondMoment(), 1e-15, name + " has unit second moment");
            assertEquals(0.0, g.energyByDegree()[0] + g.energyByDegree()[1], 0.0, name + " has no degree 0/1 part");
            assertTrue(TargetSpec.presetDescription(name).length() > 10);
            assertEquals(g, TargetSpec.resolve(" " + name + " "));
        }
        double[] e = TargetSpec.preset("multi-deg4").energyByDegree();
        assertEquals(0.3, e[2], 1e-15);
        assertEquals(0.7, e[4], 1e-15);
        e = TargetSpec.preset("multi-deg3").energyByDegree();
        assertEquals(0.5, e[2], 1e-15);
        assertEquals(0.5, e[3], 1e-15);
        e = TargetSpec.preset("single-h4").energyByDegree();
        assertEquals(0.5, e[2], 1e-15);
        assertEquals(0.5, e[4], 1e-15);
        assertEquals(TargetSpec.parse("h2(z1)"), TargetSpec.preset("single-h2"));
        for (String name : new String[] {"single-h2", "single-h4", "multi-deg3", "multi-deg4", "transfer-source",
                "transfer-target"}) {
            HermitePolynomial g = TargetSpec.preset(name);
            assertTrue(new Target(g, CommonOps_DDRM.identity(g.variables())).nondegenerate(), name);
        }
        assertFalse(new Target(TargetSpec.preset("single-h3"), CommonOps_DDRM.identity(1)).nondegenerate());
        assertEquals(TargetSpec.preset("transfer-source").variables(), TargetSpec.preset("transfer-target").variables());
        assertEquals(TargetSpec.parse("h1(z1) - 2*h2(z2)"), TargetSpec.resolve("h1(z1) - 2*h2(z2)"));
    }

    private static String errorOf(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(spec)).getMessage();
    }

    /** The message names the expectation, the 1-based position, and repeats the spec with a caret under it. */
    private static void assertPointsAt(String spec, int position, String expectation) {
        String m = errorOf(spec);
        assertEquals("target spec: " + expectation + " at position " + position + "\n  " + spec + "\n  "
                + " ".repeat(position - 1) + "^", m);
    }

    @Test
    void errorsPointAtTheOffendingCharacter() {
        assertEquals("target spec: expected ')' at position 10\n  0.6*h2(z1\n           ^", errorOf("0.6*h2(z1"));
        assertPointsAt("h2(x1)", 4, "expected 'z' (write hK(zI), e.g. h2(z1))");
        assertPointsAt("h2(z1) / h1(z2)", 10, "expected a non-zero constant divisor (division only by constants)");
        assertPointsAt("h2(z1)/(1-1)", 8, "expected a non-zero constant divisor (division only by constants)");
        assertPointsAt("h2(z1) $", 8, "expected '+', '-', '*', '/' or end of spec");
        assertPointsAt("2h2(z1)", 2, "expected '+', '-', '*', '/' or end of spec");
        assertPointsAt("h2(z1) +", 9, "expected a number, hK(zI), sqrt(...) or '('");
        assertPointsAt("h2(z1) * x", 10, "expected a number, hK(zI), sqrt(...) or '('");
        assertPointsAt("h(z1)", 2, "expected Hermite degree after 'h'");
        assertPointsAt("h2 z1", 4, "expected '('");
        assertPointsAt("h2(z)", 5, "expected variable index after 'z'");
        assertPointsAt("h2(z0)", 5, "expected a variable index >= 1 (z1, z2, ...)");
        assertPointsAt("h2(z99999999999)", 5, "expected a smaller variable index after 'z'");
        assertPointsAt("sqrt(h1(z1))*h2(z1)", 6, "expected a non-negative constant inside sqrt(...)");
        assertPointsAt("sqrt(-2)*h2(z1)", 6, "expected a non-negative constant inside sqrt(...)");
        assertPointsAt("sqrt 2", 6, "expected '('");
        assertPointsAt("1.2.3*h2(z1)", 1, "expected a number such as 2, 0.5 or 1e-3");
        assertPointsAt("1e*h2(z1)", 1, "expected a number such as 2, 0.5 or 1e-3");
        assertPointsAt("1e999*h2(z1)", 1, "expected a number within the double range");
        assertPointsAt("(h2(z1)", 8, "expected ')'");
        assertTrue(errorOf("  ").contains("empty"), errorOf("  "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(null)).getMessage()
                .contains("empty"));
        assertTrue(errorOf("h2(z1) - h2(z1)").startsWith("degenerate target: all coefficients"),
                errorOf("h2(z1) - h2(z1)"));
        assertTrue(errorOf("0*h3(z2)").startsWith("degenerate target"));
        assertTrue(errorOf("1e300*1e300*h2(z1)").contains("overflows"), errorOf("1e300*1e300*h2(z1)"));
        String unknown = assertThrows(IllegalArgumentException.class, () -> TargetSpec.preset("nope")).getMessage();
        assertTrue(unknown.contains("single-h2") && unknown.contains("'nope'"), unknown);
    }
}
