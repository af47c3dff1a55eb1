package org.replearn.core.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.MultiIndex;

class TargetSpecTest {

    @Test
    void parsesTheIssueExample() {
        HermitePolynomial g = TargetSpec.parse("0.6*h2(z1) + 0.8*h2(z1)*h2(z2) - 0.1*h1(z2)");
        assertEquals(2, g.variables());
        assertEquals(4, g.degree());
        assertEquals(0.6, g.coefficient(MultiIndex.of(2, 0)));
        assertEquals(0.8, g.coefficient(MultiIndex.of(2, 2)));
        assertEquals(-0.1, g.coefficient(MultiIndex.of(0, 1)));
    }

    @Test
    void presetsHaveTheDocumentedEnergies() {
        double[] e = TargetSpec.preset("multi-deg4").energyByDegree();
        assertEquals(0.3, e[2], 1e-15);
        assertEquals(0.7, e[4], 1e-15);
        for (String name : TargetSpec.presetNames()) {
            assertEquals(1.0, TargetSpec.preset(name).secondMoment(), 1e-15, name + " has unit variance");
            assertTrue(TargetSpec.presetDescription(name).length() > 10);
        }
        assertEquals(TargetSpec.preset("single-h2"), TargetSpec.resolve(" single-h2 "));
    }

    @Test
    void parenthesesSqrtAndDivision() {
        HermitePolynomial g = TargetSpec.parse("-(h1(z1) - 2*h3(z3))/sqrt(4) + 1e-1");
        assertEquals(3, g.variables());
        assertEquals(-0.5, g.coefficient(MultiIndex.of(1, 0, 0)));
        assertEquals(1.0, g.coefficient(MultiIndex.of(0, 0, 3)));
        assertEquals(0.1, g.mean());
    }

    @Test
    void errorsPointAtTheOffendingCharacter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("0.6*h2(z1"));
        assertEquals("target spec: expected ')' at position 10\n  0.6*h2(z1\n           ^", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1)*h1(z1)"));
        assertTrue(e.getMessage().contains("same variable") && e.getMessage().contains("position 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(x1)"));
        assertTrue(e.getMessage().contains("expected 'z'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1) / h1(z2)"));
        assertTrue(e.getMessage().contains("non-zero constant"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1) $"));
        assertTrue(e.getMessage().contains("position 8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("  "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1) - h2(z1)"));
        assertTrue(e.getMessage().contains("degenerate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.preset("nope"));
        assertTrue(e.getMessage().contains("single-h2"), e.getMessage());
    }
}
