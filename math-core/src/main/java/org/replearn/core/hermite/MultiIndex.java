package org.replearn.core.hermite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A multi-index {@code α ∈ N^r}: the exponent pattern of {@code h_α(z) = Π_i h_{α_i}(z_i)}.
 * Degree {@code |α| = Σ α_i}, factorial {@code α! = Π α_i!}. Immutable; ordered by degree, then
 * lexicographically descending in the first variable (graded reverse-lexicographic).
 */
public final class MultiIndex implements Comparable<MultiIndex> {
    private final int[] exponents;
    private final int degree;

    private MultiIndex(int[] exponents) {
        this.exponents = exponents;
        int sum = 0;
        for (int e : exponents) {
            sum += e;
        }
        this.degree = sum;
    }

    /** Creates {@code α} from its exponents; each must be {@code >= 0} and their sum {@code |α|} must fit an int. */
    public static MultiIndex of(int... exponents) {
        if (exponents.length == 0) {
            throw new IllegalArgumentException("exponents is empty: a multi-index needs at least one variable");
        }
        long degree = 0;
        for (int i = 0; i < exponents.length; i++) {
            if (exponents[i] < 0) {
                throw new IllegalArgumentException("exponents[" + i + "] = " + exponents[i]
                        + " must be >= 0: Hermite degrees are non-negative");
            }
            degree += exponents[i];
        }
        if (degree > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("degree |α| = " + degree + " exceeds " + Integer.MAX_VALUE
                    + ": use smaller exponents");
        }
        return new MultiIndex(exponents.clone());
    }

    /** The zero multi-index in {@code r} variables. */
    public static MultiIndex zero(int r) {
        return new MultiIndex(new int[checkVariables(r)]);
    }

    /** {@code k·e_i} in {@code r} variables (0-based {@code i}). */
    public static MultiIndex unit(int r, int i, int k) {
        int[] e = new int[checkVariables(r)];
        e[i] = k;
        return of(e);
    }

    /**
     * All {@code α ∈ N^r} with {@code |α| <= p}, sorted by degree (count {@code C(p+r, r)}, which must fit a
     * list: at most {@code Integer.MAX_VALUE}).
     */
    public static List<MultiIndex> upToDegree(int r, int p) {
        checkVariables(r);
        checkDegree(p);
        checkCount(r, p, (long) p + r, r);
        List<MultiIndex> out = new ArrayList<>();
        for (int k = 0; k <= p; k++) {
            out.addAll(ofDegree(r, k));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * All {@code α ∈ N^r} with {@code |α| = k}, in descending lexicographic order (count {@code C(k+r-1, r-1)},
     * at most {@code Integer.MAX_VALUE}).
     */
    public static List<MultiIndex> ofDegree(int r, int k) {
        checkVariables(r);
        checkDegree(k);
        checkCount(r, k, (long) k + r - 1, r - 1);
        List<MultiIndex> out = new ArrayList<>();
        int[] cur = new int[r];
        cur[0] = k;
        while (true) {
            out.add(new MultiIndex(cur.clone()));
            // Next in descending lexicographic order: the last non-zero exponent before the end gives one unit to
            // its right neighbour, which also collects the last exponent (those in between are zero).
            int i = r - 2;
            while (i >= 0 && cur[i] == 0) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            int tail = cur[r - 1];
            cur[r - 1] = 0;
            cur[i]--;
            cur[i + 1] += tail + 1;
        }
    }

    private static void checkDegree(int p) {
        if (p < 0) {
            throw new IllegalArgumentException("degree p = " + p + " must be >= 0: pass a non-negative degree");
        }
    }

    /** Refuses an enumeration of {@code C(n, m)} multi-indices that cannot fit a list. */
    private static void checkCount(int r, int p, long n, int m) {
        long count = 1;
        for (int i = 1; i <= m && i <= n - m; i++) {
            count = count * (n - Math.min(m, n - m) + i) / i;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the multi-indices with r = " + r + " and degree " + p
                        + " number more than " + Integer.MAX_VALUE + ": lower r or the degree");
            }
        }
    }

    private static int checkVariables(int r) {
        if (r < 1) {
            throw new IllegalArgumentException("number of variables r = " + r + " must be >= 1");
        }
        return r;
    }

    /** Number of variables {@code r}. */
    public int variables() {
        return exponents.length;
    }

    /** Exponent {@code α_i} (0-based). */
    public int get(int i) {
        return exponents[i];
    }

    /** A copy of the exponents. */
    public int[] toArray() {
        return exponents.clone();
    }

    /** {@code |α| = Σ α_i}. */
    public int degree() {
        return degree;
    }

    /** {@code α! = Π α_i!} as a double; {@code +Infinity} once it exceeds the double range (e.g. any α_i > 170). */
    public double factorial() {
        double f = 1.0;
        for (int e : exponents) {
            for (int j = 2; j <= e; j++) {
                f *= j;
                if (f == Double.POSITIVE_INFINITY) {
                    return f;
                }
            }
        }
        return f;
    }

    /** {@code α + k e_i} (0-based {@code i}); {@code k} may be negative if the result stays non-negative. */
    public MultiIndex plus(int i, int k) {
        int[] e = exponents.clone();
        long sum = (long) e[i] + k;
        if (sum < 0 || sum > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("exponent " + i + " of " + this + " plus " + k + " = " + sum
                    + " is outside [0, " + Integer.MAX_VALUE + "]: keep exponents non-negative ints");
        }
        e[i] = (int) sum;
        return of(e);
    }

    @Override
    public int compareTo(MultiIndex o) {
        if (degree != o.degree) {
            return Integer.compare(degree, o.degree);
        }
        int n = Math.min(exponents.length, o.exponents.length);
        for (int i = 0; i < n; i++) {
            if (exponents[i] != o.exponents[i]) {
                return Integer.compare(o.exponents[i], exponents[i]);
            }
        }
        return Integer.compare(exponents.length, o.exponents.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiIndex m && Arrays.equals(exponents, m.exponents);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(exponents);
    }

    /** Renders as the product of factors, e.g. {@code h2(z1)*h1(z3)}, or {@code 1} for the zero index. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < exponents.length; i++) {
            if (exponents[i] > 0) {
                if (sb.length() > 0) {
                    sb.append('*');
                }
                sb.append('h').append(exponents[i]).append("(z").append(i + 1).append(')');
            }
        }
        return sb.length() == 0 ? "1" : sb.toString();
    }
}
