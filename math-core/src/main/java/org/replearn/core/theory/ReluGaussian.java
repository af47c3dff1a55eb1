package org.replearn.core.theory;

import org.replearn.core.Validate;

/**
 * Exact Gaussian expectations of the ReLU {@code σ(t) = max(t, 0)}. For {@code u ~ N(μ, s²)}, {@code a = μ/s}:
 * <pre>E σ(u) = μ Φ(a) + s φ(a),   E σ(u)² = (μ² + s²) Φ(a) + μ s φ(a),   E σ'(u) = Φ(a).</pre>
 * For jointly Gaussian {@code (u, v)} with means {@code μ₁, μ₂}, standard deviations {@code s₁, s₂ > 0}, covariance
 * {@code c = ρ s₁ s₂}, {@code a_i = μ_i/s_i}, {@code q = sqrt(1 - ρ²)}, {@code z₁ = (a₂ - ρa₁)/q},
 * {@code z₂ = (a₁ - ρa₂)/q} (moments of the truncated bivariate normal, Rosenbaum 1961, by Stein's lemma):
 * <pre>E σ(u)σ(v) = s₁s₂ [ (a₁a₂ + ρ) Φ₂(a₁, a₂; ρ) + a₂ φ(a₁) Φ(z₁) + a₁ φ(a₂) Φ(z₂) + q φ(a₁) φ(z₁) ].</pre>
 * At {@code ρ = 1} it is {@code s₁s₂[(a₁a₂ + 1) Φ(t) + (a₁ + a₂ - t) φ(t)]}, {@code t = min(a₁, a₂)}; at
 * {@code ρ = -1} it is {@code s₁s₂[(a₁a₂ - 1) P + a₂ φ(a₁) + a₁ φ(a₂)]}, {@code P = P(-a₁ < Z < a₂)}, and 0 when
 * {@code a₁ + a₂ <= 0}. A variable with {@code s = 0} is the constant {@code σ(μ)}; one with {@code |a| > 40} is
 * treated as always off ({@code a < -40}: {@code σ(u) = 0}) or always on ({@code a > 40}: {@code σ(u) = u}), which
 * changes no result by more than {@code φ(40) < 1e-347}: {@code E σ(u)σ(v) = μ₁ E σ(v) + c Φ(a₂)} for an always-on
 * {@code u}.
 *
 * <p>Near {@code |ρ| = 1}, {@code a₂ - ρa₁} is evaluated as {@code (a₂ - a₁) + (1 - ρ)a₁} (or
 * {@code (a₂ + a₁) - (1 + ρ)a₁}) and {@code q} as {@code sqrt((1 - ρ)(1 + ρ))}, so that {@code z₁, z₂} keep their
 * relative accuracy when {@code q} is small; the terms of order {@code q} then cancel without loss. {@code Φ₂} is
 * {@link BivariateNormal}.
 */
public final class ReluGaussian {
    /** {@code |μ/s|} beyond which {@code σ(u)} is treated as identically 0 or as {@code u}. */
    static final double SATURATION = 40;
    static final byte OFF = 0;
    static final byte LINEAR = 1;
    static final byte GENERIC = 2;

    private ReluGaussian() {
    }

    /** {@code E σ(u)}, {@code u ~ N(μ, s²)}. */
    public static double mean(double mu, double s) {
        return new Units(new double[] {check("mu", mu)}, new double[] {checkSd("s", s)}).mean[0];
    }

    /** {@code E σ(u)²}, {@code u ~ N(μ, s²)}. */
    public static double secondMoment(double mu, double s) {
        return new Units(new double[] {check("mu", mu)}, new double[] {checkSd("s", s)}).second(0);
    }

    /**
     * {@code E σ(u)σ(v)} for jointly Gaussian {@code (u, v)} with means {@code μ₁, μ₂}, standard deviations
     * {@code s₁, s₂ >= 0} and covariance {@code c}, {@code |c| <= s₁s₂} (a relative excess of {@code 1e-12} from
     * rounding is tolerated and clamped).
     */
    public static double product(double mu1, double s1, double mu2, double s2, double cov) {
        Units u = new Units(new double[] {check("mu1", mu1), check("mu2", mu2)},
                new double[] {checkSd("s1", s1), checkSd("s2", s2)});
        check("cov", cov);
        if (Math.abs(cov) > s1 * s2 * (1 + 1e-12)) {
            throw new IllegalArgumentException("cov = " + cov + " exceeds s1·s2 = " + s1 * s2
                    + " in magnitude: not a covariance (Cauchy–Schwarz); pass |cov| <= s1·s2");
        }
        return u.product(0, 1, cov, s1 * s2);
    }

    private static double check(String name, double v) {
        return Validate.finite(name, v);
    }

    private static double checkSd(String name, double s) {
        return Validate.nonNegative(name, s, "a standard deviation is >= 0");
    }

