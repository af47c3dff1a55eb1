package org.replearn.core.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;

/**
 * Parses target links written in the normalized Hermite basis, e.g.
 * {@code 0.6*h2(z1) + 0.8*h2(z1)*h2(z2) - 0.1*h1(z2)}, and names the presets.
 *
 * <p>Grammar: {@code expr := term (('+'|'-') term)*}, {@code term := unary (('*'|'/') unary)*},
 * {@code unary := ('+'|'-') unary | primary}, {@code primary := number | 'sqrt(' expr ')' | 'h'K'(z'I')' | '(' expr ')'},
 * numbers as in {@code 2}, {@code .5}, {@code 1e-3}. {@code hK(zI)} is {@code h_K} of the I-th coordinate of
 * {@code z = Ux} (K ≥ 0, I ≥ 1); the number of variables r is the largest I. Products of polynomials are expanded
 * exactly: factors in distinct variables multiply term by term, and two factors in one variable are linearized,
 * {@code h_a h_b = Σ_{k=0}^{min(a,b)} sqrt(C(a,k) C(b,k) C(a+b-2k, a-k)) h_{a+b-2k}}. Division and {@code sqrt}
 * take constants only. A malformed spec raises an {@link IllegalArgumentException} quoting the spec with a caret
 * under the offending character.
 *
 * <p>Presets (all normalized to {@code E f*² = 1}, no constant or linear part):
 * <ul>
 *   <li>{@code single-h2} = {@code h2(z1)}: the reference demo of THEORY §4; {@code G₂ = sqrt(2)}.</li>
 *   <li>{@code single-h3} = {@code h3(z1)}: pure degree 3, {@code G₂ = 0}: degenerate, the first step cannot
 *       find the direction (a negative example).</li>
 *   <li>{@code single-h4} = {@code sqrt(0.5)*h2(z1) + sqrt(0.5)*h4(z1)}: single index, half the energy in degree 2
 *       (so {@code G₂ = 1}, non-degenerate) and half in degree 4 (out of reach of kernels at {@code n ≍ d²}).</li>
 *   <li>{@code multi-deg3} = {@code sqrt(0.5)*(h2(z1)+h2(z2))/sqrt(2) + sqrt(0.5)*h2(z1)*h1(z2)}: two directions,
 *       energy 0.5 in degree 2 ({@code G₂ = sqrt(0.5) I}) and 0.5 in degree 3.</li>
 *   <li>{@code multi-deg4} = {@code sqrt(0.3)*(h2(z1)+h2(z2))/sqrt(2) + sqrt(0.7)*h2(z1)*h2(z2)}: two directions,
 *       energy 0.3 in degree 2 ({@code G₂ = sqrt(0.3) I}) and 0.7 in degree 4.</li>
 *   <li>{@code transfer-source} = {@code (h2(z1)+h2(z2))/sqrt(2)}: source head for transfer learning, degree 2 on
 *       two directions, {@code G₂ = I} ({@code κ = 1}).</li>
 *   <li>{@code transfer-target} = {@code sqrt(0.5)*h1(z1)*h1(z2) + sqrt(0.5)*h3(z2)}: target head on the same two
 *       directions, degrees 2 and 3 (its own {@code G₂} has eigenvalues {@code ±sqrt(0.5)}).</li>
 * </ul>
 */
