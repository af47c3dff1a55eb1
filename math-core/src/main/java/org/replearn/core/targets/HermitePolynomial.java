package org.replearn.core.targets;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.MultiIndex;

/**
 * A polynomial in the multivariate normalized Hermite basis, {@code g(z) = Σ_α c_α h_α(z)}, {@code z ∈ R^r}.
 * Orthonormality under N(0, I_r) gives the exact moments {@code E g = c_0}, {@code E g² = Σ c_α²}. Immutable.
 */
public final class HermitePolynomial {
    /**
     * The largest number of variables {@code r}: a target of r directions needs an r×r Hessian, whose exact
     * construction costs {@code O(r³)} (about a tenth of a second at 256, ten seconds at 1024).
     */
    public static final int MAX_VARIABLES = 256;
    /**
     * Smallest magnitude of a non-zero coefficient: {@code c²} stays a normal double, so second moments and
     * energies keep full relative precision.
     */
    public static final double MIN_COEFFICIENT = 1e-150;
    /** Largest magnitude of a coefficient: {@code c²} stays finite. */
    public static final double MAX_COEFFICIENT = 1e150;

    private final int r;
    private final SortedMap<MultiIndex, Double> terms;
    private final int[][] exponents;
    private final double[] coefficients;
    private final int[] termDegrees;
    private final double[] invSqrtFactorials;
    private final int[] maxDegreePerVariable;
    private final int degree;

    private HermitePolynomial(int r, SortedMap<MultiIndex, Double> terms) {
        this.r = r;
        this.terms = Collections.unmodifiableSortedMap(terms);
        this.exponents = new int[terms.size()][];
        this.coefficients = new double[terms.size()];
        this.termDegrees = new int[terms.size()];
        this.invSqrtFactorials = new double[terms.size()];
        this.maxDegreePerVariable = new int[r];
        int t = 0;
        int p = 0;
        for (Map.Entry<MultiIndex, Double> e : terms.entrySet()) {
            MultiIndex alpha = e.getKey();
            exponents[t] = alpha.toArray();
            coefficients[t] = e.getValue();
            termDegrees[t] = alpha.degree();
            invSqrtFactorials[t] = 1.0 / Math.sqrt(alpha.factorial());
            for (int i = 0; i < r; i++) {
                maxDegreePerVariable[i] = Math.max(maxDegreePerVariable[i], exponents[t][i]);
            }
            p = Math.max(p, alpha.degree());
            t++;
        }
        this.degree = p;
    }

    /** Creates {@code g} from its coefficients; exact zeros are dropped, every index must have {@code r} variables. */
    public static HermitePolynomial of(int r, Map<MultiIndex, Double> coefficients) {
        Builder b = builder(r);
        coefficients.forEach(b::add);
        return b.build();
    }

