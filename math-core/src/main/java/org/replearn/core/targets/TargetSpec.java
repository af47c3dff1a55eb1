package org.replearn.core.targets;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;

/**
 * Parses target links written in the normalized Hermite basis, e.g.
 * {@code 0.6*h2(z1) + 0.8*h2(z1)*h2(z2) - 0.1*h1(z2)}.
 *
 * <p>Grammar: {@code expr := term (('+'|'-') term)*}, {@code term := unary (('*'|'/') unary)*},
 * {@code unary := ('+'|'-')* primary}, {@code primary := number | 'sqrt(' expr ')' | 'h'K'(z'I')' | '(' expr ')'},
 * numbers as in {@code 2}, {@code .5}, {@code 1e-3}. {@code hK(zI)} is {@code h_K} of the I-th coordinate of
 * {@code z = Ux} (K ≥ 0, I ≥ 1); the number of variables r is the largest I. Products of polynomials are expanded
 * exactly: factors in distinct variables multiply term by term, and two factors in one variable are linearized,
 * {@code h_a h_b = Σ_{k=0}^{min(a,b)} sqrt(C(a,k) C(b,k) C(a+b-2k, a-k)) h_{a+b-2k}}. Division and {@code sqrt}
 * take constants only; leading signs may repeat ({@code --h2(z1)} is {@code h2(z1)}). Digits are ASCII 0-9. A
 * malformed spec raises an {@link IllegalArgumentException} quoting the spec with a caret under the offending
 * character.
 *
 * <p>Limits, each refused with a message naming it: at most {@link #MAX_LENGTH} characters, {@link #MAX_DEPTH}
 * nested parentheses or {@code sqrt}, degrees {@code K <= Hermite.MAX_DEGREE} (also after products), variables
 * {@code I <= HermitePolynomial.MAX_VARIABLES}, {@link #MAX_TERMS} terms while expanding, {@link #MAX_EXPANSION}
 * term operations in all, and non-zero coefficients in {@code [HermitePolynomial.MIN_COEFFICIENT,
 * HermitePolynomial.MAX_COEFFICIENT]}. Any spec up to the length limit is parsed or refused in well under a second.
 *
 * <p>Named specs are {@link TargetPreset}s; {@link #resolve} accepts either.
 */
public final class TargetSpec {
    /** The longest spec, in characters. */
    public static final int MAX_LENGTH = 100_000;
    /** The deepest nesting of parentheses and {@code sqrt(...)}: the parser recurses once per level. */
    public static final int MAX_DEPTH = 256;
    /** The most terms of any polynomial while parsing (also the most term pairs of one product). */
    public static final int MAX_TERMS = 100_000;
    /**
     * The most term operations of one parse (a term counts one plus its number of variables, for each sum, scaling
     * and product it goes through) and the most exponents (terms × variables) of the result: bounds time and memory.
     */
    public static final int MAX_EXPANSION = 2_000_000;

    private TargetSpec() {
    }

    /** A preset name (surrounding blanks ignored) or a spec. */
    public static HermitePolynomial resolve(String specOrPreset) {
        TargetPreset preset = TargetPreset.find(specOrPreset);
        return preset != null ? preset.link() : parse(specOrPreset);
    }

    /** Parses a spec; the number of variables is the largest {@code z} index. */
    public static HermitePolynomial parse(String spec) {
        return parse(spec, 1);
    }

