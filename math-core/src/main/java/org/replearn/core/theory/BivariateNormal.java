package org.replearn.core.theory;

/**
 * The standard bivariate normal distribution with correlation {@code ρ}: {@code (X, Y)} with unit variances and
 * {@code E XY = ρ}. {@link #cdf} is {@code Φ₂(h, k; ρ) = P(X <= h, Y <= k)}, {@link #upper} is
 * {@code P(X > h, Y > k) = Φ₂(-h, -k; ρ)}.
 *
 * <p>Algorithm: A. Genz, "Numerical computation of rectangular bivariate and trivariate normal and t probabilities",
 * Statistics and Computing 14 (2004) 251–260, §2.4 (his BVND/BVNU, in the 2013 form of {@code bvnu} in bvn.m): the
 * Drezner–Wesolowsky method (J. Statist. Comput. Simul. 35 (1990) 101–107) with Genz's double-precision
 * modifications. For {@code |ρ| < 0.925},
 * <pre>P(X > h, Y > k) = Φ(-h) Φ(-k) + (1/2π) ∫_0^{asin ρ} exp(-(h² + k² - 2hk sin θ) / (2 cos² θ)) dθ,</pre>
 * by Gauss–Legendre with 6, 12 or 20 points for {@code |ρ| < 0.3}, {@code < 0.75}, else; for {@code |ρ| >= 0.925}
 * the difference from the {@code ρ = ±1} limit, {@code Φ(-max(h, k))} (or {@code P(h < X < -k)} for {@code ρ < 0}),
 * is integrated in {@code sqrt(1 - ρ²)} after subtracting the first terms of its asymptotic expansion. Absolute error
 * about {@code 1e-15}; the tests check it against Commons Math's one-dimensional integration of
 * {@code ∫_{-∞}^h φ(x) Φ((k - ρx)/sqrt(1 - ρ²)) dx}, the closed form {@code Φ₂(0, 0; ρ) = 1/4 + asin(ρ)/(2π)} and the
 * limits {@code ρ = 0, ±1}. Univariate {@code Φ} is Schonfelder's expansion (package-private {@code Gaussian}).
 */
public final class BivariateNormal {
    private static final double TWO_PI = 2 * Math.PI;
    private static final double SQRT_TWO_PI = Math.sqrt(TWO_PI);
    /** {@code Φ(-40) < 4e-350}: beyond this limit a tail probability is 0 in double precision. */
    private static final double TAIL = 40;
    /** Positive Gauss–Legendre abscissas on [-1, 1] (each also used with the opposite sign) and their weights. */
    private static final double[] X6 = {0.9324695142031522, 0.6612093864662647, 0.2386191860831970};
    private static final double[] W6 = {0.1713244923791705, 0.3607615730481384, 0.4679139345726904};
    private static final double[] X12 = {0.9815606342467191, 0.9041172563704750, 0.7699026741943050,
        0.5873179542866171, 0.3678314989981802, 0.1252334085114692};
    private static final double[] W12 = {0.04717533638651177, 0.1069393259953183, 0.1600783285433464,
        0.2031674267230659, 0.2334925365383547, 0.2491470458134029};
    private static final double[] X20 = {0.9931285991850949, 0.9639719272779138, 0.9122344282513259,
        0.8391169718222188, 0.7463319064601508, 0.6360536807265150, 0.5108670019508271, 0.3737060887154196,
        0.2277858511416451, 0.07652652113349733};
    private static final double[] W20 = {0.01761400713915212, 0.04060142980038694, 0.06267204833410906,
        0.08327674157670475, 0.1019301198172404, 0.1181945319615184, 0.1316886384491766, 0.1420961093183821,
        0.1491729864726037, 0.1527533871307259};

    private BivariateNormal() {
    }

    /**
     * {@code Φ₂(h, k; ρ) = P(X <= h, Y <= k)}.
     *
     * @param h   upper limit for X; {@code ±∞} allowed, not NaN
     * @param k   upper limit for Y; {@code ±∞} allowed, not NaN
     * @param rho the correlation, in {@code [-1, 1]}
     */
    public static double cdf(double h, double k, double rho) {
        return upper(-h, -k, rho);
    }

    /**
     * {@code P(X > h, Y > k) = Φ₂(-h, -k; ρ)}.
     *
     * @param h   lower limit for X; {@code ±∞} allowed, not NaN
     * @param k   lower limit for Y; {@code ±∞} allowed, not NaN
     * @param rho the correlation, in {@code [-1, 1]}
     */
    public static double upper(double h, double k, double rho) {
        check(h, k, rho);
        return upper(h, k, rho, Gaussian.cdf(-h), Gaussian.cdf(h), Gaussian.cdf(-k), Gaussian.cdf(k));
    }

