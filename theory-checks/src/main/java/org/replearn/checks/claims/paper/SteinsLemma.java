package org.replearn.checks.claims.paper;

import java.io.Serializable;
import org.apache.commons.rng.UniformRandomProvider;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.QuadratureRule;

/**
 * Stein's lemma {@code E[z F(z)] = E[F'(z)]} for polynomials {@code F = Σ_k c_k h_k} under N(0, 1), checked by exact
 * Gauss–Hermite quadrature against the closed form {@code c_1} ({@code E[z h_k] = δ_{k1}},
 * {@code E[h_k'] = sqrt(k) E[h_{k-1}] = δ_{k1}}), with a floating-point tolerance ({@link HermiteIdentitiesClaim}).
 */
public final class SteinsLemma {
    private SteinsLemma() {
    }

    /**
     * Stein's lemma for {@code F = Σ_k c_k h_k}: {@code E[zF]} and {@code E[F']} by an exact Gauss–Hermite rule of
     * {@code p/2 + 2} points (exact for degree {@code p + 1}), both compared with the closed form {@code c_1}.
     *
     * @param points    quadrature points
     * @param ezf       measured {@code E[zF]}
     * @param edf       measured {@code E[F']}
     * @param error     {@code max(|E[zF] − E[F']|, |E[zF] − c_1|, |E[F'] − c_1|)}
     * @param tolerance {@code S·(1e-13 + 1e-15·(N + 2(p + 1)))} with {@code S = Σ|c_k|·sqrt(2k + 1)}
     */
    public record Check(int points, double ezf, double edf, double error, double tolerance) implements Serializable {
    }

    /** The check of {@link Check} for the coefficients {@code c} (degree {@code c.length − 1 >= 1}). */
    public static Check check(double[] c) {
        int p = c.length - 1;
        double scale = 0;
        for (int k = 0; k <= p; k++) {
            scale += Math.abs(c[k]) * Math.sqrt(2 * k + 1);
        }
        int points = p / 2 + 2;
        QuadratureRule rule = QuadratureRule.gaussHermite(points);
        double[] v = new double[p + 1];
        double[] dv = new double[p + 1];
        double lhs = 0;
        double rhs = 0;
        for (int i = 0; i < points; i++) {
            double z = rule.node(i);
            Hermite.valuesAndDerivatives(z, p, v, dv);
            double f = 0;
            double df = 0;
            for (int k = 0; k <= p; k++) {
                f += c[k] * v[k];
                df += c[k] * dv[k];
            }
            lhs += rule.weight(i) * z * f;
            rhs += rule.weight(i) * df;
        }
        double c1 = p >= 1 ? c[1] : 0;
        double err = Math.max(Math.abs(lhs - rhs), Math.max(Math.abs(lhs - c1), Math.abs(rhs - c1)));
        return new Check(points, lhs, rhs, err, scale * (1e-13 + 1e-15 * (points + 2 * (p + 1))));
    }

    /** The degrees, first coefficients {@code c_1} and Stein checks of a block of random polynomials. */
    public record Block(int[] degree, double[] c1, Check[] checks) implements Serializable {
    }

    /**
     * Stein checks of the random polynomials {@code first … first+count−1} of one stream (the earlier draws replayed
     * first), each of degree uniform in {@code 1…maxPolyDegree} with coefficients uniform in [-1, 1].
     */
    public static Block block(UniformRandomProvider rng, int first, int count, int maxPolyDegree) {
        for (int q = 0; q < first; q++) {
            coefficients(rng, maxPolyDegree);
        }
        int[] degree = new int[count];
        double[] c1 = new double[count];
        SteinsLemma.Check[] checks = new SteinsLemma.Check[count];
        for (int i = 0; i < count; i++) {
            double[] c = coefficients(rng, maxPolyDegree);
            degree[i] = c.length - 1;
            c1[i] = c[1];
            checks[i] = check(c);
        }
        return new Block(degree, c1, checks);
    }

    /** The next random polynomial: degree {@code p} uniform in {@code 1…maxDegree}, {@code c_k} uniform in [-1, 1]. */
    private static double[] coefficients(UniformRandomProvider rng, int maxDegree) {
        int p = 1 + rng.nextInt(maxDegree);
        double[] c = new double[p + 1];
        for (int k = 0; k <= p; k++) {
            c[k] = 2 * rng.nextDouble() - 1;
        }
        return c;
    }
}