    /**
     * Parses a spec into a polynomial in {@code max(minVariables, largest z index)} variables (e.g. a transfer head
     * that uses fewer directions than the frame it will be attached to).
     */
    public static HermitePolynomial parse(String spec, int minVariables) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("target spec is empty: write e.g. h2(z1) or a preset name "
                    + TargetPreset.labels());
        }
        if (spec.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("target spec has " + spec.length()
                    + " characters, more than the limit of " + MAX_LENGTH + ": write a shorter spec");
        }
        Poly poly = new Parser(spec).parse();
        int r = Math.max(minVariables, poly.maxVariable);
        HermitePolynomial.Builder b = HermitePolynomial.builder(r);
        if ((long) poly.terms.size() * r > MAX_EXPANSION) {
            throw new IllegalArgumentException("target spec: the expanded target has " + poly.terms.size()
                    + " terms in " + r + " variables, more than " + MAX_EXPANSION
                    + " exponents in all: write a target with fewer terms or variables");
        }
        for (Map.Entry<Monomial, Double> t : poly.terms.entrySet()) {
            int[] e = new int[r];
            int[] f = t.getKey().factors;
            for (int j = 0; j < f.length; j += 2) {
                e[f[j] - 1] = f[j + 1];
            }
            MultiIndex alpha = MultiIndex.of(e);
            if (!Double.isFinite(t.getValue())) {
                throw new IllegalArgumentException("target spec: the coefficient of " + alpha
                        + " overflows the double range: use smaller constants or lower degrees");
            }
            b.add(alpha, t.getValue());
        }
        HermitePolynomial g = b.build();
        if (g.isZero()) {
            throw new IllegalArgumentException("degenerate target: all coefficients of '" + spec
                    + "' are zero; give a non-zero polynomial");
        }
        return g;
    }

    /** A basis product {@code h_α}, sparse: {@code factors = (I₁, K₁, I₂, K₂, ...)}, I increasing, K > 0. */
    private static final class Monomial {
        static final Monomial ONE = new Monomial(new int[0]);
        final int[] factors;
        private final int hash;

        Monomial(int[] factors) {
            this.factors = factors;
            this.hash = Arrays.hashCode(factors);
        }

        /** One plus the number of variables: the unit in which the expansion is counted. */
        int size() {
            return 1 + factors.length / 2;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Monomial m && m.hash == hash && Arrays.equals(m.factors, factors);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Sparse polynomial during parsing, without zero coefficients; {@code maxVariable} is the largest variable named
     * so far (also by {@code h0(zI)}). Sums and scalings update it in place.
     */
    private static final class Poly {
        final Map<Monomial, Double> terms = new LinkedHashMap<>();
        int maxVariable;

        Poly(int maxVariable) {
            this.maxVariable = maxVariable;
        }

        static Poly constant(double c) {
            Poly p = new Poly(0);
            if (c != 0.0) {
                p.terms.put(Monomial.ONE, c);
            }
            return p;
        }

        /** The constant value, or null when a non-constant term is present. */
        Double constantValue() {
            double c = 0;
            for (Map.Entry<Monomial, Double> t : terms.entrySet()) {
                if (t.getKey().factors.length > 0) {
                    return null;
                }
                c += t.getValue();
            }
            return c;
        }

        /** Adds {@code c} to the coefficient of {@code m}, dropping the term when the sum is zero. */
        void add(Monomial m, double c) {
            if (c != 0.0) {
                terms.merge(m, c, (x, y) -> x + y == 0.0 ? null : x + y);
            }
        }

        /** The sum of the sizes of the terms, the cost of touching every one. */
        long size() {
            long n = 0;
            for (Monomial m : terms.keySet()) {
                n += m.size();
            }
            return n;
        }
    }

    /**
     * Recursive descent over the grammar above; it recurses only into parentheses and {@code sqrt(...)}, at most
     * {@link #MAX_DEPTH} deep, and counts the work of sums, scalings and products against {@link #MAX_EXPANSION}.
     */
    private static final class Parser {
        private final String s;
        private int pos;
        private int depth;
        private long expansion;

        Parser(String s) {
            this.s = s;
        }

        Poly parse() {
            Poly p = expr();
            skip();
            if (pos < s.length()) {
                throw error("expected '+', '-', '*', '/' or end of spec");
            }
            return p;
        }

        private Poly expr() {
            Poly p = term();
            while (true) {
                skip();
                int at = pos;
                if (peek('+') || peek('-')) {
                    double sign = peek('+') ? 1 : -1;
                    pos++;
                    Poly o = term();
                    charge(o.size(), at);
                    p.maxVariable = Math.max(p.maxVariable, o.maxVariable);
                    o.terms.forEach((k, v) -> p.add(k, sign * v));
                    checkTerms(p.terms.size(), at);
                } else {
                    return p;
                }
            }
        }

        private Poly term() {
            Poly p = unary();
            while (true) {
                skip();
                int at = pos;
                if (peek('*')) {
                    pos++;
                    p = times(p, unary(), at);
                } else if (peek('/')) {
                    pos++;
                    skip();
                    int divisor = pos;
                    Double c = unary().constantValue();
                    if (c == null || c == 0.0) {
                        pos = divisor;
                        throw error("expected a non-zero constant divisor (division only by constants)");
                    }
                    scale(p, 1.0 / c, at);
                } else {
                    return p;
                }
            }
        }

        /** Leading signs are counted, not recursed into: an odd number of '-' negates the primary. */
        private Poly unary() {
            boolean negative = false;
            skip();
            while (peek('-') || peek('+')) {
                negative ^= peek('-');
                pos++;
                skip();
            }
            int at = pos;
            Poly p = primary();
            if (negative) {
                scale(p, -1, at);
            }
            return p;
        }

        private Poly primary() {
            skip();
            if (pos >= s.length()) {
                throw error("expected a number, hK(zI), sqrt(...) or '('");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                enter();
                pos++;
                Poly p = expr();
                expect(')');
                depth--;
                return p;
            }
            if (s.startsWith("sqrt", pos)) {
                enter();
                pos += 4;
                expect('(');
                skip();
                int at = pos;
                Double v = expr().constantValue();
                if (v == null || v < 0) {
                    pos = at;
                    throw error("expected a non-negative constant inside sqrt(...)");
                }
                expect(')');
                depth--;
                return Poly.constant(Math.sqrt(v));
            }
            if (c == 'h') {
                pos++;
                int k = integer("Hermite degree after 'h'", Hermite.MAX_DEGREE,
                        "Hermite degree %s exceeds the largest supported degree " + Hermite.MAX_DEGREE);
                expect('(');
                skip();
                if (!peek('z')) {
                    throw error("expected 'z' (write hK(zI), e.g. h2(z1))");
                }
                pos++;
                int at = pos;
                int var = integer("variable index after 'z'", HermitePolynomial.MAX_VARIABLES,
                        "variable index %s exceeds the largest supported " + HermitePolynomial.MAX_VARIABLES
                                + " (a target of r directions needs an r×r Hessian)");
                if (var < 1) {
                    pos = at;
                    throw error("expected a variable index >= 1 (z1, z2, ...)");
                }
                expect(')');
                Poly p = new Poly(var);
                p.terms.put(k > 0 ? new Monomial(new int[] {var, k}) : Monomial.ONE, 1.0);
                return p;
            }
            if (isAsciiDigit(c) || c == '.') {
                return Poly.constant(number());
            }
            rejectNonAsciiDigit();
            throw error("expected a number, hK(zI), sqrt(...) or '('");
        }

        /** Opens a level of parentheses or sqrt at {@code pos}, refusing more than {@link #MAX_DEPTH}. */
        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels of parentheses and sqrt: flatten the spec");
            }
        }

        /**
         * {@code a·b}, expanded. Refused before expanding when the result would exceed {@link Hermite#MAX_DEGREE} in
         * a variable or the term pairs exceed {@link #MAX_TERMS}; refused while expanding when the result exceeds
         * {@link #MAX_TERMS} terms or the work exceeds {@link #MAX_EXPANSION}. {@code at} is the position of '*'.
         */
        private Poly times(Poly a, Poly b, int at) {
            Poly p = new Poly(Math.max(a.maxVariable, b.maxVariable));
            if (a.terms.isEmpty() || b.terms.isEmpty()) {
                return p;
            }
            charge(a.size() + b.size(), at);
            int[] degreeA = maxDegrees(a);
            int[] degreeB = maxDegrees(b);
            for (int v = 1; v < Math.min(degreeA.length, degreeB.length); v++) {
                int degree = degreeA[v] + degreeB[v];
                if (degree > Hermite.MAX_DEGREE) {
                    pos = at;
                    throw error("the product has degree " + degree + " in z" + v
                            + ", more than the largest supported Hermite degree " + Hermite.MAX_DEGREE);
                }
            }
            long pairs = (long) a.terms.size() * b.terms.size();
            if (pairs > MAX_TERMS) {
                pos = at;
                throw error("the product of " + a.terms.size() + " by " + b.terms.size()
                        + " terms exceeds the limit of " + MAX_TERMS + " terms: expand fewer factors");
            }
            for (Map.Entry<Monomial, Double> x : a.terms.entrySet()) {
                for (Map.Entry<Monomial, Double> y : b.terms.entrySet()) {
                    multiplyBasis(x.getKey().factors, y.getKey().factors, x.getValue() * y.getValue(), p, at);
                    checkTerms(p.terms.size(), at);
                }
            }
            return p;
        }

        /** The largest degree of each variable {@code 1..maxVariable} in {@code p}. */
        private static int[] maxDegrees(Poly p) {
            int[] d = new int[p.maxVariable + 1];
            for (Monomial m : p.terms.keySet()) {
                for (int j = 0; j < m.factors.length; j += 2) {
                    d[m.factors[j]] = Math.max(d[m.factors[j]], m.factors[j + 1]);
                }
            }
            return d;
        }

        /** Adds {@code c h_α h_β} to {@code into}, linearizing the variables that α and β share. */
        private void multiplyBasis(int[] alpha, int[] beta, double c, Poly into, int at) {
            int n = (alpha.length + beta.length) / 2;
            int[] variable = new int[n];
            int[] degreeA = new int[n];
            int[] degreeB = new int[n];
            int m = 0;
            int i = 0;
            int j = 0;
            while (i < alpha.length || j < beta.length) {
                if (j == beta.length || i < alpha.length && alpha[i] < beta[j]) {
                    variable[m] = alpha[i];
                    degreeA[m++] = alpha[i + 1];
                    i += 2;
                } else if (i == alpha.length || beta[j] < alpha[i]) {
                    variable[m] = beta[j];
                    degreeB[m++] = beta[j + 1];
                    j += 2;
                } else {
                    variable[m] = alpha[i];
                    degreeA[m] = alpha[i + 1];
                    degreeB[m++] = beta[j + 1];
                    i += 2;
                    j += 2;
                }
            }
            // h_a h_b = Σ_{k <= min(a,b)} coefficient(a, b, k) h_{a+b-2k} in each variable: one term per k vector.
            int[] kMax = new int[m];
            long combinations = 1;
            for (int q = 0; q < m; q++) {
                kMax[q] = Math.min(degreeA[q], degreeB[q]);
                combinations = Math.min(combinations * (kMax[q] + 1), MAX_EXPANSION + 1L);
            }
            charge(combinations * (1 + m), at);
            int[] k = new int[m];
            while (true) {
                double coefficient = c;
                int used = 0;
                for (int q = 0; q < m; q++) {
                    if (kMax[q] > 0) {
                        coefficient *= Hermite.productCoefficient(degreeA[q], degreeB[q], k[q]);
                    }
                    if (degreeA[q] + degreeB[q] > 2 * k[q]) {
                        used++;
                    }
                }
                int[] factors = new int[2 * used];
                int f = 0;
                for (int q = 0; q < m; q++) {
                    int degree = degreeA[q] + degreeB[q] - 2 * k[q];
                    if (degree > 0) {
                        factors[f++] = variable[q];
                        factors[f++] = degree;
                    }
                }
                into.add(used == 0 ? Monomial.ONE : new Monomial(factors), coefficient);
                int q = m - 1;
                while (q >= 0 && k[q] == kMax[q]) {
                    k[q--] = 0;
                }
                if (q < 0) {
                    return;
                }
                k[q]++;
            }
        }

        /** {@code p ← c·p}; {@code at} is the position of the operator or sign. */
        private void scale(Poly p, double c, int at) {
            charge(p.terms.size(), at);
            p.terms.replaceAll((k, v) -> c * v);
            p.terms.values().removeIf(v -> v == 0.0);
        }

        /** Counts {@code work} term entries against {@link #MAX_EXPANSION}. */
        private void charge(long work, int at) {
            expansion += work;
            if (expansion > MAX_EXPANSION) {
                pos = at;
                throw error("expanding the spec takes more than " + MAX_EXPANSION
                        + " term operations: write fewer or smaller products");
            }
        }

        private void checkTerms(int terms, int at) {
            if (terms > MAX_TERMS) {
                pos = at;
                throw error("the expansion has more than " + MAX_TERMS + " terms: expand fewer factors");
            }
        }

        private double number() {
            int start = pos;
            boolean nonZero = false;
            while (pos < s.length() && (isAsciiDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                nonZero |= s.charAt(pos) > '0';
                pos++;
            }
            rejectNonAsciiDigit();
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                while (pos < s.length() && isAsciiDigit(s.charAt(pos))) {
                    pos++;
                }
                rejectNonAsciiDigit();
            }
            double v;
            try {
                v = Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected a number such as 2, 0.5 or 1e-3");
            }
            if (!Double.isFinite(v) || v == 0.0 && nonZero) {
                pos = start;
                throw error("expected a number within the double range");
            }
            return v;
        }

        /**
         * Reads ASCII digits as an int at most {@code max}; a larger value is refused at its first digit with
         * {@code tooLarge} formatted with the digits.
         */
        private int integer(String what, int max, String tooLarge) {
            int start = pos;
            while (pos < s.length() && isAsciiDigit(s.charAt(pos))) {
                pos++;
            }
            rejectNonAsciiDigit();
            if (start == pos) {
                throw error("expected " + what);
            }
            int first = start;
            while (first < pos - 1 && s.charAt(first) == '0') {
                first++;
            }
            String digits = s.substring(first, pos);
            if (digits.length() > 9 || Integer.parseInt(digits) > max) {
                pos = start;
                throw error(String.format(Locale.ROOT, tooLarge, digits.length() <= 20 ? digits
                        : digits.substring(0, 10) + "... (" + digits.length() + " digits)"));
            }
            return Integer.parseInt(digits);
        }

        private static boolean isAsciiDigit(char c) {
            return c >= '0' && c <= '9';
        }

        /** Refuses a non-ASCII digit at {@code pos} (e.g. Arabic-Indic or full-width): Java reads only 0-9. */
        private void rejectNonAsciiDigit() {
            if (pos < s.length() && Character.isDigit(s.codePointAt(pos))) {
                throw error("expected an ASCII digit");
            }
        }

        private void expect(char c) {
            skip();
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("target spec: " + what + " at position " + (pos + 1) + "\n  " + s
                    + "\n  " + " ".repeat(pos) + "^");
        }
    }
}
