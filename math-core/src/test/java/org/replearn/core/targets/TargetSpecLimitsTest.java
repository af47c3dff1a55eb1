package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.replearn.core.hermite.MultiIndex;

/**
 * The limits of {@link TargetSpec} at and around their values, and whitespace and number syntax (found by mutation
 * testing, see math-core/MUTATION.md). The work budget ({@code MAX_EXPANSION} term operations, a term counting one
 * plus its number of variables for each sum and product it goes through, operands and result of a product) is
 * checked with margins of a third or more, so that the tests do not pin its exact accounting.
 */
class TargetSpecLimitsTest {

    /** {@code (h1(z_from) + ... + h1(z_to))}. */
    private static String sum(int from, int to) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = from; i <= to; i++) {
            sb.append(i > from ? "+" : "").append("h1(z").append(i).append(')');
        }
        return sb.append(')').toString();
    }

    /** {@code (h_from(z_var) + ... + h_to(z_var))}. */
    private static String degrees(int from, int to, int variable) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = from; k <= to; k++) {
            sb.append(k > from ? "+" : "").append('h').append(k).append("(z").append(variable).append(')');
        }
        return sb.append(')').toString();
    }

    /**
     * {@code P = (Σ_{i<=20} h1(z_i)) * (Σ_{20<i<=40} h1(z_i)) * (Σ_{40<i<=60} h1(z_i))}: 8000 terms of 3 variables
     * (size 4 each). Building P costs about 3.5e4 (the last product alone: operands 400·3 + 20·2, result 8000·4).
     */
    private static final String P = "(" + sum(1, 20) + "*" + sum(21, 40) + "*" + sum(41, 60) + ")";

    private static IllegalArgumentException refusedByTheBudget(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(spec));
        assertTrue(e.getMessage().contains("expanding the spec takes more than 2000000 term operations"),
                e.getMessage());
        return e;
    }

    /**
     * Each {@code + P} costs about 6.7e4: building P and the sum, which touches P's 8000 terms of size 4 (3.2e4).
     * 20 copies (about 1.3e6) are parsed, to {@code 20·P}; 45 (about 3e6) are refused.
     */
    @Test
    void sumsOfLargeProductsAreChargedPerTerm() {
        HermitePolynomial twenty = TargetSpec.parse(String.join(" + ", Collections.nCopies(20, P)));
        assertEquals(8000, twenty.terms().size());
        assertEquals(20.0, twenty.coefficient(MultiIndex.unit(60, 0, 1).plus(20, 1).plus(40, 1)), 1e-12);
        refusedByTheBudget(String.join(" + ", Collections.nCopies(45, P)));
    }

    /**
     * A product charges its operands and its result: each {@code *1} after P costs at least 8000·4 + 1 + 8000·4, so
     * 40 of them (at least 2.56e6) are refused; each {@code /1} is a scaling that touches the 8000 terms, so 260 of
     * them (at least 2.08e6) are refused.
     */
    @Test
    void productsAndScalingsAreChargedPerTerm() {
        refusedByTheBudget(P + "*1".repeat(40));
        refusedByTheBudget(P + "/1".repeat(260));
        assertEquals(8000, TargetSpec.parse(P + "*1".repeat(5) + "/1".repeat(5)).terms().size());
    }

    /**
     * {@code MAX_TERMS} is inclusive for the term pairs of one product and the terms of a polynomial: 250 × 400 pairs
     * (degrees 1..250 of z1 times 1..400 of z2, 100000 distinct terms) are expanded, 250 × 401 are refused.
     */
    @Test
    void maxTermsIsInclusive() {
        HermitePolynomial g = TargetSpec.parse(degrees(1, 250, 1) + "*" + degrees(1, 400, 2));
        assertEquals(TargetSpec.MAX_TERMS, g.terms().size());
        assertEquals(1.0, g.coefficient(MultiIndex.of(250, 400)), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetSpec.parse(degrees(1, 250, 1) + "*" + degrees(1, 401, 2)));
        assertTrue(e.getMessage().startsWith("target spec: the product of 250 by 401 terms exceeds the limit of 100000"
                + " terms"), e.getMessage());
    }

    /**
     * The exponent count (terms × variables) of the result is limited to {@code MAX_EXPANSION}, inclusive: 100 × 100
     * terms in 200 variables are exactly 2e6 exponents; one more term in a 201st variable is refused.
     */
    @Test
    void resultExponentsLimitIsInclusive() {
        String product = sum(1, 100) + "*" + sum(101, 200);
        HermitePolynomial g = TargetSpec.parse(product);
        assertEquals(200, g.variables());
        assertEquals(10_000, g.terms().size());
        assertEquals("target spec: the expanded target has 10001 terms in 201 variables, more than 2000000 exponents"
                + " in all: write a target with fewer terms or variables",
                assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(product + "+h1(z201)"))
                        .getMessage());
    }

    /**
     * The nesting limit counts open levels, not groups: 300 groups side by side, each nested once, parse (to
     * {@code 300 h1(z1)}, resp. {@code 300·sqrt(4) h1(z1)}).
     */
    @Test
    void nestingDepthCountsOpenLevelsOnly() {
        String groups = String.join("+", Collections.nCopies(300, "(h1(z1))"));
        assertEquals(300.0, TargetSpec.parse(groups).coefficient(MultiIndex.of(1)), 0.0);
        String roots = String.join("+", Collections.nCopies(300, "sqrt(4)*h1(z1)"));
        assertEquals(600.0, TargetSpec.parse(roots).coefficient(MultiIndex.of(1)), 0.0);
    }

    /** Blanks are allowed between all tokens, also inside {@code hK( zI )} and at the end. */
    @Test
    void blanksAroundEveryToken() {
        HermitePolynomial g = TargetSpec.parse("0.5*h2(z1) - h1(z2)");
        assertEquals(g, TargetSpec.parse("  0.5 * h2( z1 )\t-\nh1(  z2 )  \t"));
    }

    /**
     * Leading zeros of a degree or index do not count towards its length (9 digits at most, then refused as too
     * large); a refused index is quoted in full up to 20 digits and abbreviated beyond.
     */
    @Test
    void integersWithLeadingZerosAndLongDigitStrings() {
        assertEquals(TargetSpec.parse("h2(z1)"), TargetSpec.parse("h0000000002(z0000000001)"));
        assertEquals("target spec: variable index 12345678901234567890 exceeds the largest supported 256 (a target"
                + " of r directions needs an r×r Hessian) at position 5\n  h2(z12345678901234567890)\n      ^",
                assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z12345678901234567890)"))
                        .getMessage());
        String longer = assertThrows(IllegalArgumentException.class,
                () -> TargetSpec.parse("h2(z123456789012345678901)")).getMessage();
        assertTrue(longer.startsWith("target spec: variable index 1234567890... (21 digits) exceeds"), longer);
    }

    /** An exponent marker without digits is not a number, also at the very end of the spec. */
    @Test
    void exponentMarkerWithoutDigits() {
        for (String spec : new String[] {"h2(z1)*2e", "h2(z1)*2e+", "2E*h2(z1)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse(spec));
            assertTrue(e.getMessage().startsWith("target spec: expected a number such as 2, 0.5 or 1e-3"),
                    spec + ": " + e.getMessage());
        }
    }

    /**
     * A product charges its operands whichever side is larger: each {@code + 1*P} costs at least P's last product
     * (8000·4), the product {@code 1*P} (operands 1 + 8000·4, result 8000·4) and the sum (8000·4), so 20 copies (at
     * least 2.56e6) are refused.
     */
    @Test
    void productsAreChargedForTheirRightOperand() {
        refusedByTheBudget(String.join(" + ", Collections.nCopies(20, "1*" + P)));
    }

    /**
     * {@code MAX_TERMS} also bounds the result of a product whose pairs are within the limit: 316 × 316 = 99856 pairs
     * give {@code h_a(z1) h_b(z2)}, and times {@code h1(z1)} each becomes a combination of {@code h_{a+1}(z1) h_b(z2)}
     * and {@code h_{a-1}(z1) h_b(z2)} ({@code z h_a = sqrt(a+1) h_{a+1} + sqrt(a) h_{a-1}}): 318 × 316 = 100488
     * distinct terms, refused while expanding.
     */
    @Test
    void productResultsBeyondMaxTermsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetSpec.parse(degrees(1, 316, 1) + "*" + degrees(1, 316, 2) + "*h1(z1)"));
        assertTrue(e.getMessage().startsWith("target spec: the expansion has more than 100000 terms: expand fewer"
                + " factors"), e.getMessage());
    }

    /**
     * {@code sqrt(...)} and division take constant expressions: {@code sqrt(0)}, {@code h0(zI) = 1}, and sums whose
     * non-constant terms cancel exactly or underflow to 0 ({@code h2(z1)/1e200/1e200}) are constants; a negative
     * constant is refused at its first character after the blanks.
     */
    @Test
    void constantExpressions() {
        assertEquals(TargetSpec.parse("h1(z1)"), TargetSpec.parse("sqrt(0)*h2(z1) + h1(z1)"));
        assertEquals(TargetSpec.parse("h2(z1)"), TargetSpec.parse("sqrt(h0(z1))*h2(z1)"));
        assertEquals(TargetSpec.parse("h2(z1)"), TargetSpec.parse("h2(z1)/h0(z1)"));
        assertEquals(TargetSpec.parse("2*h1(z1)"), TargetSpec.parse("sqrt(h2(z1) - h2(z1) + 4)*h1(z1)"));
        assertEquals(TargetSpec.parse("2*h1(z1)"), TargetSpec.parse("sqrt(h2(z1)/1e200/1e200 + 4)*h1(z1)"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TargetSpec.parse("sqrt(  -1)*h2(z1)"));
        assertTrue(e.getMessage().startsWith("target spec: expected a non-negative constant inside sqrt(...) at"
                + " position 8\n"), e.getMessage());
    }
}
