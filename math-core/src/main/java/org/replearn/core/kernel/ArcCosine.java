package org.replearn.core.kernel;

/**
 * Arc-cosine expectations (Cho &amp; Saul 2009) of a centered Gaussian pair {@code (u, v)} with standard deviations
 * {@code σ_u, σ_v} and correlation {@code ρ = cos θ}: {@code E[σ(u)σ(v)] = σ_u σ_v (sin θ + (π − θ) cos θ) / 2π}
 * for the ReLU {@code σ}, and {@code E[1[u>0] 1[v>0]] = (π − θ) / 2π}.
 */
final class ArcCosine {
    private static final double TWO_PI = 2 * Math.PI;

    private ArcCosine() {
    }

    /** {@code ρ = cov / (σ_u σ_v)}, clamped to {@code [-1, 1]} against rounding. */
    static double correlation(double cov, double sdProduct) {
        double rho = cov / sdProduct;
        return rho > 1 ? 1 : rho < -1 ? -1 : rho;
    }

    /** {@code θ = arccos ρ} (StrictMath, identical on every JVM). */
    static double angle(double rho) {
        return StrictMath.acos(rho);
    }

    /** {@code E[σ(u)σ(v)]}, with {@code sin θ = sqrt(1 − ρ²)}. */
    static double relu(double sdProduct, double rho, double theta) {
        return sdProduct * (Math.sqrt(1 - rho * rho) + (Math.PI - theta) * rho) / TWO_PI;
    }

    /** {@code E[1[u>0] 1[v>0]]}. */
    static double step(double theta) {
        return (Math.PI - theta) / TWO_PI;
    }
}