    /**
     * Per-variable data for many pre-activations {@code u_j ~ N(μ_j, s_j²)}: the kind (off, linear, generic),
     * {@code a_j = μ_j/s_j}, {@code Φ(a_j)}, {@code Φ(-a_j)}, {@code φ(a_j)}, {@code E σ(u_j)} and
     * {@code E σ'(u_j)}. Computed once, read by the O(m²) pair loop of {@link PopulationError}.
     */
    static final class Units {
        final byte[] kind;
        final double[] mu;
        final double[] s;
        final double[] a;
        final double[] cdf;
        final double[] ccdf;
        final double[] pdf;
        final double[] mean;
        final double[] slope;

        Units(double[] mu, double[] s) {
            int m = mu.length;
            this.kind = new byte[m];
            this.mu = mu;
            this.s = s;
            this.a = new double[m];
            this.cdf = new double[m];
            this.ccdf = new double[m];
            this.pdf = new double[m];
            this.mean = new double[m];
            this.slope = new double[m];
            for (int j = 0; j < m; j++) {
                double aj = s[j] > 0 ? mu[j] / s[j]
                        : mu[j] > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                if (aj > SATURATION) {
                    kind[j] = LINEAR;
                    mean[j] = mu[j];
                    slope[j] = 1;
                } else if (aj < -SATURATION) {
                    kind[j] = OFF;
                } else {
                    kind[j] = GENERIC;
                    a[j] = aj;
                    cdf[j] = Gaussian.cdf(aj);
                    ccdf[j] = Gaussian.cdf(-aj);
                    pdf[j] = Gaussian.density(aj);
                    mean[j] = mu[j] * cdf[j] + s[j] * pdf[j];
                    slope[j] = cdf[j];
                }
            }
        }

        /** {@code E σ(u_j)²}. */
        double second(int j) {
            switch (kind[j]) {
                case LINEAR:
                    return mu[j] * mu[j] + s[j] * s[j];
                case GENERIC:
                    return (mu[j] * mu[j] + s[j] * s[j]) * cdf[j] + mu[j] * s[j] * pdf[j];
                default:
                    return 0;
            }
        }

        /**
         * {@code E σ(u_j)σ(u_k)} given the covariance {@code c} and {@code sd = sqrt(s_j² s_k²)} (passed in so that
         * identical or opposite weight vectors give {@code ρ = ±1} exactly).
         */
        double product(int j, int k, double c, double sd) {
            byte kj = kind[j];
            byte kk = kind[k];
            if (kj == OFF || kk == OFF) {
                return 0;
            }
            if (kj == LINEAR) {
                return kk == LINEAR ? mu[j] * mu[k] + c : mu[j] * mean[k] + c * cdf[k];
            }
            if (kk == LINEAR) {
                return mu[k] * mean[j] + c * cdf[j];
            }
            double rho = sd > 0 && sd < Double.POSITIVE_INFINITY ? c / sd : (c / s[j]) / s[k];
            rho = Math.max(-1, Math.min(1, rho));
            return s[j] * s[k] * standardized(a[j], cdf[j], ccdf[j], pdf[j], a[k], cdf[k], ccdf[k], pdf[k], rho);
        }
    }

    /** {@code E σ(a₁ + Z₁) σ(a₂ + Z₂)} for standard {@code (Z₁, Z₂)} with correlation {@code ρ ∈ [-1, 1]}. */
    static double standardized(double a1, double cdf1, double ccdf1, double pdf1,
            double a2, double cdf2, double ccdf2, double pdf2, double rho) {
        double f;
        if (rho == 1) {
            // Z₁ = Z₂ = Z: both positive iff Z > -min(a₁, a₂)
            f = a1 <= a2 ? (a1 * a2 + 1) * cdf1 + a2 * pdf1 : (a1 * a2 + 1) * cdf2 + a1 * pdf2;
        } else if (rho == -1) {
            // Z₂ = -Z₁: both positive iff -a₁ < Z₁ < a₂
            if (a1 + a2 <= 0) {
                return 0;
            }
            double p = a1 > 0 ? cdf2 - ccdf1 : cdf1 - ccdf2;
            f = (a1 * a2 - 1) * p + a2 * pdf1 + a1 * pdf2;
        } else {
            double q = Math.sqrt((1 - rho) * (1 + rho));
            double d1;
            double d2;
            if (rho >= 0) {
                d1 = (a2 - a1) + (1 - rho) * a1;
                d2 = (a1 - a2) + (1 - rho) * a2;
            } else {
                d1 = (a1 + a2) - (1 + rho) * a1;
                d2 = (a1 + a2) - (1 + rho) * a2;
            }
            double z1 = d1 / q;
            double z2 = d2 / q;
            double l = BivariateNormal.upper(-a1, -a2, rho, cdf1, ccdf1, cdf2, ccdf2);
            double e1 = Gaussian.halfSquareExp(Math.abs(z1));
            double e2 = Gaussian.halfSquareExp(Math.abs(z2));
            f = (a1 * a2 + rho) * l + a2 * pdf1 * Gaussian.cdf(z1, e1) + a1 * pdf2 * Gaussian.cdf(z2, e2)
                    + q * pdf1 * Gaussian.INV_SQRT_2PI * e1;
        }
        return Math.max(0, f);
    }
}
