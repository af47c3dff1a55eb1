package org.replearn.checks.claims.paper;

import org.replearn.checks.claims.api.Claim;
import org.replearn.checks.claims.api.ClaimResult;
import org.replearn.checks.claims.api.RunContext;
import org.replearn.checks.claims.api.Sweep;
import org.replearn.checks.claims.stats.Format;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.replearn.core.data.Stream;
import org.replearn.core.hermite.Hermite;
import org.replearn.core.hermite.QuadratureRule;

/**
 * Claim 1 (docs/math.md §1): the normalized Hermite polynomials are orthonormal under N(0,1), and Stein's lemma
 * {@code E[z F(z)] = E[F'(z)]} holds for polynomials {@code F = Σ c_k h_k}.
 *
 * <p>Measurement. Orthonormality: {@code E[h_j h_k]} for all {@code j, k <= K} by the {@code N = max(j,k)+1}-point
 * Gauss–Hermite rule, which is exact for degree {@code 2N-1 >= j+k}, so the only error is floating point. Stein:
 * random coefficient vectors {@code c ∈ [-1,1]^{p+1}}; both sides by a rule exact for degree {@code p+1}; both must
 * equal {@code c_1} (because {@code E[z h_k] = δ_{k1}} and {@code E[h_k'] = sqrt(k) E[h_{k-1}] = δ_{k1}}).
 *
 * <p>Tolerance (a floating-point bound, not a statistical one). For one quadrature sum of {@code Σ_i w_i u(x_i)}
 * with {@code Σ_i w_i |u(x_i)| <= S}: the weights carry a relative error {@code <= 1e-13} (documented accuracy of
 * {@link QuadratureRule}), contributing {@code 1e-13·S}; the nodes a relative error {@code <= 1e-15}, which moves
 * {@code h_j h_k} by about {@code (j+k)·1e-15} relative (its logarithmic derivative at a node is {@code <= j+k}
 * there); the recurrence and the {@code N}-term sum add {@code N·ε}. Hence
 * {@code tol = S·(1e-13 + 1e-15·(N + 2(j+k)))}. For orthonormality {@code S <= 1} by Cauchy–Schwarz and
 * exactness; for Stein {@code S <= Σ_k |c_k| sqrt(2k+1)} (because {@code E[z² h_k²] = 2k+1}).
 */
public final class HermiteIdentitiesClaim extends SingleRun {
    /** The claim id. */
    public static final String ID = "hermite-identities";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String statement() {
        return "Normalized Hermite polynomials are orthonormal under N(0,1) and satisfy Stein's lemma E[zF(z)] = E[F'(z)]"
                + " (computed by exact Gauss-Hermite quadrature)";
    }

    @Override
    ClaimResult run(RunContext ctx) {
        int maxDegree = ctx.scale().pick(60, 150);
        int polynomials = ctx.scale().pick(200, 1000);
        int maxPolyDegree = ctx.scale().pick(30, 80);
        int total = maxDegree + 1 + polynomials;

        Sweep.Builder ortho = Sweep.table("hermite-orthonormality", "j", "k", "points", "measured", "predicted",
                "abs_error", "tolerance");
        double worstOrtho = 0;
        double worstOrthoRatio = 0;
        double[] h = new double[maxDegree + 1];
        for (int top = 0; top <= maxDegree; top++) {
            int points = top + 1;
            QuadratureRule rule = QuadratureRule.gaussHermite(points);
            double[][] values = new double[points][];
            for (int i = 0; i < points; i++) {
                Hermite.values(rule.node(i), top, h);
                values[i] = java.util.Arrays.copyOf(h, top + 1);
            }
            for (int j = 0; j <= top; j++) {
                double s = 0;
                for (int i = 0; i < points; i++) {
                    s += rule.weight(i) * values[i][j] * values[i][top];
                }
                double predicted = j == top ? 1 : 0;
                double err = Math.abs(s - predicted);
                double tol = 1e-13 + 1e-15 * (points + 2 * (j + top));
                worstOrtho = Math.max(worstOrtho, err);
                worstOrthoRatio = Math.max(worstOrthoRatio, err / tol);
                ortho.row(j, top, points, s, predicted, err, tol);
            }
            ctx.progress().update(top + 1, total);
        }

        Sweep.Builder stein = Sweep.table("hermite-stein", "polynomial", "degree", "points", "e_zf", "e_df", "c1",
                "abs_error", "tolerance");
        UniformRandomProvider rng = ctx.seedsFor(ID).rng(Stream.CHECK);
        double worstStein = 0;
        double worstSteinRatio = 0;
        for (int q = 0; q < polynomials; q++) {
            int p = 1 + rng.nextInt(maxPolyDegree);
            double[] c = new double[p + 1];
            for (int k = 0; k <= p; k++) {
                c[k] = 2 * rng.nextDouble() - 1;
            }
            SteinCheck check = stein(c);
            worstStein = Math.max(worstStein, check.error());
            worstSteinRatio = Math.max(worstSteinRatio, check.error() / check.tolerance());
            stein.row(q, p, check.points(), check.ezf(), check.edf(), c[1], check.error(), check.tolerance());
            ctx.progress().update(maxDegree + 2 + q, total);
        }

        boolean holds = worstOrthoRatio <= 1 && worstSteinRatio <= 1;
        double physicistsRatio = physicistsOrthonormality(Math.min(maxDegree, PHYSICISTS_MAX_DEGREE));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("max_degree_orthonormality", maxDegree);
        details.put("stein_polynomials", polynomials);
        details.put("stein_max_degree", maxPolyDegree);
        details.put("orthonormality_max_abs_error", worstOrtho);
        details.put("orthonormality_max_error_over_tolerance", worstOrthoRatio);
        details.put("stein_max_abs_error", worstStein);
        details.put("stein_max_error_over_tolerance", worstSteinRatio);
        return ClaimResult.builder(ID, statement())
                .predicted("E[h_j h_k] = δ_jk for j,k <= " + maxDegree + "; E[zF] = E[F'] = c_1 for " + polynomials
                        + " random F of degree <= " + maxPolyDegree)
                .measured("max error " + Format.fmt(worstOrtho) + " (orthonormality), " + Format.fmt(worstStein)
                        + " (Stein); max error/tolerance " + Format.fmt(Math.max(worstOrthoRatio, worstSteinRatio)))
                .tolerance("per entry S·(1e-13 + 1e-15·(N + 2(j+k)))")
                .rationale("Quadrature is exact for these degrees, so only floating point remains: quadrature weights are accurate"
                        + " to 1e-13 relative, nodes to 1e-15 (moving h_j h_k by (j+k)·1e-15), and the N-term sum adds"
                        + " N·ε; S bounds Σ w_i|integrand| (1 by Cauchy-Schwarz for orthonormality, Σ|c_k|sqrt(2k+1)"
                        + " for Stein).")
                .holds(holds)
                .control("Hermite in the physicists' convention (H_k/sqrt(2^k k!), orthonormal for e^{-x²}) under the"
                        + " probabilists' N(0,1) rule", physicistsRatio > 1,
                        "max error/tolerance " + Format.fmt(physicistsRatio) + " on E[h_j h_k] = δ_jk, j,k <= "
                        + Math.min(maxDegree, PHYSICISTS_MAX_DEGREE))
                .details(details)
                .sweeps(List.of(ortho.build(), stein.build()))
                .plots(List.of())
                .build();
    }

