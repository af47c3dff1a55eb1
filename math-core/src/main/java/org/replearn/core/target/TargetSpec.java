package org.replearn.core.target;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.replearn.core.hermite.MultiIndex;

/**
 * Parses target links written in the normalized Hermite basis, e.g.
 * {@code 0.6*h2(z1) + 0.8*h2(z1)*h2(z2) - 0.1*h1(z2)}, and names the presets.
 *
 * <p>Grammar: {@code expr := term (('+'|'-') term)*}, {@code term := unary (('*'|'/') unary)*},
 * {@code unary := ('+'|'-') unary | primary}, {@code primary := number | 'sqrt(' expr ')' | 'h'K'(z'I')' | '(' expr ')'}.
 * {@code hK(zI)} is {@code h_K} of the I-th coordinate of {@code z = Ux} (I from 1); the number of variables is
 * the largest I. Products must multiply distinct variables (a product of two factors in one variable is not a
 * basis element); division and {@code sqrt} take constants only.
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

    /** A preset name or a spec. */
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

    /** Parses a spec into a polynomial in {@code max(minVariables, largest z index)} variables. */
    public static HermitePolynomial parse(String spec, int minVariables) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("target spec is empty: write e.g. h2(z1) or a preset name "
                    + presetNames());
        }
        Parser p = new Parser(spec);
        Poly poly = p.parse();
        int r = Math.max(minVariables, poly.maxVariable());
        HermitePolynomial.Builder b = HermitePolynomial.builder(r);
        for (Map.Entry<TreeMap<Integer, Integer>, Double> t : poly.terms.entrySet()) {
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

    /** Sparse polynomial during parsing: variable → degree maps (1-based variables) with coefficients. */
    private static final class Poly {
        final Map<TreeMap<Integer, Integer>, Double> terms = new LinkedHashMap<>();

        static Poly constant(double c) {
            Poly p = new Poly();
            p.terms.put(new TreeMap<>(), c);
            return p;
        }

        Double constantValue() {
            if (terms.isEmpty()) {
                return 0.0;
            }
            for (TreeMap<Integer, Integer> k : terms.keySet()) {
                if (!k.isEmpty() && terms.get(k) != 0.0) {
                    return null;
                }
            }
            return terms.getOrDefault(new TreeMap<Integer, Integer>(), 0.0);
        }

        Poly plus(Poly o, double sign) {
            Poly p = new Poly();
            p.terms.putAll(terms);
            o.terms.forEach((k, v) -> p.terms.merge(k, sign * v, Double::sum));
            return p;
        }

        Poly scale(double c) {
            Poly p = new Poly();
            terms.forEach((k, v) -> p.terms.put(k, c * v));
            return p;
        }

        /** Product; null when two factors share a variable. */
        Poly times(Poly o) {
            Poly p = new Poly();
            for (Map.Entry<TreeMap<Integer, Integer>, Double> a : terms.entrySet()) {
                for (Map.Entry<TreeMap<Integer, Integer>, Double> b : o.terms.entrySet()) {
                    TreeMap<Integer, Integer> k = new TreeMap<>(a.getKey());
                    for (Map.Entry<Integer, Integer> f : b.getKey().entrySet()) {
                        if (k.containsKey(f.getKey())) {
                            return null;
                        }
                        k.put(f.getKey(), f.getValue());
                    }
                    p.terms.merge(k, a.getValue() * b.getValue(), Double::sum);
                }
            }
            return p;
        }

        int maxVariable() {
            int m = 0;
            for (TreeMap<Integer, Integer> k : terms.keySet()) {
                if (!k.isEmpty()) {
                    m = Math.max(m, k.lastKey());
                }
            }
            return m;
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
                    int at = pos;
                    Poly q = unary();
                    Poly prod = p.times(q);
                    if (prod == null) {
                        pos = at;
                        throw error("product of two Hermite factors in the same variable; h_a(z)*h_b(z) is not a basis"
                                + " element: expand it in the Hermite basis first");
                    }
                    p = prod;
                } else if (peek('/')) {
                    pos++;
                    int at = pos;
                    Double c = unary().constantValue();
                    if (c == null || c == 0.0) {
                        pos = at;
                        throw error("division only by a non-zero constant");
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
                int at = pos;
                Double v = expr().constantValue();
                if (v == null || v < 0) {
                    pos = at;
                    throw error("sqrt takes a non-negative constant");
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
                    throw error("variable indices start at 1 (z1, z2, ...)");
                }
                expect(')');
                Poly p = new Poly();
                TreeMap<Integer, Integer> key = new TreeMap<>();
                if (k > 0) {
                    key.put(var, k);
                }
                p.terms.put(key, 1.0);
                if (k == 0) {
                    // h0 = 1 still names the variable, so it counts towards r.
                    p.terms.put(new TreeMap<>(Map.of(var, 0)), 0.0);
                }
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
            try {
                return Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException e) {
                pos = start;
                throw error("malformed number");
            }
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
                throw error(what + " is too large");
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