    /** A builder for a polynomial in {@code 1 <= r <= MAX_VARIABLES} variables. */
    public static Builder builder(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("r = " + r + " must be >= 1: a target depends on at least one direction");
        }
        if (r > MAX_VARIABLES) {
            throw new IllegalArgumentException("r = " + r + " variables exceeds the largest supported " + MAX_VARIABLES
                    + " (a target of r directions needs an r×r Hessian): use fewer directions");
        }
        return new Builder(r);
    }

    /**
     * Accumulates coefficients; {@link #add} sums repeated indices, each exponent at most {@link Hermite#MAX_DEGREE}.
     * {@link #build} requires every non-zero coefficient in {@code [MIN_COEFFICIENT, MAX_COEFFICIENT]} in magnitude
     * and a finite second moment.
     */
    public static final class Builder {
        private final int r;
        private final TreeMap<MultiIndex, Double> terms = new TreeMap<>();

        private Builder(int r) {
            this.r = r;
        }

        /** Adds {@code c} to the coefficient of {@code alpha}. */
        public Builder add(MultiIndex alpha, double c) {
            if (alpha.variables() != r) {
                throw new IllegalArgumentException("multi-index " + alpha + " has " + alpha.variables()
                        + " variables but the polynomial has r = " + r + ": use indices of length r");
            }
            for (int i = 0; i < r; i++) {
                if (alpha.get(i) > Hermite.MAX_DEGREE) {
                    throw new IllegalArgumentException("multi-index " + alpha + " has degree " + alpha.get(i) + " in z"
                            + (i + 1) + ", more than the largest supported Hermite degree " + Hermite.MAX_DEGREE
                            + ": lower the degree");
                }
            }
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("coefficient of " + alpha + " = " + c
                        + " is not finite: pass finite coefficients");
            }
            terms.merge(alpha, c, Double::sum);
            return this;
        }

        /** The polynomial, without zero coefficients; refuses coefficients outside the supported range. */
        public HermitePolynomial build() {
            TreeMap<MultiIndex, Double> nonZero = new TreeMap<>();
            double secondMoment = 0;
            for (Map.Entry<MultiIndex, Double> t : terms.entrySet()) {
                double c = t.getValue();
                if (c == 0.0) {
                    continue;
                }
                if (!(Math.abs(c) >= MIN_COEFFICIENT && Math.abs(c) <= MAX_COEFFICIENT)) {
                    throw new IllegalArgumentException("coefficient " + c + " of " + t.getKey() + " is outside "
                            + String.format(Locale.ROOT, "[%.0e, %.0e]", MIN_COEFFICIENT, MAX_COEFFICIENT)
                            + ": rescale the target");
                }
                secondMoment += c * c;
                nonZero.put(t.getKey(), c);
            }
            if (secondMoment == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("second moment Σc² of " + nonZero.size()
                        + " terms overflows the double range: rescale the target");
            }
            return new HermitePolynomial(r, nonZero);
        }
    }

    /** Number of variables {@code r}. */
    public int variables() {
        return r;
    }

    /** Degree {@code p = max |α|} (0 for the zero polynomial). */
    public int degree() {
        return degree;
    }

    /** True when every coefficient is zero. */
    public boolean isZero() {
        return terms.isEmpty();
    }

    /** Coefficient {@code c_α} (0 when absent). */
    public double coefficient(MultiIndex alpha) {
        return terms.getOrDefault(alpha, 0.0);
    }

    /** The non-zero coefficients, sorted by degree. */
    public SortedMap<MultiIndex, Double> terms() {
        return terms;
    }

    /** {@code g(z)}. */
    public double value(double[] z) {
        return new Evaluator().value(z);
    }

    /** {@code ∇g(z)} into {@code out} (length r). */
    public void gradient(double[] z, double[] out) {
        new Evaluator().gradient(z, out);
    }

    /** {@code ∇²g(z)} into {@code out}, row-major {@code r×r}. */
    public void hessian(double[] z, double[] out) {
        new Evaluator().hessian(z, out);
    }

    /** A reusable evaluator holding per-variable Hermite tables (not thread-safe; one per thread). */
    public Evaluator evaluator() {
        return new Evaluator();
    }

    /** Evaluates {@code g}, {@code ∇g} and {@code ∇²g} without allocating per call. */
    public final class Evaluator {
        private final double[][] h = new double[r][];
        private final double[][] dh = new double[r][];
        private final double[][] d2h = new double[r][];

        private Evaluator() {
            for (int i = 0; i < r; i++) {
                h[i] = new double[maxDegreePerVariable[i] + 1];
                dh[i] = new double[maxDegreePerVariable[i] + 1];
                d2h[i] = new double[maxDegreePerVariable[i] + 1];
            }
        }

        private void tabulate(double[] z, int order) {
            if (z.length != r) {
                throw new IllegalArgumentException("z has length " + z.length + " but the polynomial has r = " + r
                        + " variables: pass z = Ux of length r");
            }
            for (int i = 0; i < r; i++) {
                int k = maxDegreePerVariable[i];
                if (order == 0) {
                    Hermite.values(z[i], k, h[i]);
                } else {
                    Hermite.valuesAndDerivatives(z[i], k, h[i], dh[i]);
                    if (order == 2) {
                        Hermite.secondDerivatives(k, h[i], d2h[i]);
                    }
                }
            }
        }

        /** {@code g(z)}. */
        public double value(double[] z) {
            tabulate(z, 0);
            double sum = 0;
            for (int t = 0; t < coefficients.length; t++) {
                int[] e = exponents[t];
                double prod = coefficients[t];
                for (int i = 0; i < r; i++) {
                    prod *= h[i][e[i]];
                }
                sum += prod;
            }
            return sum;
        }

        /** {@code ∇g(z)} into {@code out}. */
        public void gradient(double[] z, double[] out) {
            tabulate(z, 1);
            Arrays.fill(out, 0, r, 0.0);
            for (int t = 0; t < coefficients.length; t++) {
                int[] e = exponents[t];
                for (int i = 0; i < r; i++) {
                    if (e[i] == 0) {
                        continue;
                    }
                    double prod = coefficients[t];
                    for (int l = 0; l < r; l++) {
                        prod *= l == i ? dh[l][e[l]] : h[l][e[l]];
                    }
                    out[i] += prod;
                }
            }
        }

        /** {@code ∇²g(z)} into {@code out}, row-major r×r. */
        public void hessian(double[] z, double[] out) {
            tabulate(z, 2);
            Arrays.fill(out, 0, r * r, 0.0);
            for (int t = 0; t < coefficients.length; t++) {
                int[] e = exponents[t];
                for (int i = 0; i < r; i++) {
                    for (int j = i; j < r; j++) {
                        double prod = coefficients[t];
                        for (int l = 0; l < r; l++) {
                            double factor;
                            if (i == j && l == i) {
                                factor = d2h[l][e[l]];
                            } else if (l == i || l == j) {
                                factor = dh[l][e[l]];
                            } else {
                                factor = h[l][e[l]];
                            }
                            prod *= factor;
                        }
                        out[i * r + j] += prod;
                    }
                }
            }
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < i; j++) {
                    out[i * r + j] = out[j * r + i];
                }
            }
        }
    }

    /** {@code E g = c_0}. */
    public double mean() {
        return coefficient(MultiIndex.zero(r));
    }

    /** {@code E g² = Σ c_α²}. */
    public double secondMoment() {
        double s = 0;
        for (double c : coefficients) {
            s += c * c;
        }
        return s;
    }

    /** {@code Var g = Σ_{α≠0} c_α²}. */
    public double variance() {
        double c0 = mean();
        return secondMoment() - c0 * c0;
    }

    /** Energy per degree {@code E_k = Σ_{|α|=k} c_α²}, indexed {@code 0..p}. */
    public double[] energyByDegree() {
        double[] e = new double[degree + 1];
        for (Map.Entry<MultiIndex, Double> t : terms.entrySet()) {
            e[t.getKey().degree()] += t.getValue() * t.getValue();
        }
        return e;
    }

    /** {@code Q_k(v) = Σ_{|α|=k} c_α v^α / sqrt(α!)} (docs/math.md §2), so that {@code C_k(f*)[w^{⊗k}] = k! Q_k(Uw)}. */
    public double q(int k, double[] v) {
        checkLength(v);
        double sum = 0;
        for (int t = 0; t < coefficients.length; t++) {
            if (termDegrees[t] != k) {
                continue;
            }
            if (invSqrtFactorials[t] == 0) {
                sum += coefficients[t] * interleaved(exponents[t], v, -1);
                continue;
            }
            double prod = coefficients[t] * invSqrtFactorials[t];
            for (int i = 0; i < r; i++) {
                prod *= pow(v[i], exponents[t][i]);
            }
            sum += prod;
        }
        return sum;
    }

    /** {@code ∇Q_k(v)} into {@code out} (length r). */
    public void gradQ(int k, double[] v, double[] out) {
        checkLength(v);
        Arrays.fill(out, 0, r, 0.0);
        for (int t = 0; t < coefficients.length; t++) {
            if (termDegrees[t] != k) {
                continue;
            }
            int[] e = exponents[t];
            double base = coefficients[t] * invSqrtFactorials[t];
            for (int i = 0; i < r; i++) {
                if (e[i] == 0) {
                    continue;
                }
                if (base == 0) {
                    out[i] += coefficients[t] * e[i] * interleaved(e, v, i);
                    continue;
                }
                double prod = base * e[i];
                for (int l = 0; l < r; l++) {
                    prod *= pow(v[l], l == i ? e[l] - 1 : e[l]);
                }
                out[i] += prod;
            }
        }
    }

    private void checkLength(double[] v) {
        if (v.length != r) {
            throw new IllegalArgumentException("v has length " + v.length + " but the polynomial has r = " + r
                    + " variables: pass v = Uw of length r");
        }
    }

    private static double pow(double x, int e) {
        double p = 1;
        for (int j = 0; j < e; j++) {
            p *= x;
        }
        return p;
    }

    /** {@code c·g}. */
    public HermitePolynomial scaled(double c) {
        Builder b = builder(r);
        terms.forEach((k, v) -> b.add(k, c * v));
        return b.build();
    }

    /**
     * {@code 2^k·g}, exactly: every coefficient is multiplied by a power of two, so every value, moment and
     * derivative of the result is {@code 2^k} (or {@code 4^k}) times that of {@code g} to the last bit. Unlike
     * {@link #scaled}, the coefficients may leave {@code [MIN_COEFFICIENT, MAX_COEFFICIENT]} (to compute at another
     * scale, e.g. with labels of unit size); each must stay a normal double, else {@link IllegalArgumentException}.
     */
    public HermitePolynomial scalb(int k) {
        TreeMap<MultiIndex, Double> scaled = new TreeMap<>();
        for (Map.Entry<MultiIndex, Double> t : terms.entrySet()) {
            double c = Math.scalb(t.getValue(), k);
            if (!Double.isFinite(c) || Math.abs(c) < Double.MIN_NORMAL) {
                throw new IllegalArgumentException("2^" + k + " times the coefficient of " + t.getKey()
                        + " leaves the normal double range: use a smaller power of two");
            }
            scaled.put(t.getKey(), c);
        }
        return new HermitePolynomial(r, scaled);
    }

    /** {@code g + o}; both must have the same number of variables. */
    public HermitePolynomial plus(HermitePolynomial o) {
        if (o.r != r) {
            throw new IllegalArgumentException("cannot add polynomials in " + r + " and " + o.r
                    + " variables: use the same r");
        }
        Builder b = builder(r);
        terms.forEach(b::add);
        o.terms.forEach(b::add);
        return b.build();
    }

    /** {@code g / sqrt(E g²)}, so the result has second moment 1. */
    public HermitePolynomial normalized() {
        double m2 = secondMoment();
        if (!(m2 > 0)) {
            throw new IllegalArgumentException("cannot normalize the zero polynomial: give at least one non-zero coefficient");
        }
        return scaled(1.0 / Math.sqrt(m2));
    }

    /** The terms with {@code |α| >= k} ({@code k = 2} removes the constant and linear parts). */
    public HermitePolynomial withoutDegreesBelow(int k) {
        Builder b = builder(r);
        terms.forEach((alpha, c) -> {
            if (alpha.degree() >= k) {
                b.add(alpha, c);
            }
        });
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HermitePolynomial p && p.r == r && p.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return 31 * r + terms.hashCode();
    }

    /**
     * Spec syntax that {@link TargetSpec#parse} reads back to an equal polynomial, e.g.
     * {@code 0.6*h2(z1) - 0.1*h1(z2)}. Coefficients are printed with {@link Double#toString(double)}, a decimal that
     * parses back to the same double, so the round trip is exact. When the last variable appears in
     * no term, a trailing {@code + 0*h0(zr)} keeps the number of variables.
     */
    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0*h0(z" + r + ")";
        }
        StringBuilder sb = new StringBuilder();
        int lastUsed = 0;
        for (Map.Entry<MultiIndex, Double> t : terms.entrySet()) {
            double c = t.getValue();
            if (sb.length() == 0) {
                sb.append(c < 0 ? "-" : "");
            } else {
                sb.append(c < 0 ? " - " : " + ");
            }
            sb.append(Double.toString(Math.abs(c)));
            MultiIndex alpha = t.getKey();
            if (alpha.degree() > 0) {
                sb.append('*').append(alpha);
            }
            for (int i = 0; i < r; i++) {
                if (alpha.get(i) > 0) {
                    lastUsed = Math.max(lastUsed, i + 1);
                }
            }
        }
        if (lastUsed < r) {
            sb.append(" + 0*h0(z").append(r).append(')');
        }
        return sb.toString();
    }

    /**
     * {@code v^{α − e_skip} / sqrt(α!)} (no {@code e_skip} when {@code skip < 0}) for a multi-index whose {@code α!}
     * overflows a double (degree above 170): the factors {@code v_i / sqrt(j)} are multiplied in turn, so nothing
     * overflows or underflows before the result itself does.
     */
    private static double interleaved(int[] alpha, double[] v, int skip) {
        double prod = 1;
        for (int i = 0; i < alpha.length; i++) {
            int power = i == skip ? alpha[i] - 1 : alpha[i];
            for (int j = 1; j <= alpha[i]; j++) {
                prod /= Math.sqrt(j);
                if (j <= power) {
                    prod *= v[i];
                }
            }
        }
        return prod;
    }
}
