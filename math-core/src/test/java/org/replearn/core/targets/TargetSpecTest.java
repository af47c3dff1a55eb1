package org.replearn.core.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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

    @Test
    void resolveAcceptsPresetsAndSpecs() {
        assertEquals(TargetSpec.parse("h1(z1) - 2*h2(z2)"), TargetSpec.resolve("h1(z1) - 2*h2(z2)"));
        assertEquals(TargetPreset.SINGLE_H2.link(), TargetSpec.resolve(" single-h2 "));
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
        assertPointsAt("h2(z99999999999)", 5, "variable index 99999999999 exceeds the largest supported 256"
                + " (a target of r directions needs an r×r Hessian)");
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
        String unknown = assertThrows(IllegalArgumentException.class, () -> TargetPreset.of("nope").link()).getMessage();
        assertTrue(unknown.contains("single-h2") && unknown.contains("'nope'"), unknown);
    }

    /** The first line of the message: all the command line shows. */
    private static String firstLine(String spec) {
        return errorOf(spec).lines().findFirst().orElseThrow();
    }

    /**
     * Runs {@code task} on a thread with a 1 MiB stack, the JVM's default thread stack on 64-bit Linux: the parser must
     * not overflow the stack a caller's thread has, also when it runs interpreted (interpreted frames are several times
     * larger than compiled ones, so a smaller stack makes the outcome depend on the JIT's progress).
     */
    private static <T> T onDefaultStack(Supplier<T> task) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(task.get());
            } catch (Throwable e) {
                result.set(e);
            }
        }, "default-stack", 1024 * 1024);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError("failed on a 1 MiB stack: " + e, e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result.get();
        return value;
    }

    /**
     * Regression: 2000 nested parentheses, 3000 nested sqrt( and 100000 leading minus signs overflowed the stack.
     * Signs are counted (an even number is +), and nesting is capped at MAX_DEPTH = 256 levels, which parse on a
     * default thread stack even interpreted; level 257 is refused at its opening parenthesis.
     */
    @Test
    void deepNestingIsCappedAndSignChainsAreIterative() throws InterruptedException {
        assertEquals(256, TargetSpec.MAX_DEPTH);
        HermitePolynomial h2 = TargetSpec.parse("h2(z1)");
        String parens = "(".repeat(256) + "h2(z1)" + ")".repeat(256);
        assertEquals(h2, onDefaultStack(() -> TargetSpec.parse(parens)));
        String roots = "sqrt(".repeat(256) + "1" + ")".repeat(256) + "*h2(z1)";
        assertEquals(h2, onDefaultStack(() -> TargetSpec.parse(roots)));
        String mixed = "(sqrt(".repeat(128) + "4" + "))".repeat(128) + "*h2(z1)";
        assertEquals(1.0, onDefaultStack(() -> TargetSpec.parse(mixed)).coefficient(MultiIndex.of(2)), 1e-15);
        assertPointsAt("(".repeat(257) + "h2(z1)" + ")".repeat(257), 257,
                "nested deeper than 256 levels of parentheses and sqrt: flatten the spec");
        assertPointsAt("sqrt(".repeat(257) + "1" + ")".repeat(257), 5 * 256 + 1,
                "nested deeper than 256 levels of parentheses and sqrt: flatten the spec");
        assertTrue(firstLine("(".repeat(2000) + "h2(z1)" + ")".repeat(2000)).contains("256 levels"));
        assertTrue(firstLine("sqrt(".repeat(3000) + "1" + ")".repeat(3000)).contains("256 levels"));

        assertEquals(h2, TargetSpec.parse("--h2(z1)"));
        assertEquals(h2.scaled(-1), TargetSpec.parse("---h2(z1)"));
        assertEquals(h2.scaled(-1), TargetSpec.parse("- + -\t- h2(z1)"));
        assertEquals(TargetSpec.parse("h1(z1) + 2*h2(z1)"), TargetSpec.parse("h1(z1) - -2*--h2(z1)"));
        assertEquals(h2, onDefaultStack(() -> TargetSpec.parse("-".repeat(100_000 - 6) + "h2(z1)")));
        assertEquals(h2.scaled(-1), onDefaultStack(() -> TargetSpec.parse("-".repeat(100_000 - 7) + "h2(z1)")));
    }

    /** Regression: any length was accepted; MAX_LENGTH = 100000 characters, refused before parsing. */
    @Test
    void specsLongerThanMaxLengthAreRefusedBeforeParsing() {
        assertEquals(100_000, TargetSpec.MAX_LENGTH);
        assertEquals(TargetSpec.parse("h2(z1)"), TargetSpec.parse(" ".repeat(100_000 - 6) + "h2(z1)"));
        assertEquals("target spec has 100001 characters, more than the limit of 100000: write a shorter spec",
                errorOf(" ".repeat(100_000 - 5) + "h2(z1)"));
        assertTrue(errorOf("(".repeat(5_000_000)).startsWith("target spec has 5000000 characters"));
    }

    /**
     * Regression: h1000000(z1) was accepted and training later failed inside Hermite.values. Degrees above
     * Hermite.MAX_DEGREE = 4096 are refused at their first digit, also when they do not fit an int, and so are
     * products that would linearize above it (h4000·h4000 has degree 8000), before expanding.
     */
    @Test
    void hermiteDegreesAboveMaxDegreeAreRefusedAtTheirPosition() {
        assertEquals(4096, Hermite.MAX_DEGREE);
        assertEquals(4096, TargetSpec.parse("h4096(z1)").degree());
        assertEquals(TargetSpec.parse("h4(z1)"), TargetSpec.parse("h0004(z1)"));
        assertPointsAt("h4097(z1)", 2, "Hermite degree 4097 exceeds the largest supported degree 4096");
        assertPointsAt("0.5*h1000000(z1)", 6, "Hermite degree 1000000 exceeds the largest supported degree 4096");
        assertPointsAt("h2147483647(z1)", 2, "Hermite degree 2147483647 exceeds the largest supported degree 4096");
        assertPointsAt("h99999999999(z1)", 2, "Hermite degree 99999999999 exceeds the largest supported degree 4096");
        assertPointsAt("h" + "9".repeat(50) + "(z1)", 2,
                "Hermite degree 9999999999... (50 digits) exceeds the largest supported degree 4096");
        assertPointsAt("h4000(z1)*h4000(z1)", 10,
                "the product has degree 8000 in z1, more than the largest supported Hermite degree 4096");
        String sum = "h1(z2) + (h3000(z1) + h1(z2)) * -h1097(z1)";
        assertPointsAt(sum, sum.indexOf('*') + 1,
                "the product has degree 4097 in z1, more than the largest supported Hermite degree 4096");
        assertEquals(2, TargetSpec.parse("h4000(z1)*h4000(z2)").variables(), "degrees are bounded per variable");
        HermitePolynomial top = TargetSpec.parse("h4095(z1)*h1(z1)");
        assertEquals(64.0, top.coefficient(MultiIndex.of(4096)), 1e-12, "sqrt(C(4096, 1))");
        assertEquals(Math.sqrt(4095), top.coefficient(MultiIndex.of(4094)), 1e-12);
    }

    /**
     * Regression: any variable index that fits an int was accepted (a 100000×100000 Hessian). Indices above
     * HermitePolynomial.MAX_VARIABLES = 256 are refused at their first digit, also when they do not fit an int.
     */
    @Test
    void variableIndicesAboveMaxVariablesAreRefusedAtTheirPosition() {
        assertEquals(256, HermitePolynomial.MAX_VARIABLES);
        assertEquals(256, TargetSpec.parse("h2(z256)").variables());
        String limit = " exceeds the largest supported 256 (a target of r directions needs an r×r Hessian)";
        assertPointsAt("h2(z257)", 5, "variable index 257" + limit);
        assertPointsAt("h2(z1)*h0(z100000)", 12, "variable index 100000" + limit);
        assertPointsAt("h2(z2147483647)", 5, "variable index 2147483647" + limit);
        assertPointsAt("h2(z99999999999)", 5, "variable index 99999999999" + limit);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TargetSpec.parse("h2(z1)", 257)).getMessage()
                .startsWith("r = 257 variables exceeds the largest supported 256"));
    }

    /**
     * Regression: products of sums were expanded without bound. (h1(z1)+...+h1(z40))^6 is refused at the product whose
     * term pairs exceed MAX_TERMS = 100000 (the fourth factor: 11520 × 40 pairs), before computing it; a sum whose
     * result exceeds MAX_TERMS (two products of 60000 terms) is refused at its '+'; a result of more than
     * MAX_EXPANSION = 2000000 exponents (terms × variables: 128² terms in 256 variables) is refused; and products that linearize into more than
     * MAX_EXPANSION term operations (300² pairs of up to 301 terms each) are refused while expanding.
     */
    @Test
    void expansionsBeyondMaxTermsAreRefused() {
        assertEquals(100_000, TargetSpec.MAX_TERMS);
        assertEquals(2_000_000, TargetSpec.MAX_EXPANSION);
        StringBuilder sum = new StringBuilder("(h1(z1)");
        for (int i = 2; i <= 40; i++) {
            sum.append("+h1(z").append(i).append(')');
        }
        String factor = sum.append(')').toString();
        String power = String.join("*", Collections.nCopies(6, factor));
        assertPointsAt(power, 3 * factor.length() + 3,
                "the product of 11520 by 40 terms exceeds the limit of 100000 terms: expand fewer factors");
        assertEquals(11520, TargetSpec.parse(factor + "*" + factor + "*" + factor).terms().size(),
                "three factors: C(42, 3) terms of degree 3 and 40 of degree 1");

        String ones = degreesOf(1, 250, 1);
        String others = degreesOf(1, 240, 2);
        assertEquals(60_000, TargetSpec.parse(ones + "*" + others).terms().size());
        String spec = ones + "*" + others + " + " + degreesOf(1, 250, 3) + "*" + degreesOf(1, 240, 4);
        assertPointsAt(spec, ones.length() + others.length() + 3,
                "the expansion has more than 100000 terms: expand fewer factors");

        assertEquals("target spec: the expanded target has 16384 terms in 256 variables, more than 2000000 exponents"
                + " in all: write a target with fewer terms or variables",
                errorOf(sumOf(1, 128, 1) + "*" + sumOf(129, 256, 1)));

        String high = degreesOf(1, 300, 1);
        assertPointsAt(high + "*" + high, high.length() + 1,
                "expanding the spec takes more than 2000000 term operations: write fewer or smaller products");
    }

    /** {@code (h_from(zI) + ... + h_to(zI))}. */
    private static String degreesOf(int from, int to, int i) {
        StringBuilder b = new StringBuilder("(");
        for (int k = from; k <= to; k++) {
            b.append(k == from ? "" : "+").append('h').append(k).append("(z").append(i).append(')');
        }
        return b.append(')').toString();
    }

    /** {@code (hK(z_from) + ... + hK(z_to))}. */
    private static String sumOf(int from, int to, int k) {
        StringBuilder b = new StringBuilder("(");
        for (int i = from; i <= to; i++) {
            b.append(i == from ? "" : "+").append('h').append(k).append("(z").append(i).append(')');
        }
        return b.append(')').toString();
    }

    /**
     * Regression: Character.isDigit accepted h٢(z١) while Double.parseDouble refused ٠.٥. Only ASCII 0-9 are
     * digits; any other Unicode digit (Arabic-Indic, full-width, mathematical bold) is refused where it stands.
     */
    @Test
    void nonAsciiDigitsAreRefusedAtTheirPosition() {
        assertPointsAt("h\u0662(z\u0661)", 2, "expected an ASCII digit");
        assertPointsAt("h2(z\u0661)", 5, "expected an ASCII digit");
        assertPointsAt("h2\u0662(z1)", 3, "expected an ASCII digit");
        assertPointsAt("\u0660.\u0665*h2(z1)", 1, "expected an ASCII digit");
        assertPointsAt("0.\u0665*h2(z1)", 3, "expected an ASCII digit");
        assertPointsAt("1e\u0665*h2(z1)", 3, "expected an ASCII digit");
        assertPointsAt("h\uFF12(z1)", 2, "expected an ASCII digit");
        assertPointsAt("h2(z1) * \uD835\uDFD0", 10, "expected an ASCII digit");
    }

    /**
     * Regression: 1e200*h2(z1) reported variance Infinity, 1e-200*h2(z1) variance 0 yet "nondegenerate", and
     * 1e-320*h2(z1) failed later on NaN. Non-zero coefficients must lie in [1e-150, 1e150] in magnitude (the
     * bounds themselves are accepted); a literal that underflows to 0 is refused where it stands.
     */
    @Test
    void coefficientsOutsideTheSupportedRangeAreRefused() {
        assertEquals("coefficient 1.0E200 of h2(z1) is outside [1e-150, 1e+150]: rescale the target",
                errorOf("1e200*h2(z1)"));
        assertEquals("coefficient 1.0E-200 of h2(z1) is outside [1e-150, 1e+150]: rescale the target",
                errorOf("1e-200*h2(z1)"));
        assertEquals("coefficient -1.0E-320 of h1(z1)*h3(z2) is outside [1e-150, 1e+150]: rescale the target",
                errorOf("h2(z1) - 1e-320*h1(z1)*h3(z2)"));
        assertEquals("coefficient 1.0E151 of 1 is outside [1e-150, 1e+150]: rescale the target",
                errorOf("1e151 + h2(z1)"));
        assertEquals(1e150, TargetSpec.parse("1e150*h2(z1)").coefficient(MultiIndex.of(2)), 0.0);
        assertEquals(-1e-150, TargetSpec.parse("-1e-150*h2(z1)").coefficient(MultiIndex.of(2)), 0.0);
        assertEquals(1e-150 * 1e-150, TargetSpec.parse("1e-150*h2(z1)").variance(), 0.0, "a normal double");
        assertPointsAt("h2(z1) * 1e-400", 10, "expected a number within the double range");
        assertTrue(firstLine("1e300*1e300*h2(z1)").contains("overflows"));
    }

    /**
     * Hang guard, not a performance test: specs of MAX_LENGTH characters built to be slow (long products, products of
     * sums, deep nesting, huge literals, long sums and divisions of a large expansion) are parsed or refused within
     * 5 s each. Each case is a prefix, a unit repeated to fill the length, and a suffix.
     */
    @Test
    void adversarialSpecsOfMaxLengthAreHandledQuickly() {
        String big = sumOf(1, 250, 1) + "*" + sumOf(251, 490, 1);
        String[][] cases = {{"", "h2(z1)*", "h2(z1)"}, {"", "(h1(z1)+h1(z2))*", "h2(z1)"}, {"", "sqrt(", "1"},
            {"", "(", "h2(z1)"}, {"", "-", "h2(z1)"}, {"", "h1(z1)+", "h2(z1)"}, {"", "h4096(z1)*", "h2(z1)"},
            {"", "h1(z1)*h1(z2)+", "h2(z1)"}, {"", "h1000(z1)*h999(z1)+", "h2(z1)"}, {"", "h1(z1024)*", "h2(z1)"},
            {"", "(h3(z1)+h5(z2)+h7(z3))*", "h2(z1)"}, {big, "/1", ""}, {big, "*1", ""}, {big, "+" + big, ""},
            {"", "1", ""}, {"0.", "0", "1"}, {"", "2*", "h2(z1)"}, {"", "(h1(z1)", ""}, {"", "h1(z1)*", "h1(z1)"}};
        for (String[] c : cases) {
            int room = TargetSpec.MAX_LENGTH - c[0].length() - c[2].length();
            String spec = c[0] + c[1].repeat(room / c[1].length()) + c[2];
            String outcome = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    return "parsed to " + TargetSpec.parse(spec).terms().size() + " terms";
                } catch (IllegalArgumentException e) {
                    return "refused: " + e.getMessage().lines().findFirst().orElseThrow();
                }
            }, c[1]);
            assertTrue(outcome.startsWith("parsed to ") || outcome.startsWith("refused: "), outcome);
        }
    }
}