    /** The bivariate normal density {@code φ₂(h, k; ρ)} for {@code |ρ| < 1}. */
    public static double density(double h, double k, double rho) {
        check(h, k, rho);
        if (Math.abs(rho) == 1) {
            throw new IllegalArgumentException("rho = " + rho + ": the density of a degenerate (|ρ| = 1) bivariate "
                    + "normal does not exist; pass |rho| < 1");
        }
        double q2 = (1 - rho) * (1 + rho);
        return StrictMath.exp(-(h * h - 2 * rho * h * k + k * k) / (2 * q2)) / (TWO_PI * Math.sqrt(q2));
    }

    private static void check(double h, double k, double rho) {
        if (Double.isNaN(h) || Double.isNaN(k)) {
            throw new IllegalArgumentException("limits (" + h + ", " + k + ") contain NaN: pass numbers or ±Infinity");
        }
        if (!(rho >= -1 && rho <= 1)) {
            throw new IllegalArgumentException("rho = " + rho + " is not a correlation: pass -1 <= rho <= 1");
        }
    }

    /**
     * {@code P(X > h, Y > k)} given {@code Φ(-h), Φ(h), Φ(-k), Φ(k)} (callers that reuse them per variable save the
     * univariate evaluations). Arguments unchecked.
     */
    static double upper(double h, double k, double r, double cdfNegH, double cdfH, double cdfNegK, double cdfK) {
        // beyond |z| = 40 the normal tail (< 4e-350) is 0 in double precision: this also keeps h², k², hk finite
        if (h > TAIL || k > TAIL) {
            return 0;
        }
        if (h < -TAIL) {
            return k < -TAIL ? 1 : cdfNegK;
        }
        if (k < -TAIL) {
            return cdfNegH;
        }
        if (r == 0) {
            return cdfNegH * cdfNegK;
        }
        double ar = Math.abs(r);
        double[] xs;
        double[] ws;
        if (ar < 0.3) {
            xs = X6;
            ws = W6;
        } else if (ar < 0.75) {
            xs = X12;
            ws = W12;
        } else {
            xs = X20;
            ws = W20;
        }
        double hk = h * k;
        double bvn;
        if (ar < 0.925) {
            double hs = (h * h + k * k) / 2;
            double asr = StrictMath.asin(r) / 2;
            double sum = 0;
            for (int i = 0; i < xs.length; i++) {
                double sn = StrictMath.sin(asr * (1 - xs[i]));
                sum += ws[i] * StrictMath.exp((sn * hk - hs) / ((1 - sn) * (1 + sn)));
                sn = StrictMath.sin(asr * (1 + xs[i]));
                sum += ws[i] * StrictMath.exp((sn * hk - hs) / ((1 - sn) * (1 + sn)));
            }
            bvn = sum * asr / TWO_PI + cdfNegH * cdfNegK;
        } else {
            if (r < 0) {
                k = -k;
                hk = -hk;
                double t = cdfNegK;
                cdfNegK = cdfK;
                cdfK = t;
            }
            bvn = 0;
            if (ar < 1) {
                double as = (1 - ar) * (1 + ar);
                double a = Math.sqrt(as);
                double bs = (h - k) * (h - k);
                double asr = -(bs / as + hk) / 2;
                double c = (4 - hk) / 8;
                double d = (12 - hk) / 80;
                if (asr > -100) {
                    bvn = a * StrictMath.exp(asr) * (1 - c * (bs - as) * (1 - d * bs) / 3 + c * d * as * as);
                }
                if (hk > -100) {
                    double b = Math.sqrt(bs);
                    double sp = SQRT_TWO_PI * Gaussian.cdf(-b / a);
                    bvn -= StrictMath.exp(-hk / 2) * sp * b * (1 - c * bs * (1 - d * bs) / 3);
                }
                a /= 2;
                double sum = 0;
                for (int i = 0; i < xs.length; i++) {
                    sum += ws[i] * nearOneTerm(a * (1 - xs[i]), bs, hk, c, d);
                    sum += ws[i] * nearOneTerm(a * (1 + xs[i]), bs, hk, c, d);
                }
                bvn = (a * sum - bvn) / TWO_PI;
            }
            if (r > 0) {
                bvn += h >= k ? cdfNegH : cdfNegK;
            } else if (h >= k) {
                bvn = -bvn;
            } else {
                double l = h < 0 ? cdfK - cdfH : cdfNegH - cdfNegK;
                bvn = l - bvn;
            }
        }
        return Math.max(0, Math.min(1, bvn));
    }

    /** One node of the {@code |ρ| >= 0.925} integral, {@code x = a·(1 ± node)}. */
    private static double nearOneTerm(double x, double bs, double hk, double c, double d) {
        double xs = x * x;
        double asr = -(bs / xs + hk) / 2;
        if (!(asr > -100)) {
            return 0;
        }
        double sp = 1 + c * xs * (1 + 5 * d * xs);
        double rs = Math.sqrt(1 - xs);
        double ep = StrictMath.exp(-(hk / 2) * xs / ((1 + rs) * (1 + rs))) / rs;
        return StrictMath.exp(asr) * (sp - ep);
    }
}
