package org.replearn.core.spectral;

import org.replearn.core.Validate;

/**
 * Spherical harmonics on {@code S^{d−1}} (docs/math.md §8): the dimension {@code N(d, ℓ)} of the degree-{@code ℓ}
 * harmonics and the Gegenbauer polynomials {@code Q_ℓ} of index {@code (d − 2)/2} normalized to {@code Q_ℓ(1) = 1},
 * for which {@code E_t[Q_ℓ(t) Q_ℓ'(t)] = δ_ℓℓ' / N(d, ℓ)} under the law of {@code t = θ·θ'}
 * ({@link GaussRules#sphereAngle}).
 */
public final class SphericalHarmonics {
    private SphericalHarmonics() {
    }

    /**
     * {@code N(d, ℓ) = (2ℓ + d − 2)/ℓ · C(ℓ + d − 3, ℓ − 1)} ({@code N(d, 0) = 1}), as a double: it exceeds the int
     * range already at {@code d = 1024, ℓ = 4}.
     */
    public static double multiplicity(int dimension, int degree) {
        Validate.atLeast("dimension", dimension, 3, "harmonics are counted on S^{d-1} with d >= 3");
        Validate.atLeast("degree", degree, 0, "degrees are >= 0");
        if (degree == 0) {
            return 1;
        }
        double binomial = 1;
        for (int i = 1; i < degree; i++) {
            binomial *= (dimension - 2.0 + i) / i;
        }
        return (2.0 * degree + dimension - 2) / degree * binomial;
    }

    /**
     * {@code out[ℓ] = Q_ℓ(t)} for {@code ℓ = 0 … maxDegree}, by
     * {@code Q_{ℓ+1}(t) = ((2ℓ + d − 2) t Q_ℓ(t) − ℓ Q_{ℓ−1}(t)) / (ℓ + d − 2)}.
     */
    public static void gegenbauer(int dimension, double t, int maxDegree, double[] out) {
        out[0] = 1;
        if (maxDegree >= 1) {
            out[1] = t;
        }
        for (int l = 1; l < maxDegree; l++) {
            out[l + 1] = ((2.0 * l + dimension - 2) * t * out[l] - l * out[l - 1]) / (l + dimension - 2.0);
        }
    }
}