public final class TargetSpec {
    private static final Map<String, String> PRESETS = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        preset("single-h2", "h2(z1)",
                "single-index h_2(w*·x), the reference demo of THEORY §4 (unit variance)");
        preset("single-h3", "h3(z1)", "single-index h_3: degree 3, G2 = 0 (degenerate: the first step cannot find w*)");
        preset("single-h4", "sqrt(0.5)*h2(z1) + sqrt(0.5)*h4(z1)",
                "single-index, half the energy in degree 2 and half in degree 4 (unit variance)");
        preset("multi-deg4", "sqrt(0.3)*(h2(z1)+h2(z2))/sqrt(2) + sqrt(0.7)*h2(z1)*h2(z2)",
                "two directions, 30% of the energy in degree 2 and 70% in degree 4 (unit variance)");
        preset("multi-deg3", "sqrt(0.5)*(h2(z1)+h2(z2))/sqrt(2) + sqrt(0.5)*h2(z1)*h1(z2)",
                "two directions, half the energy in degree 2 and half in degree 3 (unit variance)");
        preset("transfer-source", "(h2(z1)+h2(z2))/sqrt(2)",
                "source head for transfer learning: degree 2 on two directions, G2 = I (unit variance)");
        preset("transfer-target", "sqrt(0.5)*h1(z1)*h1(z2) + sqrt(0.5)*h3(z2)",
                "target head for transfer learning on the same two directions: degrees 2 and 3 (unit variance)");
    }

    private TargetSpec() {
    }

    private static void preset(String name, String spec, String description) {
        PRESETS.put(name, spec);
        DESCRIPTIONS.put(name, description);
    }

    /** The preset names. */
    public static SortedSet<String> presetNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(PRESETS.keySet()));
    }

    /** The spec string of a preset. */
    public static String presetSpec(String name) {
        String spec = PRESETS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown target preset '" + name + "': use one of " + presetNames()
                    + " or write a spec such as 0.6*h2(z1) + 0.8*h2(z1)*h2(z2)");
        }
        return spec;
    }

    /** One-line description of a preset. */
    public static String presetDescription(String name) {
        presetSpec(name);
        return DESCRIPTIONS.get(name);
    }

    /** The link of a preset. */
    public static HermitePolynomial preset(String name) {
        return parse(presetSpec(name));
    }

    /** A preset name (surrounding blanks ignored) or a spec. */
    public static HermitePolynomial resolve(String specOrPreset) {
        if (specOrPreset != null && PRESETS.containsKey(specOrPreset.trim())) {
            return preset(specOrPreset.trim());
        }
        return parse(specOrPreset);
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
                    + presetNames());
        }
        Poly poly = new Parser(spec).parse();
        int r = Math.max(minVariables, poly.maxVariable);
        HermitePolynomial.Builder b = HermitePolynomial.builder(r);
        for (Map.Entry<TreeMap<Integer, Integer>, Double> t : poly.terms.entrySet()) {
            if (!Double.isFinite(t.getValue())) {
                throw new IllegalArgumentException("target spec: a coefficient overflows the double range in '" + spec
                        + "': use smaller constants");
            }
            int[] e = new int[r];
            t.getKey().forEach((var, deg) -> e[var - 1] = deg);
            b.add(MultiIndex.of(e), t.getValue());
        }
        HermitePolynomial g = b.build();
        if (g.isZero()) {
            throw new IllegalArgumentException("degenerate target: all coefficients of '" + spec
                    + "' are zero; give a non-zero polynomial");
        }
        return g;
    }

    /**
     * Sparse polynomial during parsing: each key maps 1-based variables to positive degrees; {@code maxVariable}
     * is the largest variable named so far (also by {@code h0(zI)}).
     */
    private static final class Poly {
        final Map<TreeMap<Integer, Integer>, Double> terms = new LinkedHashMap<>();
        final int maxVariable;

        Poly(int maxVariable) {
            this.maxVariable = maxVariable;
        }

        static Poly constant(double c) {
            Poly p = new Poly(0);
            p.terms.put(new TreeMap<>(), c);
            return p;
        }

        /** The constant value, or null when a non-constant term has a non-zero coefficient. */
        Double constantValue() {
            double c = 0;
            for (Map.Entry<TreeMap<Integer, Integer>, Double> t : terms.entrySet()) {
                if (t.getKey().isEmpty()) {
                    c += t.getValue();
                } else if (t.getValue() != 0.0) {
                    return null;
                }
            }
            return c;
        }

        Poly plus(Poly o, double sign) {
            Poly p = new Poly(Math.max(maxVariable, o.maxVariable));
            p.terms.putAll(terms);
            o.terms.forEach((k, v) -> p.terms.merge(k, sign * v, Double::sum));
            return p;
        }

        Poly scale(double c) {
            Poly p = new Poly(maxVariable);
            terms.forEach((k, v) -> p.terms.put(k, c * v));
            return p;
        }

        Poly times(Poly o) {
            Poly p = new Poly(Math.max(maxVariable, o.maxVariable));
            for (Map.Entry<TreeMap<Integer, Integer>, Double> a : terms.entrySet()) {
                for (Map.Entry<TreeMap<Integer, Integer>, Double> b : o.terms.entrySet()) {
                    multiplyBasis(a.getKey(), b.getKey(), a.getValue() * b.getValue(), p);
                }
            }
            return p;
        }

        /** Adds {@code c h_α h_β} to {@code into}, linearizing the variables that α and β share. */
        private static void multiplyBasis(TreeMap<Integer, Integer> alpha, TreeMap<Integer, Integer> beta, double c,
                Poly into) {
            TreeMap<Integer, Integer> disjoint = new TreeMap<>(alpha);
            List<int[]> shared = new ArrayList<>();
            for (Map.Entry<Integer, Integer> f : beta.entrySet()) {
                Integer a = disjoint.remove(f.getKey());
                if (a == null) {
                    disjoint.put(f.getKey(), f.getValue());
                } else {
                    shared.add(new int[] {f.getKey(), a, f.getValue()});
                }
            }
            Map<TreeMap<Integer, Integer>, Double> partial = new LinkedHashMap<>();
            partial.put(disjoint, c);
            for (int[] s : shared) {
                Map<TreeMap<Integer, Integer>, Double> next = new LinkedHashMap<>();
                for (Map.Entry<TreeMap<Integer, Integer>, Double> t : partial.entrySet()) {
                    for (int k = 0; k <= Math.min(s[1], s[2]); k++) {
                        TreeMap<Integer, Integer> key = new TreeMap<>(t.getKey());
                        int degree = s[1] + s[2] - 2 * k;
                        if (degree > 0) {
                            key.put(s[0], degree);
                        }
                        next.merge(key, t.getValue() * Hermite.productCoefficient(s[1], s[2], k), Double::sum);
                    }
                }
                partial = next;
            }
            partial.forEach((k, v) -> into.terms.merge(k, v, Double::sum));
        }
    }

    private static final class Parser {
        private final String s;
        private int pos;

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
                if (peek('+')) {
                    pos++;
                    p = p.plus(term(), 1);
                } else if (peek('-')) {
                    pos++;
                    p = p.plus(term(), -1);
                } else {
                    return p;
                }
            }
        }

        private Poly term() {
            Poly p = unary();
            while (true) {
                skip();
                if (peek('*')) {
                    pos++;
                    p = p.times(unary());
                } else if (peek('/')) {
                    pos++;
                    skip();
                    int at = pos;
                    Double c = unary().constantValue();
                    if (c == null || c == 0.0) {
                        pos = at;
                        throw error("expected a non-zero constant divisor (division only by constants)");
                    }
                    p = p.scale(1.0 / c);
                } else {
                    return p;
                }
            }
        }

        private Poly unary() {
            skip();
            if (peek('-')) {
                pos++;
                return unary().scale(-1);
            }
            if (peek('+')) {
                pos++;
                return unary();
            }
            return primary();
        }

        private Poly primary() {
            skip();
            if (pos >= s.length()) {
                throw error("expected a number, hK(zI), sqrt(...) or '('");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Poly p = expr();
                expect(')');
                return p;
            }
            if (s.startsWith("sqrt", pos)) {
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
                return Poly.constant(Math.sqrt(v));
            }
            if (c == 'h') {
                pos++;
                int k = integer("Hermite degree after 'h'");
                expect('(');
                skip();
                if (!peek('z')) {
                    throw error("expected 'z' (write hK(zI), e.g. h2(z1))");
                }
                pos++;
                int at = pos;
                int var = integer("variable index after 'z'");
                if (var < 1) {
                    pos = at;
                    throw error("expected a variable index >= 1 (z1, z2, ...)");
                }
                expect(')');
                Poly p = new Poly(var);
                TreeMap<Integer, Integer> key = new TreeMap<>();
                if (k > 0) {
                    key.put(var, k);
                }
                p.terms.put(key, 1.0);
                return p;
            }
            if (Character.isDigit(c) || c == '.') {
                return Poly.constant(number());
            }
            throw error("expected a number, hK(zI), sqrt(...) or '('");
        }

        private double number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            double v;
            try {
                v = Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected a number such as 2, 0.5 or 1e-3");
            }
            if (!Double.isFinite(v)) {
                pos = start;
                throw error("expected a number within the double range");
            }
            return v;
        }

        private int integer(String what) {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected " + what);
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected a smaller " + what);
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