    /**
     * Stein's lemma for {@code F = Σ_k c_k h_k}: {@code E[zF]} and {@code E[F']} by an exact Gauss–Hermite rule of
     * {@code p/2 + 2} points (exact for degree {@code p + 1}), both compared with the closed form {@code c_1}.
     *
     * @param points    quadrature points
     * @param ezf       measured {@code E[zF]}
     * @param edf       measured {@code E[F']}
     * @param error     {@code max(|E[zF] − E[F']|, |E[zF] − c_1|, |E[F'] − c_1|)}
     * @param tolerance {@code S·(1e-13 + 1e-15·(N + 2(p + 1)))} with {@code S = Σ|c_k|·sqrt(2k + 1)}: every term of
     *                  either side is at most {@code |c_k|·sqrt(2k+1)} in size (the bound of {@code |z h_k|} and
     *                  {@code |h_k'|} in mean square), the rule's nodes and weights are accurate to about 1e-13,
     *                  and the sums add rounding of order {@code (N + 2(p+1))·ε}
     */
    public record SteinCheck(int points, double ezf, double edf, double error, double tolerance) {
    }

    /** The Stein check of {@link SteinCheck} for the coefficients {@code c} (degree {@code c.length − 1 >= 1}). */
    public static SteinCheck stein(double[] c) {
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
        return new SteinCheck(points, lhs, rhs, err, scale * (1e-13 + 1e-15 * (points + 2 * (p + 1))));
    }

    /** Degrees of the physicists' control (their unnormalized values stay exact in double precision). */
    private static final int PHYSICISTS_MAX_DEGREE = 12;

    /**
     * The negative control of the orthonormality check: the worst error/tolerance of {@code E[H̃_j H̃_k] = δ_jk} for the
     * physicists' normalized polynomials {@code H̃_k = H_k/sqrt(2^k k!)} ({@code H_{k+1} = 2zH_k − 2kH_{k−1}}), which
     * are orthonormal for the weight {@code e^{−x²}}, not under N(0, 1): the mix-up the rescaling of docs/math.md §1 avoids.
     * It must fail the same tolerance as the claim ({@code E[H̃_1²] = 2} already).
     */
    static double physicistsOrthonormality(int maxDegree) {
        int points = maxDegree + 1;
        QuadratureRule rule = QuadratureRule.gaussHermite(points);
        double worst = 0;
        double[] h = new double[maxDegree + 1];
        for (int j = 0; j <= maxDegree; j++) {
            for (int k = 0; k <= j; k++) {
                double s = 0;
                for (int i = 0; i < points; i++) {
                    physicists(rule.node(i), h);
                    s += rule.weight(i) * h[j] * h[k];
                }
                double tol = 1e-13 + 1e-15 * (points + 2 * (j + k));
                worst = Math.max(worst, Math.abs(s - (j == k ? 1 : 0)) / tol);
            }
        }
        return worst;
    }

    /** {@code H_k(z)/sqrt(2^k k!)} for {@code k < out.length}. */
    private static void physicists(double z, double[] out) {
        double prev = 1;
        double cur = 2 * z;
        double norm = 1;
        out[0] = 1;
        for (int k = 1; k < out.length; k++) {
            norm *= 2.0 * k;
            out[k] = cur / Math.sqrt(norm);
            double next = 2 * z * cur - 2 * k * prev;
            prev = cur;
            cur = next;
        }
    }
}
